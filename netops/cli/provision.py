"""``netops provision``: push a school's configuration with Ansible, then verify it.

Only the commands are declared here; the work (Ansible, rich progress, the CLI
collector) is imported from ``provision_run`` when a command runs, so ``netops``
starts fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="Push the inventory to school switches and terminals (Ansible), and verify it.",
    no_args_is_help=True,
)

SchoolId = Annotated[str, typer.Argument(metavar="ID", help="School id, e.g. xy-0002.")]
Check = Annotated[bool, typer.Option("--check", help="Show what would change; change nothing.")]
Diff = Annotated[bool, typer.Option("--diff", help="Show the configuration lines that change.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
Forks = Annotated[
    int | None, typer.Option(min=1, max=200, help="Hosts at once (default: the setting, 10).")
]


@app.command("school")
def school_command(
    school_id: SchoolId,
    check: Check = False,
    diff: Diff = False,
    limit: Annotated[
        str | None,
        typer.Option(help="Only these hosts of the school: names, globs, switches, terminals."),
    ] = None,
    forks: Forks = None,
    as_json: Json = False,
) -> None:
    """Provision one school's switches and terminals; exit 1 when any host failed."""
    from netops.cli.provision_run import school_command as run  # noqa: PLC0415

    run(school_id, check, diff, limit, forks, as_json)


@app.command("county")
def county_command(
    name: Annotated[str, typer.Argument(help="County id, e.g. xingyi.")],
    batch: Annotated[int, typer.Option(min=1, help="Schools per Ansible run.")] = 5,
    max_fail_percent: Annotated[
        float,
        typer.Option(
            min=0, max=100, help="Stop when more than this share of a batch's schools fail."
        ),
    ] = 0.0,
    check: Check = False,
    diff: Diff = False,
    limit: Annotated[
        str | None,
        typer.Option(help="Only these hosts of each school: switches, terminals, globs."),
    ] = None,
    forks: Forks = None,
    as_json: Json = False,
) -> None:
    """Provision a county's schools in batches; stop when a batch fails more than allowed."""
    from netops.cli.provision_run import county_command as run  # noqa: PLC0415

    run(name, batch, max_fail_percent, check, diff, limit, forks, as_json)


@app.command("verify")
def verify_command(school_id: SchoolId, as_json: Json = False) -> None:
    """Read the school's switches back and report drift from the inventory; exit 1 on drift."""
    from netops.cli.provision_run import verify_command as run  # noqa: PLC0415

    run(school_id, as_json)
