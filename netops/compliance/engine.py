"""Run an audit: every school in scope judged on one snapshot of the store."""

from __future__ import annotations

from netops.clock import Clock
from netops.compliance.capacity import degrading_optics, saturation, uplink_p95
from netops.compliance.models import Audit, Bucket, Finding, RoomResult, SchoolResult, verdict
from netops.compliance.rules import check_room, check_uplink
from netops.compliance.scope import AuditScope
from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile
from netops.observe.models import Snapshot

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
) -> SchoolResult:
    """One school's verdict: uplink, rooms, summary reasons and capacity warnings."""
    uplink = check_uplink(school, snapshot, thresholds)
    rooms = [check_room(school, room, snapshot, thresholds) for room in school.rooms]
    findings = uplink.findings + _rooms_summary(school, rooms)
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
        uplink_bucket=uplink.bucket,
        findings=findings,
        rooms=rooms,
        warnings=warnings,
        uplink_device=school.uplink.a.device,
        uplink_port=school.uplink.a.port,
        uplink_speed_mbps=uplink.seen.speed_mbps if uplink.seen else None,
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
) -> Audit:
    """Audit every school in scope (not saved: see ``AuditRepository.save``).

    Raises:
        ScopeError: the scope names no county or school of the inventory.
    """
    wanted = scope if isinstance(scope, AuditScope) else AuditScope.parse(scope)
    capacity = capacity or CapacityThresholds()
    return Audit(
        time=clock.now(),
        scope=str(wanted),
        thresholds=thresholds,
        capacity=capacity,
        schools=[
            audit_school(school, snapshot, thresholds, capacity)
            for school in wanted.schools(inventory)
        ],
    )
