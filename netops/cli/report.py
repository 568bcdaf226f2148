"""``netops report coverage``: the bureau's statistics as CSV, XLSX or JSON."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.output import console, errors, load_or_exit
from netops.clock import Clock, SystemClock

if TYPE_CHECKING:
    from rich.progress import TaskID

    from netops.reports.models import CoverageReport
    from netops.reports.runner import CoverageRequest

# The reports (openpyxl, the store) load inside the command: importing netops.cli must stay
# cheap (``netops --help``, the TUI's start).

app = typer.Typer(help="Statistics for the education bureau.", no_args_is_help=True)
#: The clock reports are made by (tests replace it).
CLOCK: Clock = SystemClock()

STEPS = {"audits": "stored audits", "outages": "outages", "history": "uplink history (InfluxDB)"}


class Format(StrEnum):
    """Output formats of a report."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


def _gather(request: CoverageRequest) -> CoverageReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # noqa: PLC0415

    from netops.reports.runner import build_coverage  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    inventory = load_or_exit(None)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(STEPS.get(step, step), total=total)
            bar.update(tasks[step], completed=done, total=total)

        return build_coverage(settings, inventory, request, CLOCK, progress)


@app.command("coverage")
def coverage(
    by: Annotated[str, typer.Option(help="Group rows by county, type, or county,type.")] = "county",
    period: Annotated[
        str, typer.Option(help="day, week, month (the one containing --at) or YYYY-MM.")
    ] = "month",
    at: Annotated[
        str | None,
        typer.Option(help="A date (YYYY-MM-DD, local) inside the period; default: now."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="csv, xlsx or json.")] = Format.CSV,
    out: Annotated[
        Path | None, typer.Option(help="File to write (required for xlsx); default: stdout.")
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the CSV with a UTF-8 BOM (for Excel).")
    ] = False,
) -> None:
    """Schools connected, gigabit to school, 100M to desktop, availability, outage minutes.

    Computed only from stored data (audits, outages, InfluxDB history): a past period
    gives the same file every time.
    """
    from netops.reports.runner import CoverageRequest, ReportError, parse_by  # noqa: PLC0415
    from netops.reports.table import to_csv, to_json  # noqa: PLC0415 (lazy: see above)
    from netops.reports.xlsx import write_xlsx  # noqa: PLC0415
    from netops.store.errors import StoreError  # noqa: PLC0415

    if fmt is Format.XLSX and out is None:
        errors.print("--format xlsx needs --out FILE")
        raise typer.Exit(2)
    try:
        request = CoverageRequest(period=period, at=at, by=parse_by(by))
        report = _gather(request)
    except (ReportError, StoreError) as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(1) from None
    for note in report.notes:
        errors.print(f"note: {note}", markup=False)
    if fmt is Format.XLSX:
        assert out is not None  # checked above
        write_xlsx(report, out)
    else:
        text = to_csv(report, bom=bom) if fmt is Format.CSV else to_json(report)
        if out is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="")
    console.print(
        f"wrote {out} ({report.period.label}, {len(report.groups)} group(s),"
        f" {report.totals.schools} schools)",
        markup=False,
    )
