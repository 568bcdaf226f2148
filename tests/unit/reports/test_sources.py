"""Gathering from stored audits and outages (hand-made models, fake repositories)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from netops.compliance.models import (
    Audit,
    AuditHeader,
    Bucket,
    Finding,
    RoomResult,
    SchoolResult,
)
from netops.compliance.settings import ComplianceThresholds
from netops.inventory import Inventory
from netops.outages.models import BlastRadius, Outage, OutageKind
from netops.reports.history import InfluxHistory, InfluxNames
from netops.reports.inputs import COMPLIANT, NON_COMPLIANT
from netops.reports.period import Period
from netops.reports.sources import gather, outage_spans, school_audits
from netops.timetable import Timetable

C, N = Bucket.COMPLIANT, Bucket.NON_COMPLIANT


def result(school: str, bucket: Bucket, uplink: Bucket, *rooms: Bucket) -> SchoolResult:
    return SchoolResult(
        school=school,
        county="xingyi",
        school_type="primary",
        name=school,
        students=100,
        classrooms=len(rooms),
        bucket=bucket,
        uplink_bucket=uplink,
        rooms=[
            RoomResult(room=f"r{i}", name=f"r{i}", terminal=None, device=None, port=None, bucket=b)
            for i, b in enumerate(rooms)
        ],
        warnings=[Finding(code="saturated", subject=school, message="p95 900 Mb/s", bucket=C)]
        if school == "a"
        else [],
        contracted_mbps=1000,
        p95_bps=9e8 if school == "a" else None,
    )


def audit(audit_id: int, time: datetime, *schools: SchoolResult) -> Audit:
    return Audit(
        id=audit_id, time=time, scope="all", thresholds=ComplianceThresholds(), schools=schools
    )


class FakeAudits:
    def __init__(self, *audits: Audit) -> None:
        self.audits = {a.id: a for a in audits}
        self.loaded: list[int] = []

    def list(self, since: datetime, until: datetime) -> Sequence[AuditHeader]:
        return [a.header() for a in self.audits.values() if since <= a.time <= until]

    def load(self, audit_id: int) -> Audit:
        self.loaded.append(audit_id)
        return self.audits[audit_id]


class FakeOutages:
    def __init__(self, *outages: Outage) -> None:
        self.outages = list(outages)

    def between(self, since: datetime, until: datetime) -> list[Outage]:
        return [o for o in self.outages if o.started < until and (o.ended or until) > since]


def test_newest_audit_that_covered_a_school_wins() -> None:
    old = audit(1, datetime(2024, 5, 1, tzinfo=UTC), result("a", N, N, C), result("b", C, C, C))
    new = audit(2, datetime(2024, 5, 2, tzinfo=UTC), result("a", C, C, C, N))
    found, used = school_audits([new, old], ["a", "b", "c"])
    assert found["a"].bucket == COMPLIANT and found["a"].rooms == (COMPLIANT, NON_COMPLIANT)
    assert found["a"].saturated == "p95 900 Mb/s" and found["a"].load_share == 0.9
    assert found["b"].time == old.time and "c" not in found
    assert used == [new.time, old.time]


def test_outage_spans_take_the_blast_radius() -> None:
    start = datetime(2024, 5, 2, tzinfo=UTC)
    agg = Outage(
        id=7,
        kind=OutageKind.DEVICE_DOWN,
        root="xy-agg01",
        started=start,
        blast=BlastRadius(schools=["a", "b"], classrooms=9, students=300),
    )
    link = Outage(id=8, kind=OutageKind.LINK_DOWN, root="a-core:G0/1", school="a", started=start)
    spans = outage_spans([agg, link])
    assert [(s.id, s.schools) for s in spans] == [("7", ("a", "b")), ("8", ("a",))]


def test_gather_uses_only_stored_data_of_the_period(
    inventory: Inventory, may: Period, timetable: Timetable
) -> None:
    first, second = sorted(inventory.schools)[:2]
    inside = audit(1, datetime(2024, 5, 30, tzinfo=UTC), result(first, C, C, C))
    after = audit(2, datetime(2024, 6, 2, tzinfo=UTC), result(first, N, N, N))
    audits = FakeAudits(inside, after)
    # Thursday 2 May, 02:00-03:00 UTC: teaching in Shanghai.
    start = datetime(2024, 5, 2, 2, tzinfo=UTC)
    outages = FakeOutages(
        Outage(
            id=1,
            kind=OutageKind.DEVICE_DOWN,
            root="x",
            started=start,
            ended=start + timedelta(hours=1),
            blast=BlastRadius(schools=[first, second]),
        )
    )
    steps: list[tuple[str, int, int]] = []
    inputs = gather(
        inventory,
        may,
        timetable,
        audits=audits,
        outages=outages,
        history=None,
        progress=lambda step, done, total: steps.append((step, done, total)),
    )
    assert audits.loaded == [1]
    assert list(inputs.audits) == [first] and inputs.audit_times == (inside.time,)
    assert inputs.downtime[second].total_s == 3600 and inputs.downtime[second].teaching_s == 3600
    assert any("InfluxDB" in note for note in inputs.notes)
    assert ("audits", 1, 1) in steps and ("outages", 1, 1) in steps


def test_gather_without_audits_says_so(
    inventory: Inventory, may: Period, timetable: Timetable
) -> None:
    history = InfluxHistory(lambda _: [], InfluxNames(), {}, now=may.end)
    inputs = gather(inventory, may, timetable, audits=None, outages=None, history=history)
    assert inputs.audits == {} and inputs.connected == frozenset()
    assert any("no audit" in note for note in inputs.notes)
