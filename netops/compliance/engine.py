"""Run an audit: every school in scope judged on one snapshot of the store."""

from __future__ import annotations

from collections.abc import Sequence

from netops.clock import Clock
from netops.compliance.capacity import degrading_optics, saturation, uplink_p95
from netops.compliance.models import Audit, Bucket, Finding, RoomResult, SchoolResult, verdict
from netops.compliance.outages import by_school, cuts_whole_school, outage_finding
from netops.compliance.rules import check_room, check_uplink
from netops.compliance.scope import AuditScope
from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile
from netops.observe.models import Snapshot
from netops.outages.models import Outage

#: Rooms named in a school's summary finding; the rest are counted.
NAMED_ROOMS = 5


def _rooms_summary(school: SchoolFile, rooms: list[RoomResult]) -> list[Finding]:
    if not rooms:
        msg = (
            "the inventory lists no rooms for this school: add its teaching classes and"
            " function rooms with their terminals"
        )
        return [
            Finding(code="no_rooms", subject=school.id, message=msg, bucket=Bucket.NOT_MONITORED)
        ]
    out: list[Finding] = []
    for bucket, code, words in (
        (Bucket.NON_COMPLIANT, "rooms_non_compliant", "fail 100M to desktop"),
        (Bucket.NOT_MONITORED, "rooms_not_monitored", "have no fresh data"),
    ):
        hit = [r for r in rooms if r.bucket is bucket]
        if not hit:
            continue
        names = ", ".join(r.name for r in hit[:NAMED_ROOMS])
        more = f" and {len(hit) - NAMED_ROOMS} more" if len(hit) > NAMED_ROOMS else ""
        msg = f"{len(hit)} of {len(rooms)} rooms {words}: {names}{more} (see each room's reasons)"
        out.append(Finding(code=code, subject=school.id, message=msg, bucket=bucket))
    return out


def audit_school(
    school: SchoolFile,
    snapshot: Snapshot,
    thresholds: ComplianceThresholds,
    capacity: CapacityThresholds,
    outages: Sequence[Outage] = (),
) -> SchoolResult:
    """One school's verdict: uplink, rooms, summary reasons and capacity warnings.

    ``outages``: the open outages whose blast radius touches the school; each is a
    finding (the whole school cut off fails its uplink too).
    """
    uplink = check_uplink(school, snapshot, thresholds)
    rooms = [check_room(school, room, snapshot, thresholds) for room in school.rooms]
    whole = [outage_finding(school, o) for o in outages if cuts_whole_school(school, o)]
    partial = [outage_finding(school, o) for o in outages if not cuts_whole_school(school, o)]
    uplink_findings = uplink.findings + whole
    findings = uplink_findings + _rooms_summary(school, rooms) + partial
    load = uplink_p95(school, snapshot)
    warnings = saturation(school, load, capacity) + degrading_optics(
        school, snapshot, thresholds, capacity
    )
    return SchoolResult(
        school=school.id,
        county=school.county,
        school_type=school.type.value,
        name=school.name,
        students=school.students,
        classrooms=len(school.rooms),
        bucket=verdict(findings),
        uplink_bucket=verdict(uplink_findings),
        findings=findings,
        rooms=rooms,
        warnings=warnings,
        uplink_device=school.uplink.a.device,
        uplink_port=school.uplink.a.port,
        # A down port reports its configured or nominal speed: no negotiated speed to show.
        uplink_speed_mbps=uplink.seen.speed_mbps if uplink.seen and uplink.seen.oper_up else None,
        uplink_rx_dbm=uplink.rx_dbm,
        contracted_mbps=school.uplink.contracted_mbps,
        p95_bps=load.peak_bps
        if load is not None and load.samples >= capacity.min_samples
        else None,
    )


def run_audit(
    inventory: Inventory,
    snapshot: Snapshot,
    thresholds: ComplianceThresholds,
    scope: str | AuditScope,
    clock: Clock,
    capacity: CapacityThresholds | None = None,
    outages: Sequence[Outage] = (),
) -> Audit:
    """Audit every school in scope (not saved: see ``AuditRepository.save``).

    ``outages``: the open outages (``OutageRepository.open()``); a school in one's blast
    radius is not compliant, and its findings name the outage.

    Raises:
        ScopeError: the scope names no county or school of the inventory.
    """
    wanted = scope if isinstance(scope, AuditScope) else AuditScope.parse(scope)
    capacity = capacity or CapacityThresholds()
    cut = by_school(outages)
    return Audit(
        time=clock.now(),
        scope=str(wanted),
        thresholds=thresholds,
        capacity=capacity,
        schools=[
            audit_school(school, snapshot, thresholds, capacity, cut.get(school.id, ()))
            for school in wanted.schools(inventory)
        ],
    )
