"""From netops' domain objects (audits, outages, observations) to the TUI's view models.

Pure functions, no I/O: the live source reads, these translate, so they are tested
with hand-made domain objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from tui.data import SchoolState
from tui.models import (
    COMPLIANT,
    NON_COMPLIANT,
    NOT_MONITORED,
    ChangeRow,
    ComplianceData,
    ComplianceRow,
    Directory,
    OutageRow,
    PortRow,
    UplinkRow,
)

if TYPE_CHECKING:
    from netops.compliance.diff import Change
    from netops.compliance.models import Audit, SchoolResult
    from netops.observe.models import Snapshot
    from netops.outages.models import Outage

#: How many uplinks the overview lists as busiest and as degrading.
UPLINKS_SHOWN = 5


def outage_row(outage: Outage) -> OutageRow:
    """An outage with its blast radius counted."""
    return OutageRow(
        id=str(outage.id),
        kind=str(outage.kind),
        root=outage.root,
        county=outage.county,
        school=outage.school,
        started=outage.started,
        ended=outage.ended,
        teaching_hours=outage.teaching_hours,
        schools=len(outage.blast.schools),
        classrooms=outage.blast.classrooms,
        students=outage.blast.students,
        reason=outage.reason,
    )


def schools_up(directory: Directory, snapshot: Snapshot | None) -> dict[str, bool | None]:
    """A school is up when its uplink switch answered the last (fresh) poll and, when
    polled, its uplink port is oper up; None when the store says nothing of it."""
    up: dict[str, bool | None] = {}
    for sid, info in directory.schools.items():
        seen = snapshot.devices.get(info.uplink_device) if snapshot else None
        if seen is None or not seen.fresh:
            up[sid] = None
            continue
        port = snapshot.fresh_port(info.uplink_device, info.uplink_port) if snapshot else None
        up[sid] = seen.reachable and (port is None or port.oper_up is not False)
    return up


def school_states(
    directory: Directory, audit: Audit | None, up: dict[str, bool | None]
) -> list[SchoolState]:
    """Bucket from the audit (absent: not monitored), up from the snapshot."""
    buckets = {s.school: str(s.bucket) for s in audit.schools} if audit else {}
    return [
        SchoolState(sid, info.county, buckets.get(sid, NOT_MONITORED), up.get(sid))
        for sid, info in directory.schools.items()
    ]


def _failures(findings: Iterable[object]) -> tuple[str, ...]:
    return tuple(
        str(getattr(f, "message", f))
        for f in findings
        if str(getattr(f, "bucket", NON_COMPLIANT)) != COMPLIANT
    )


def _change(before: str | None, now: str) -> str:
    if before is None or before == now:
        return ""
    return "new" if before == COMPLIANT else f"was {before.replace('_', '-')}"


def _moved(changes: Iterable[Change]) -> dict[str, str | None]:
    """``school`` or ``school/room`` -> its bucket in the older audit (None: absent)."""
    return {
        f"{c.school}/{c.room}" if c.room else c.school: str(c.old) if c.old else None
        for c in changes
    }


def change_row(change: Change) -> ChangeRow:
    """A school or room that changed bucket, with the first reason of its new place."""
    new = str(change.new) if change.new else None
    reason = "; ".join(_failures(change.reasons)[:1])
    if not reason and new == COMPLIANT and change.room is None:
        reason = "fixed"
    return ChangeRow(
        change.school,
        change.name,
        change.county,
        change.room,
        str(change.old) if change.old else None,
        new,
        reason,
    )


def compliance_data(audit: Audit | None, previous: Audit | None) -> ComplianceData:
    """Failing schools (with every reason) and their non-compliant rooms; the changes.

    The changes are ``netops.compliance.diff.diff(previous, audit)``, the same as
    ``netops audit diff`` prints, so the screen and the command always agree.
    """
    if audit is None:
        return ComplianceData()
    from netops.compliance.diff import diff  # noqa: PLC0415 (pydantic: not before the frame)

    changed = diff(previous, audit) if previous is not None else None
    moved = _moved([*changed.schools, *changed.rooms]) if changed else {}
    rows: list[ComplianceRow] = []
    for s in audit.schools:
        bucket = str(s.bucket)
        if bucket != COMPLIANT:
            rows.append(
                ComplianceRow(
                    s.school,
                    s.name,
                    s.county,
                    s.school_type,
                    bucket,
                    _failures(s.findings),
                    change=_change(moved.get(s.school), bucket),
                )
            )
        rows.extend(_room_rows(s, moved))
    changes = [*changed.schools, *changed.rooms] if changed else []
    order = {s.school: i for i, s in enumerate(audit.schools)}
    changes.sort(key=lambda c: (order.get(c.school, len(order)), c.room is not None))
    return ComplianceData(
        audit_id=str(audit.id) if audit.id is not None else "live",
        audit_time=audit.time,
        previous_time=previous.time if previous else None,
        rows=tuple(rows),
        changes=tuple(change_row(c) for c in changes),
    )


def _room_rows(s: SchoolResult, moved: dict[str, str | None]) -> list[ComplianceRow]:
    rows = []
    for room in s.rooms:
        if str(room.bucket) != NON_COMPLIANT:
            continue
        key = f"{s.school}/{room.room}"
        rows.append(
            ComplianceRow(
                s.school,
                s.name,
                s.county,
                s.school_type,
                NON_COMPLIANT,
                _failures(room.findings),
                room=room.room,
                room_name=room.name,
                change=_change(moved.get(key), NON_COMPLIANT),
            )
        )
    return rows


def uplinks(audit: Audit | None) -> tuple[tuple[UplinkRow, ...], tuple[UplinkRow, ...]]:
    """The busiest uplinks (p95 share of the contracted rate) and the degrading optics."""
    if audit is None:
        return (), ()
    busy = sorted(
        (s for s in audit.schools if s.load_share is not None),
        key=lambda s: -(s.load_share or 0.0),
    )[:UPLINKS_SHOWN]
    busiest = tuple(
        UplinkRow(
            s.school,
            s.name,
            s.county,
            f"p95 {(s.p95_bps or 0) / 1e6:.0f} of {s.contracted_mbps} Mb/s"
            f" ({s.load_share or 0:.0%})",
            s.load_share or 0.0,
        )
        for s in busy
    )
    fading = sorted(
        (s for s in audit.schools if any(w.code == "optics_degrading" for w in s.warnings)),
        key=lambda s: s.uplink_rx_dbm if s.uplink_rx_dbm is not None else 0.0,
    )[:UPLINKS_SHOWN]
    degrading = tuple(
        UplinkRow(
            s.school,
            s.name,
            s.county,
            next(w.message for w in s.warnings if w.code == "optics_degrading"),
            s.uplink_rx_dbm or 0.0,
        )
        for s in fading
    )
    return busiest, degrading


def port_rows(
    directory: Directory, school: str, snapshot: Snapshot | None, audit: SchoolResult | None
) -> tuple[PortRow, ...]:
    """Each terminal's access port as last polled, with the room's bucket."""
    info = directory.schools[school]
    rooms = {r.room: str(r.bucket) for r in audit.rooms} if audit else {}
    rows = []
    for t in info.terminals:
        seen = snapshot.port(t.device, t.port) if snapshot else None
        rows.append(
            PortRow(
                room=t.room,
                room_name=t.room_name,
                terminal=t.terminal,
                device=t.device,
                port=t.port,
                oper_up=seen.oper_up if seen and seen.fresh else None,
                speed_mbps=seen.speed_mbps if seen and seen.fresh else None,
                duplex=seen.duplex if seen and seen.fresh else None,
                bucket=rooms.get(t.room, NOT_MONITORED),
            )
        )
    return tuple(rows)


def touches(outage: OutageRow | Outage, school: str) -> bool:
    """Is the school the outage's own, or in its blast radius?"""
    if outage.school == school:
        return True
    blast = getattr(outage, "blast", None)
    return blast is not None and school in blast.schools


def latest_time(times: Sequence[datetime | None]) -> datetime | None:
    """The newest of some optional times."""
    known = [t for t in times if t is not None]
    return max(known) if known else None
