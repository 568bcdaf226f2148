"""Issue 7's fault list against the lab, end to end: each fault's audit bucket and reason,
its outage (root cause, blast radius) or the absence of one, and the report's counts.

Two scenes, each polled once for all its tests (the tests only read):

- ``port_faults``: a clean cycle, then four faults on four schools at once (xy-0002's
  uplink cut, xy-0004's uplink at 100 Mb/s, xy-0003's optics at -28.5 dBm, half duplex
  in a room of xy-0005; xy-0001 and xy-0006 are the controls), one cycle, one audit, one
  report.
- ``aggregation_down``: xy-agg01 powered off for two cycles (``missed_polls=2``), an
  audit and a report, then the fault cleared and one more cycle.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import pytest
from rich.console import Console

from netops.cli.audit_view import print_school
from netops.compliance.models import Audit, Bucket, SchoolResult
from netops.lab.faults import FaultKind
from netops.lab.lab import clear_faults, inject_fault
from netops.outages.models import Outage, OutageKind
from netops.outages.topology import link_id
from netops.reports.models import CoverageReport, CoverageRow
from tests.integration.compliance.cycles import LabCycles, lab_schools, lab_settings
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CUT, SLOW, DIM, HALF = "xy-0002", "xy-0004", "xy-0003", "xy-0005"
CONTROLS = ("xy-0001", "xy-0006")
AGGREGATION = "xy-agg01"
COUNTY = "xingyi"


@dataclass(frozen=True)
class Scene:
    """What one scene's polls produced."""

    lab: RunningLab
    before: list[Outage]
    """Open outages after the faulted cycle(s) but one (aggregation: after one missed poll)."""
    outages: list[Outage]
    audit: Audit
    report: CoverageReport
    reported_at: datetime
    after: list[Outage]
    """Open outages after the fault was cleared and the lab polled again."""
    closed: list[Outage]
    """The scene's outages as stored once cleared."""

    def school(self, school_id: str) -> SchoolResult:
        found = self.audit.school(school_id)
        assert found is not None
        return found

    def county(self) -> CoverageRow:
        return next(r for r in self.report.groups if r.county == COUNTY)


def clean_room(lab: RunningLab, school_id: str) -> tuple[str, str]:
    """A room of the school with one terminal the inventory wires at full rate, and its port."""
    for room in lab.inventory.schools[school_id].rooms:
        [*others, terminal] = room.terminals
        if not others and terminal.nic_mbps >= 100 and terminal.nic_duplex == "full":
            return room.id, f"{terminal.switch}:{terminal.port}"
    raise AssertionError(f"{school_id} has no clean room")


def _close(cycles: LabCycles, outages: list[Outage]) -> tuple[list[Outage], list[Outage]]:
    """Clear the faults and poll: the outages still open, and the scene's outages stored."""
    clear_faults(cycles.lab.directory)
    assert cycles.poll().failures == {}
    since = min((o.started for o in outages), default=datetime.now(UTC))
    return cycles.open_outages(), cycles.tracker.repository.between(since, datetime.now(UTC))


