"""The ``netops`` command line (Typer). Only this package prints."""

from __future__ import annotations

from typing import Annotated

import typer

from netops import __version__
from netops.cli import inventory, lab, poll, school, service

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
