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


def _previous_buckets(audit: Audit | None) -> dict[str, str]:
    """``school`` and ``school/room`` -> bucket."""
    out: dict[str, str] = {}
    for school in audit.schools if audit else ():
        out[school.school] = str(school.bucket)
        for room in school.rooms:
            out[f"{school.school}/{room.room}"] = str(room.bucket)
    return out


def _change(before: str | None, now: str) -> str:
    if before is None or before == now:
        return ""
    return "new" if before == COMPLIANT else f"was {before.replace('_', '-')}"


def compliance_data(audit: Audit | None, previous: Audit | None) -> ComplianceData:
    """Failing schools (with every reason) and their non-compliant rooms; the changes."""
    if audit is None:
        return ComplianceData()
    before = _previous_buckets(previous)
    rows: list[ComplianceRow] = []
    changes: list[ChangeRow] = []
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
                    change=_change(before.get(s.school), bucket) if previous else "",
                )
            )
        rows.extend(_room_rows(s, before if previous else None))
        if previous is not None:
            changes.extend(_changes(s, before))
    return ComplianceData(
        audit_id=str(audit.id) if audit.id is not None else "live",
        audit_time=audit.time,
        previous_time=previous.time if previous else None,
        rows=tuple(rows),
        changes=tuple(changes),
    )


def _room_rows(s: SchoolResult, before: dict[str, str] | None) -> list[ComplianceRow]:
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
                change=_change(before.get(key), NON_COMPLIANT) if before is not None else "",
            )
        )
    return rows


def _changes(s: SchoolResult, before: dict[str, str]) -> list[ChangeRow]:
    out = []
    was = before.get(s.school)
    if was != str(s.bucket):
        reason = "; ".join(_failures(s.findings)[:1]) or ("fixed" if s.bucket == COMPLIANT else "")
        out.append(ChangeRow(s.school, s.name, s.county, None, was, str(s.bucket), reason))
    for room in s.rooms:
        was = before.get(f"{s.school}/{room.room}")
        if was is not None and was != str(room.bucket):
            reason = "; ".join(_failures(room.findings)[:1])
            out.append(
                ChangeRow(s.school, s.name, s.county, room.room, was, str(room.bucket), reason)
            )
    return out


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
