"""What an audit says: buckets, findings, per-room and per-school results, the audit.

Three buckets everywhere; no fresh data is "not monitored", never compliant. Every
finding says what is wrong and what to do about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from netops.compliance.settings import CapacityThresholds, ComplianceThresholds


class Bucket(StrEnum):
    """The verdict on a school, an uplink or a room."""

    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_MONITORED = "not_monitored"


class Frozen(BaseModel):
    """Base of the audit's models: frozen."""

    model_config = ConfigDict(frozen=True)


class Finding(Frozen):
    """One reason, in words an engineer acts on."""

    code: str = Field(description="Stable machine code, e.g. uplink_speed, access_duplex.")
    subject: str = Field(description="What it is about: 'device port', a room, a school.")
    message: str
    bucket: Bucket = Field(
        default=Bucket.NON_COMPLIANT,
        description="The bucket this finding puts its subject in (warnings: compliant).",
    )


def verdict(findings: Iterable[Finding]) -> Bucket:
    """Non-compliant if any finding fails; else not monitored if any lacks data; else compliant."""
    buckets = {f.bucket for f in findings}
    if Bucket.NON_COMPLIANT in buckets:
        return Bucket.NON_COMPLIANT
    if Bucket.NOT_MONITORED in buckets:
        return Bucket.NOT_MONITORED
    return Bucket.COMPLIANT


class RoomResult(Frozen):
    """A room's verdict: its terminal's access port up, fast enough, full duplex."""

    room: str
    name: str
    terminal: str | None = Field(description="The (first failing) terminal; None: no terminal.")
    device: str | None
    port: str | None
    bucket: Bucket
    findings: list[Finding] = Field(default_factory=list)
    terminals: list[str] = Field(default_factory=list, description="Every terminal of the room.")
    speed_mbps: int | None = None
    duplex: str | None = None


class SchoolResult(Frozen):
    """A school's verdict: its uplink and all its rooms, with every reason and warning."""

    school: str
    county: str
    school_type: str
    name: str
    students: int
    classrooms: int
    bucket: Bucket
    uplink_bucket: Bucket
    findings: list[Finding] = Field(default_factory=list)
    rooms: list[RoomResult] = Field(default_factory=list)
    warnings: list[Finding] = Field(
        default_factory=list, description="Capacity: codes saturated, optics_degrading."
    )
    uplink_device: str | None = None
    uplink_port: str | None = None
    uplink_speed_mbps: int | None = None
    uplink_rx_dbm: float | None = None
    contracted_mbps: int | None = None
    p95_bps: float | None = Field(
        default=None, description="Busier direction's 95th percentile over the capacity window."
    )

    @property
    def load_share(self) -> float | None:
        """95th percentile as a share of the contracted rate (busiest schools)."""
        if self.p95_bps is None or not self.contracted_mbps:
            return None
        return self.p95_bps / (self.contracted_mbps * 1e6)


def _zero() -> dict[Bucket, int]:
    return dict.fromkeys(Bucket, 0)


class BucketCounts(BaseModel):
    """Schools and rooms per bucket (of one county, or all)."""

    schools: dict[Bucket, int] = Field(default_factory=_zero)
    rooms: dict[Bucket, int] = Field(default_factory=_zero)

    def add(self, school: SchoolResult) -> None:
        """Count one school and its rooms."""
        self.schools[school.bucket] += 1
        for room in school.rooms:
            self.rooms[room.bucket] += 1


class AuditHeader(Frozen):
    """An audit without its schools: what ``AuditRepository.list`` returns."""

    id: int
    time: datetime
    scope: str
    counts: dict[str, BucketCounts] = Field(description="County id -> counts.")

    @property
    def total(self) -> BucketCounts:
        """Counts over every county."""
        return total(self.counts.values())


def total(counts: Iterable[BucketCounts]) -> BucketCounts:
    """The sum of county counts."""
    out = BucketCounts()
    for county in counts:
        for bucket in Bucket:
            out.schools[bucket] += county.schools.get(bucket, 0)
            out.rooms[bucket] += county.rooms.get(bucket, 0)
    return out


class Audit(BaseModel):
    """A stored, timestamped audit of a scope ("all", "county NAME", "school ID")."""

    id: int | None = None
    time: datetime
    scope: str
    thresholds: ComplianceThresholds
    capacity: CapacityThresholds = Field(default_factory=CapacityThresholds)
    schools: list[SchoolResult] = Field(default_factory=list)

    def counts(self) -> dict[str, BucketCounts]:
        """County id -> schools and rooms per bucket (counties in first-seen order)."""
        out: dict[str, BucketCounts] = {}
        for school in self.schools:
            out.setdefault(school.county, BucketCounts()).add(school)
        return out

    @property
    def total(self) -> BucketCounts:
        """Counts over the whole scope."""
        return total(self.counts().values())

    def school(self, school_id: str) -> SchoolResult | None:
        """One school's result, if it was in scope."""
        return next((s for s in self.schools if s.school == school_id), None)

    def header(self) -> AuditHeader:
        """The audit without its schools (needs an id: saved)."""
        if self.id is None:
            raise ValueError("an audit has a header once saved (id is None)")
        return AuditHeader(id=self.id, time=self.time, scope=self.scope, counts=self.counts())
