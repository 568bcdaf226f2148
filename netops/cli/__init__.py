"""The ``netops`` command line (Typer). Only this package prints."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from netops import __version__
from netops.cli import audit as audit_cli
from netops.cli import inventory, lab, poll, school, service
from netops.cli import outages as outages_cli
from netops.cli import provision as provision_cli
from netops.cli import report as report_cli

app = typer.Typer(
    name="netops",
    help="Run a regional school network: gigabit to school, 100M to desktop.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(inventory.app, name="inventory")
app.add_typer(school.app, name="school")
app.add_typer(lab.app, name="lab")
app.add_typer(poll.app, name="poll")
app.command("serve")(poll.serve)
app.add_typer(service.app, name="service")
app.add_typer(report_cli.app, name="report")
app.command("outages")(outages_cli.outages)
app.add_typer(audit_cli.app, name="audit")
app.add_typer(provision_cli.app, name="provision")


def _add_plugin_commands() -> None:
    """Commands of other packages (``netops tui``), from the ``netops.commands`` entry points.

    netops never imports those packages itself; an entry point names a light function
    (its heavy imports happen when the command runs). A name that clashes is a bug.
    """
    from importlib.metadata import entry_points  # noqa: PLC0415 (only here)

    taken = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for entry in entry_points(group="netops.commands"):
        if entry.name in taken:
            msg = f"netops.commands entry point {entry.value!r}: {entry.name!r} already exists"
            raise RuntimeError(msg)
        try:
            command = entry.load()
        except (ImportError, AttributeError) as exc:  # a broken plugin must not take the CLI down
            print(
                f"netops: command {entry.name!r} unavailable ({entry.value}: {exc})",
                file=sys.stderr,
            )
            continue
        app.command(entry.name)(command)
        taken.add(entry.name)


_add_plugin_commands()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netops {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """netops: inventory, provisioning, monitoring, audits and statistics."""


def main() -> None:
    """Console-script entry point."""
    app()
