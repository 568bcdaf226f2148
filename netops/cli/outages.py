"""``netops outages``: what is down, since when, and who it cuts off."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.output import console, errors

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.table import Table

    from netops.clock import Clock
    from netops.inventory.inventory import Inventory
    from netops.outages.models import Outage
    from netops.outages.store import OutageRepository
    from netops.service.cycle import Sink
    from netops.settings import Settings

# The outage store and rich tables load inside the functions: importing netops.cli must
# stay cheap (``netops --help``, the TUI's start).

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
#: When neither --open nor --since is given: the last day.
DEFAULT_SINCE = "24h"


def parse_since(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """``24h``, ``7d``, ``2026-11-01`` (midnight, prefecture time) or an ISO date and time.

    Raises:
        typer.BadParameter: none of those.
    """
    match = re.fullmatch(r"\s*(\d+)\s*([smhdw])\s*", text)
    if match:
        return now - timedelta(seconds=int(match[1]) * _UNITS[match[2]])
    try:
        return datetime.combine(date.fromisoformat(text), time(0), tzinfo=zone)
    except ValueError:
        pass
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r}: expected a duration (30m, 24h, 7d) or a date (2026-11-01)"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)


def human(seconds: float) -> str:
    """``45 s``, ``12 min``, ``3 h 05 min``, ``2 d 4 h``."""
    s = int(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60:02d} min"
    return f"{s // 86400} d {s % 86400 // 3600} h"


def select(
    repository: OutageRepository, only_open: bool, since: datetime, now: datetime
) -> list[Outage]:
    """The outages asked for, largest blast radius (students) first."""
    found = repository.open() if only_open else repository.between(since, now)
    return sorted(found, key=lambda o: (-o.blast.students, -o.blast.classrooms, o.started))


def table(outages: list[Outage], now: datetime, zone: ZoneInfo, title: str) -> Table:
    """The rich table of ``netops outages``."""
    from rich.table import Table  # noqa: PLC0415 (lazy: see above)

    grid = Table(title=title)
    local = now.astimezone(zone).tzname() or zone.key  # say which clock the times are on
    for column in ("id", "kind", "root cause", f"since ({local})", f"ended ({local})", "duration"):
        grid.add_column(column, no_wrap=column != "root cause")
    for column in ("schools", "rooms", "students"):
        grid.add_column(column, justify="right")
    grid.add_column("teaching")
    for o in outages:
        kind = f"{o.kind.value}{' (flapping)' if o.flapping else ''}"
        grid.add_row(
            str(o.id),
            kind,
            f"[bold]{o.root}[/bold]\n{o.reason}",
            o.started.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            o.ended.astimezone(zone).strftime("%Y-%m-%d %H:%M") if o.ended else "[red]open[/red]",
            human(o.duration(now)),
            f"{len(o.blast.schools):,}",
            f"{o.blast.classrooms:,}",
            f"{o.blast.students:,}",
            "yes" if o.teaching_hours else "no",
        )
    return grid


def outages(
    only_open: Annotated[bool, typer.Option("--open", help="Only outages still going on.")] = False,
    since: Annotated[
        str | None,
        typer.Option(help="Outages since a time: 24h, 7d, 2026-11-01 (prefecture time)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Outages sorted by blast radius: root cause, since/ended, schools, rooms, students."""
    from netops.clock import SystemClock  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    show(get_settings(), SystemClock(), only_open=only_open, since=since, as_json=as_json)


def show(
    settings: Settings, clock: Clock, *, only_open: bool, since: str | None, as_json: bool
) -> None:
    """Print the outages asked for (table or JSON)."""
    import sqlite3  # noqa: PLC0415 (lazy: see above)

    from netops.outages.store import OutageRepository  # noqa: PLC0415
    from netops.state.db import open_state  # noqa: PLC0415

    zone = settings.timetable.zone
    now = clock.now()
    start = parse_since(since or DEFAULT_SINCE, now, zone)
    try:
        repository = OutageRepository(open_state(settings.state_path))
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        errors.print(f"cannot read outages from {settings.state_path}: {exc}")
        raise typer.Exit(1) from None
    found = select(repository, only_open, start, now)
    repository.db.close()
    if as_json:
        data = [
            {**o.model_dump(mode="json"), "duration_s": round(o.duration(now), 1)} for o in found
        ]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if only_open:
        title = f"open outages: {len(found)}"
    else:
        title = f"outages since {start.astimezone(zone):%Y-%m-%d %H:%M %Z}: {len(found)}"
    if not found:
        console.print(f"{title} (nothing down)")
        return
    console.print(table(found, now, zone, title))


def outage_sinks(settings: Settings, inventory: Inventory) -> list[Sink]:
    """The outage tracker as a poll-cycle sink (none, said on stderr, if its DB fails)."""
    import sqlite3  # noqa: PLC0415 (lazy: see above)

    from netops.outages.detector import OutageTracker  # noqa: PLC0415

    try:
        return [OutageTracker.from_settings(settings, inventory)]
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        errors.print(f"outages not tracked: state database {settings.state_path}: {exc}")
        return []
