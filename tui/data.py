"""Where the TUI's data comes from: the ``NocSource`` protocol and the shared arithmetic.

A source is called from worker threads only (never the UI thread). Two exist:
``tui.live.LiveSource`` (state database, InfluxDB, inventory) and
``tui.fixture.FixtureSource`` (fixed, deterministic data for tests and benchmarks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tui.models import (
    COMPLIANT,
    NON_COMPLIANT,
    NOT_MONITORED,
    Counts,
    CountyRow,
    Directory,
    NocSnapshot,
    OutageRow,
    SchoolDetail,
    SchoolInfo,
    TerminalInfo,
)

if TYPE_CHECKING:  # the inventory's models are slow to import: not before the first frame
    from netops.inventory.inventory import Inventory


class NocSource(Protocol):
    """The TUI's only way to data; every method may block (call it from a worker)."""

    def directory(self) -> Directory:
        """Counties, schools and devices (inventory), for names and the palette."""
        ...

    def snapshot(self) -> NocSnapshot:
        """Overview, open outages, compliance and freshness, as of now."""
        ...

    def outage_history(self, hours: float) -> tuple[OutageRow, ...]:
        """Outages that started in the last ``hours``, open or closed, newest first."""
        ...

    def school(self, school_id: str) -> SchoolDetail | None:
        """One school's detail, or None when the inventory does not know it."""
        ...


@dataclass(frozen=True, slots=True)
class SchoolState:
    """A school's standing as the overview counts it."""

    school: str
    county: str
    bucket: str
    up: bool | None
    """Uplink/core reachable at the last poll; None when nothing says."""


def directory_of(inventory: Inventory) -> Directory:
    """The names the TUI needs from an inventory."""
    counties = {cid: inventory.counties[cid].name for cid in inventory.prefecture.counties}
    schools: dict[str, SchoolInfo] = {}
    devices: dict[str, str] = {d.hostname: "" for d in inventory.prefecture.core}
    for county in inventory.counties.values():
        devices.update((d.hostname, county.id) for d in county.aggregation)
    for school in sorted(inventory.schools.values(), key=lambda s: (s.county, s.name)):
        schools[school.id] = SchoolInfo(
            id=school.id,
            name=school.name,
            county=school.county,
            type=str(school.type),
            students=school.students,
            rooms=len(school.rooms),
            devices=tuple(d.hostname for d in school.devices),
            uplink_device=school.uplink.a.device,
            uplink_port=school.uplink.a.port,
            uplink_mbps=school.uplink.contracted_mbps,
            terminals=tuple(
                TerminalInfo(room.id, room.name, t.hostname, t.switch, t.port)
                for room in school.rooms
                for t in room.terminals
            ),
        )
        devices.update((d.hostname, school.id) for d in school.devices)
    return Directory(counties=counties, schools=schools, devices=devices)


def count_schools(
    directory: Directory, states: Iterable[SchoolState], outages: Sequence[OutageRow]
) -> tuple[Counts, tuple[CountyRow, ...]]:
    """Prefecture totals and one row per county (plan order).

    Schools without a state count as not monitored: no data is never compliant.
    """
    known = {state.school: state for state in states}
    per: dict[str, dict[str, int]] = {cid: _zero() for cid in directory.counties}
    for info in directory.schools.values():
        row = per.setdefault(info.county, _zero())
        state = known.get(info.id)
        bucket = state.bucket if state else NOT_MONITORED
        row["schools"] += 1
        row[bucket if bucket in (COMPLIANT, NON_COMPLIANT) else NOT_MONITORED] += 1
        row["schools_up"] += bool(state and state.up)
    total = _zero()
    for outage in outages:
        if not outage.is_open or outage.suppressed:
            continue
        if outage.county in per:
            per[outage.county]["open_outages"] += 1
            per[outage.county]["students_affected"] += outage.students
        total["open_outages"] += 1
        total["students_affected"] += outage.students
    rows = []
    for cid, numbers in per.items():
        for name in ("schools", "schools_up", COMPLIANT, NON_COMPLIANT, NOT_MONITORED):
            total[name] += numbers[name]
        rows.append(CountyRow(cid, directory.county_name(cid), _counts(numbers)))
    return _counts(total), tuple(rows)


def _zero() -> dict[str, int]:
    return dict.fromkeys(
        (
            "schools",
            "schools_up",
            COMPLIANT,
            NON_COMPLIANT,
            NOT_MONITORED,
            "open_outages",
            "students_affected",
        ),
        0,
    )


def _counts(numbers: dict[str, int]) -> Counts:
    return Counts(
        schools=numbers["schools"],
        schools_up=numbers["schools_up"],
        compliant=numbers[COMPLIANT],
        non_compliant=numbers[NON_COMPLIANT],
        not_monitored=numbers[NOT_MONITORED],
        open_outages=numbers["open_outages"],
        students_affected=numbers["students_affected"],
    )


def by_blast(outages: Iterable[OutageRow]) -> tuple[OutageRow, ...]:
    """Open outages, widest blast radius first (students, classrooms, schools, oldest)."""
    return tuple(
        sorted(
            outages,
            key=lambda o: (-o.students, -o.classrooms, -o.schools, o.started, o.id),
        )
    )
