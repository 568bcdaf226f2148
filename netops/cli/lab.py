"""``netops lab``: the digital twin on 127.0.0.1 (up, status, down, fault)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.output import console, errors, load_or_exit
from netops.lab.scope import Scope

if TYPE_CHECKING:
    from netops.lab.lab import LabStatus

# The lab (asyncssh, SNMP agents, InfluxDB) loads inside the commands: importing netops.cli
# must stay cheap (``netops --help``, the TUI's start). Scope is light: --scope's type.

app = typer.Typer(
    help="The lab: SNMP agents, SSH simulators and InfluxDB on 127.0.0.1.", no_args_is_help=True
)

LabDir = Annotated[
    Path | None, typer.Option("--dir", help="Lab directory (NETOPS_LAB_DIR).", show_default=False)
]


def _directory(path: Path | None) -> Path:
    from netops.settings import get_settings  # noqa: PLC0415 (lazy: see above)

    return (path if path is not None else get_settings().lab_dir).resolve()


def _scope(text: str) -> Scope:
    try:
        return Scope.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command("up")
def up_command(
    scope: Annotated[
        Scope,
        typer.Option(
            parser=_scope,
            metavar="all|county NAME|schools N",
            help="What part of the prefecture to run.",
        ),
    ] = "county xingyi",  # type: ignore[assignment]
    directory: LabDir = None,
    inventory: Annotated[Path | None, typer.Option(help="Inventory directory.")] = None,
    snmp_processes: Annotated[
        int, typer.Option(min=1, max=16, help="snmpsim responder processes.")
    ] = 2,
    v3_share: Annotated[
        float, typer.Option(min=0, max=1, help="Share of devices on SNMPv3 only.")
    ] = 0.1,
) -> None:
    """Start the lab (safe to run twice) and write its lab file."""
    from netops.lab.influx import InfluxError  # noqa: PLC0415 (lazy: see above)
    from netops.lab.lab import LabError, status, up  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    loaded = load_or_exit(inventory)
    lab_dir = _directory(directory)
    try:
        with console.status("starting the lab...") as spinner:
            lab = up(
                loaded,
                scope,
                lab_dir,
                snmp_processes=snmp_processes,
                v3_share=v3_share,
                v3_auth_protocol=get_settings().snmp.v3_auth_protocol,
                progress=lambda step: spinner.update(f"lab: {step}..."),
            )
    except (LabError, InfluxError, KeyError, TimeoutError, OSError) as exc:
        errors.print(f"lab up failed: {exc}")
        raise typer.Exit(1) from None
    console.print(f"lab up in {lab.directory} ({lab.scope}, {lab.devices} devices)")
    _print_status(status(lab_dir))


@app.command("status")
def status_command(
    directory: LabDir = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Every piece of the lab: running, answering; exit 1 when one is not."""
    from netops.lab.lab import LabError, status  # noqa: PLC0415 (lazy: see above)

    try:
        report = status(_directory(directory))
    except LabError as exc:
        errors.print(str(exc))
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        _print_status(report)
    if not report.healthy:
        raise typer.Exit(1)


def _print_status(report: LabStatus) -> None:
    from rich.table import Table  # noqa: PLC0415 (lazy: see above)

    table = Table(
        "piece",
        "pid",
        "state",
        "detail",
        title=f"lab {report.scope} ({report.devices} devices) in {report.directory}",
    )
    for piece in report.pieces:
        state = (
            "ok"
            if piece.alive and piece.answering
            else ("not answering" if piece.alive else "[red]crashed[/red]")
        )
        table.add_row(piece.name, str(piece.pid), state, piece.detail)
    console.print(table)
    if report.faults:
        console.print("active faults: " + "; ".join(report.faults))


@app.command("probe")
def probe_command(
    hosts: Annotated[list[str] | None, typer.Argument(help="Devices (default: a sample).")] = None,
    directory: LabDir = None,
) -> None:
    """Show that the lab answers: SNMP GET and SSH `display version` on a few devices."""
    from rich.table import Table  # noqa: PLC0415 (lazy: see above)

    from netops.lab.lab import LabError  # noqa: PLC0415
    from netops.lab.probe import probe  # noqa: PLC0415

    try:
        results = probe(_directory(directory), hosts)
    except (LabError, KeyError) as exc:
        errors.print(str(exc))
        raise typer.Exit(1) from None
    table = Table("device", "SNMP", "SSH", title="lab probe")
    for result in results:
        table.add_row(result.hostname, result.snmp, result.ssh)
    console.print(table)
    if not results or not all(r.ok for r in results):
        raise typer.Exit(1)


@app.command("down")
def down_command(directory: LabDir = None) -> None:
    """Stop exactly the processes the lab started."""
    from netops.lab.lab import down  # noqa: PLC0415 (lazy: see above)

    stopped = down(_directory(directory))
    console.print(
        f"lab down: stopped {len(stopped)} process(es)" if stopped else "no lab was running"
    )


# Optical power is negative (-28.5 dBm): let such values through as arguments.
@app.command("fault", context_settings={"ignore_unknown_options": True})
def fault_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="link-down, device-down, speed, duplex, optics, counter-reset,"
            " slow, load, influx-down, or clear",
        ),
    ],
    target: Annotated[
        str | None, typer.Argument(help="HOST:PORT, a device, a school id or a county id")
    ] = None,
    value: Annotated[
        str | None, typer.Argument(help="speed Mb/s, duplex half|full, optics dBm, slow ms, load %")
    ] = None,
    directory: LabDir = None,
) -> None:
    """Inject a reversible fault, or clear them all."""
    from netops.lab.faults import FaultError, FaultKind  # noqa: PLC0415 (lazy: see above)
    from netops.lab.lab import LabError, clear_faults, inject_fault  # noqa: PLC0415
    from netops.lab.labfile import read_lab_file  # noqa: PLC0415

    lab_dir = _directory(directory)
    try:
        if kind == "clear":
            console.print(f"cleared {clear_faults(lab_dir)} fault(s)")
            return
        fault = FaultKind(kind)
        if target is None and fault is not FaultKind.INFLUX_DOWN:
            raise FaultError(f"{kind} needs a target: HOST:PORT, device, school or county")
        lab = read_lab_file(lab_dir)
        inventory = load_or_exit(lab.inventory if lab else None)
        console.print("fault: " + inject_fault(inventory, lab_dir, fault, target or "", value))
    except ValueError as exc:  # FaultError and an unknown kind
        errors.print(str(exc))
        raise typer.Exit(1) from None
    except LabError as exc:
        errors.print(str(exc))
        raise typer.Exit(1) from None
