"""What changed between two audits: schools and rooms whose bucket moved, and why."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from netops.compliance.models import Audit, Bucket, Finding, RoomResult, SchoolResult


class Change(BaseModel):
    """A school or room whose bucket changed (None: not in that audit)."""

    school: str
    name: str
    county: str
    room: str | None = Field(default=None, description="None: the school itself.")
    old: Bucket | None
    new: Bucket | None
    reasons: list[Finding] = Field(
        default_factory=list, description="Findings of the new audit (why it is where it is)."
    )
    resolved: list[Finding] = Field(
        default_factory=list, description="Findings of the old audit that are gone."
    )


class AuditDiff(BaseModel):
    """Audit ``a`` (older) against ``b`` (newer)."""

    a: int | None
    b: int | None
    a_time: datetime
    b_time: datetime
    schools: list[Change] = Field(default_factory=list)
    rooms: list[Change] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing changed bucket."""
        return not self.schools and not self.rooms


def _key(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.subject


def _change(
    school: SchoolResult,
    old: SchoolResult | RoomResult | None,
    new: SchoolResult | RoomResult | None,
    room: str | None = None,
) -> Change:
    before = old.findings if old is not None else []
    after = new.findings if new is not None else []
    still = {_key(f) for f in after}
    return Change(
        school=school.school,
        name=new.name if new is not None else old.name if old is not None else school.name,
        county=school.county,
        room=room,
        old=old.bucket if old is not None else None,
        new=new.bucket if new is not None else None,
        reasons=after,
        resolved=[f for f in before if _key(f) not in still],
    )


def _rooms(old: SchoolResult | None, new: SchoolResult | None) -> list[Change]:
    school = new or old
    assert school is not None
    before = {r.room: r for r in old.rooms} if old is not None else {}
    after = {r.room: r for r in new.rooms} if new is not None else {}
    changes = []
    for room in [*after, *(r for r in before if r not in after)]:
        a, b = before.get(room), after.get(room)
        if (a.bucket if a else None) != (b.bucket if b else None):
            changes.append(_change(school, a, b, room))
    return changes


def diff(a: Audit, b: Audit) -> AuditDiff:
    """Schools and rooms whose bucket differs between ``a`` and ``b`` (or that only one has)."""
    before = {s.school: s for s in a.schools}
    after = {s.school: s for s in b.schools}
    out = AuditDiff(a=a.id, b=b.id, a_time=a.time, b_time=b.time)
    for school_id in [*after, *(s for s in before if s not in after)]:
        old, new = before.get(school_id), after.get(school_id)
        school = new or old
        assert school is not None
        if (old.bucket if old else None) != (new.bucket if new else None):
            out.schools.append(_change(school, old, new))
        out.rooms += _rooms(old, new)
    return out