@pytest.fixture(scope="module")
def port_faults(lab: RunningLab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    cycles = LabCycles(lab, lab_settings(lab, tmp_path_factory.mktemp("port-faults")))
    try:
        assert cycles.poll().failures == {}  # every uplink seen up today: all six connected
        assert cycles.open_outages() == []  # the lab as seeded: nothing down
        inject_fault(lab.inventory, lab.directory, FaultKind.LINK_DOWN, CUT)
        inject_fault(lab.inventory, lab.directory, FaultKind.SPEED, SLOW, "100")
        inject_fault(lab.inventory, lab.directory, FaultKind.OPTICS, DIM, "-28.5")
        inject_fault(lab.inventory, lab.directory, FaultKind.DUPLEX, clean_room(lab, HALF)[1])
        assert cycles.poll().failures == {}  # port faults: every switch still answers
        outages = cycles.open_outages()
        audit = cycles.audit(f"county {COUNTY}")
        reported_at = later()
        report = cycles.report(now=reported_at)
        after, closed = _close(cycles, outages)
        yield Scene(lab, [], outages, audit, report, reported_at, after, closed)
    finally:
        clear_faults(lab.directory)


@pytest.fixture(scope="module")
def aggregation_down(lab: RunningLab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    cycles = LabCycles(lab, lab_settings(lab, tmp_path_factory.mktemp("aggregation-down")))
    try:
        inject_fault(lab.inventory, lab.directory, FaultKind.DEVICE_DOWN, AGGREGATION)
        assert cycles.poll().failures.keys() == {AGGREGATION}
        before = cycles.open_outages()
        assert cycles.poll().failures.keys() == {AGGREGATION}
        outages = cycles.open_outages()
        audit = cycles.audit(f"county {COUNTY}")
        reported_at = later()
        report = cycles.report(now=reported_at)
        after, closed = _close(cycles, outages)
        yield Scene(lab, before, outages, audit, report, reported_at, after, closed)
    finally:
        clear_faults(lab.directory)


def later() -> datetime:
    """A report's time half an hour on (an outage of a few seconds still counts minutes), but
    today still (UTC, the tests' timetable): the day's audit must be in the period."""
    now = datetime.now(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=UTC)
    return min(now + timedelta(minutes=30), midnight - timedelta(microseconds=1))


def minutes(outage: Outage, scene: Scene) -> float:
    """The outage's minutes in the report's period (today, up to the report's time)."""
    since = max(outage.started, scene.report.period.start)
    return (scene.reported_at - since).total_seconds() / 60


# -- link down ---------------------------------------------------------------------------


def test_link_down_fails_the_uplink(port_faults: Scene) -> None:
    got = port_faults.school(CUT)
    assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
    down = next(f for f in got.findings if f.code == "uplink_down")
    assert "is down: check the fiber" in down.message
    [outage] = port_faults.outages
    named = next(f for f in got.findings if f.code == "uplink_outage")
    assert f"open outage {outage.id} since" in named.message


def test_link_down_is_one_link_outage_of_that_school(port_faults: Scene) -> None:
    school = port_faults.lab.inventory.schools[CUT]
    [outage] = port_faults.outages  # speed, optics and duplex faults are no outages
    assert outage.kind is OutageKind.LINK_DOWN and outage.root == link_id(school.uplink)
    assert (outage.county, outage.school) == (COUNTY, CUT)
    assert outage.blast.schools == [CUT]
    assert outage.blast.classrooms == len(school.rooms)
    assert outage.blast.students == school.students
    assert outage.suppressed == []
    assert outage.reason.startswith("school uplink ") and f"school {CUT} (" in outage.reason
    # Cleared and polled: closed, and found again by its period.
    assert port_faults.after == []
    [closed] = port_faults.closed
    assert closed.id == outage.id and closed.ended is not None


def test_link_down_counts_outage_minutes_in_the_report(port_faults: Scene) -> None:
    [outage] = port_faults.outages
    expected = round(minutes(outage, port_faults), 1)
    assert expected > 0
    assert port_faults.county().school_outage_minutes == expected
    assert port_faults.report.totals.school_outage_minutes == expected
    others = [r for r in port_faults.report.groups if r.county != COUNTY]
    assert all(r.school_outage_minutes == 0 for r in others)


# -- 100M uplink, optics low ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("school", "code", "words"),
    [
        (SLOW, "uplink_speed", "negotiated 100 Mb/s, needs >= 1000 Mb/s"),
        (DIM, "uplink_rx_low", "receives -28.5 dBm, below the module's floor -20.0 dBm"),
    ],
)
def test_a_degraded_uplink_fails_the_school(
    port_faults: Scene, school: str, code: str, words: str
) -> None:
    got = port_faults.school(school)
    assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
    finding = next(f for f in got.findings if f.code == code)
    assert words in finding.message
    assert all(school not in o.blast.schools for o in port_faults.outages)  # no outage


# -- half duplex -------------------------------------------------------------------------


def test_half_duplex_fails_the_room_only(port_faults: Scene) -> None:
    room_id, port = clean_room(port_faults.lab, HALF)
    got = port_faults.school(HALF)
    room = next(r for r in got.rooms if r.room == room_id)
    assert room.bucket is Bucket.NON_COMPLIANT and room.duplex == "half"
    [finding] = room.findings
    assert finding.code == "access_duplex" and "runs half duplex, needs full" in finding.message
    assert finding.subject == port.replace(":", " ")
    assert got.uplink_bucket is not Bucket.NON_COMPLIANT
    assert all(HALF not in o.blast.schools for o in port_faults.outages)  # no outage


# -- the report of the port faults -------------------------------------------------------


def buckets(audit: Audit, bucket: Bucket) -> set[str]:
    return {s.school for s in audit.schools if s.bucket is bucket}


def test_the_report_counts_every_port_fault(port_faults: Scene) -> None:
    lab, audit, row = port_faults.lab, port_faults.audit, port_faults.county()
    schools = lab_schools(lab)
    gigabit = {s.school for s in audit.schools if s.uplink_bucket is Bucket.COMPLIANT}
    assert gigabit.isdisjoint({CUT, SLOW, DIM}) and set(CONTROLS) <= gigabit
    assert row.schools_gigabit == len(gigabit) == port_faults.report.totals.schools_gigabit
    assert row.schools == len(lab.inventory.schools_in(COUNTY)) == len(audit.schools)
    assert row.schools_connected == len(schools)  # all seen up in the clean cycle
    # Every lab school has legacy rooms (and now a fault or two): non-compliant.
    non_compliant = buckets(audit, Bucket.NON_COMPLIANT)
    assert {s.id for s in schools} <= non_compliant
    assert row.schools_non_compliant == len(non_compliant)
    assert row.schools_compliant == len(buckets(audit, Bucket.COMPLIANT)) == 0
    assert row.schools_not_monitored == len(buckets(audit, Bucket.NOT_MONITORED))
    legacy = {
        (s.id, room.id)
        for s in schools
        for room in s.rooms
        if any(t.nic_mbps < 100 or t.nic_duplex != "full" for t in room.terminals)
    }
    failing = {
        (s.school, r.room)
        for s in audit.schools
        for r in s.rooms
        if r.bucket is Bucket.NON_COMPLIANT
    }
    assert failing == legacy | {(HALF, clean_room(lab, HALF)[0])}
    assert row.rooms_non_compliant == len(failing)
    good = sum(r.bucket is Bucket.COMPLIANT for s in audit.schools for r in s.rooms)
    assert row.rooms_100m == good > 0
    assert row.rooms_not_monitored == row.rooms - good - len(failing)


# -- aggregation down --------------------------------------------------------------------


def test_a_dead_aggregation_switch_is_one_outage(aggregation_down: Scene) -> None:
    assert aggregation_down.before == []  # one missed poll is not an outage yet
    [outage] = aggregation_down.outages
    assert outage.kind is OutageKind.DEVICE_DOWN and outage.root == AGGREGATION
    assert {s.id for s in lab_schools(aggregation_down.lab)} <= set(outage.blast.schools)
    assert len(outage.blast.schools) == 48 and outage.blast.students == 79990
    assert outage.reason.startswith(f"aggregation switch {AGGREGATION} unreachable for 2 polls")
    assert aggregation_down.after == []
    [closed] = aggregation_down.closed
    assert closed.id == outage.id and closed.ended is not None


def test_schools_behind_a_dead_aggregation_switch_are_not_compliant(
    aggregation_down: Scene,
) -> None:
    [outage] = aggregation_down.outages
    for school in lab_schools(aggregation_down.lab):
        got = aggregation_down.school(school.id)
        # The lab's school switches still answer and see their uplink up; the outage says
        # otherwise, and the audit believes it.
        assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
        [finding] = [f for f in got.findings if f.code == "uplink_outage"]
        assert finding.subject == AGGREGATION
        assert finding.message.startswith(f"cut off by open outage {outage.id} since")
        assert f"aggregation switch {AGGREGATION} unreachable" in finding.message
    # Schools behind it the lab does not poll: cut off too, not merely not monitored.
    for school_id in outage.blast.schools:
        assert aggregation_down.school(school_id).bucket is Bucket.NON_COMPLIANT
    # `netops audit show` names the outage.
    shown = aggregation_down.school(lab_schools(aggregation_down.lab)[0].id)
    out = io.StringIO()
    print_school(Console(file=out, width=300), aggregation_down.audit, shown)
    assert f"uplink_outage: cut off by open outage {outage.id}" in out.getvalue()


def test_the_report_counts_the_aggregation_outage(aggregation_down: Scene) -> None:
    [outage] = aggregation_down.outages
    row = aggregation_down.county()
    behind = len(outage.blast.schools)
    audit = aggregation_down.audit
    assert row.schools_gigabit == 0  # the six lab uplinks are up, but cut off upstream
    assert set(outage.blast.schools) <= buckets(audit, Bucket.NON_COMPLIANT)
    assert row.schools_non_compliant == len(buckets(audit, Bucket.NON_COMPLIANT))
    assert row.schools_not_monitored == len(buckets(audit, Bucket.NOT_MONITORED))
    # Every school of its blast radius counts the outage's minutes once.
    expected = round(behind * minutes(outage, aggregation_down), 1)
    assert row.school_outage_minutes == pytest.approx(expected, abs=0.1)
    assert aggregation_down.report.totals.school_outage_minutes == row.school_outage_minutes
