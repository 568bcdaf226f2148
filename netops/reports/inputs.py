"""What a coverage report is computed from: the report's own view of stored data.

The compliance audits, the outages and the InfluxDB history are turned into these
small values (``netops.reports.sources``); the aggregation (``coverage``) only sees
them, so it is tested with hand-made values and never touches a live device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol

#: Bucket names, as the compliance audit writes them.
COMPLIANT: Final = "compliant"
NON_COMPLIANT: Final = "non_compliant"
NOT_MONITORED: Final = "not_monitored"
#: The capacity warning that makes a school one of the busiest.
SATURATED: Final = "saturated"


class TeachingHours(Protocol):
    """The timetable as the report needs it (``netops.timetable.Timetable`` fits)."""

    def teaching_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of teaching time in ``[start, end)``."""
        ...


@dataclass(frozen=True, slots=True)
class SchoolAudit:
    """One school's result in the newest audit of the period that covered it."""

    school: str
    time: datetime
    bucket: str
    uplink_bucket: str
    rooms: tuple[str, ...] = ()
    """The bucket of each audited room."""
    saturated: str | None = None
    """The "saturated" warning's message, when the uplink ran hot."""
    load_share: float | None = None
    """The uplink's 95th percentile as a share of its contracted rate."""


@dataclass(frozen=True, slots=True)
class OutageSpan:
    """An outage and every school its blast radius touched."""

    id: str
    started: datetime
    ended: datetime | None
    """None: still open."""
    schools: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HourSample:
    """One school's uplink over one hour (hour start, UTC).

    ``up_ratio``: share of successful polls that saw the uplink up; ``reachable_ratio``:
    share of polls of the uplink's device that succeeded. None: not measured.
    """

    school: str
    hour: datetime
    up_ratio: float | None
    reachable_ratio: float | None

    @property
    def available(self) -> float:
        """Share of the hour the school was reachable with its uplink up (a missing factor is 1)."""
        up = 1.0 if self.up_ratio is None else self.up_ratio
        reachable = 1.0 if self.reachable_ratio is None else self.reachable_ratio
        return up * reachable


@dataclass(frozen=True, slots=True)
class Availability:
    """Teaching time measured, and the part of it a school was up."""

    teaching_s: float = 0.0
    up_s: float = 0.0

    @property
    def ratio(self) -> float | None:
        """Share of the measured teaching time that was up (None: nothing measured)."""
        return self.up_s / self.teaching_s if self.teaching_s > 0 else None

    def __add__(self, other: Availability) -> Availability:
        return Availability(self.teaching_s + other.teaching_s, self.up_s + other.up_s)


@dataclass(frozen=True, slots=True)
class Downtime:
    """A school's outage time inside the period, in seconds."""

    total_s: float = 0.0
    teaching_s: float = 0.0

    def __add__(self, other: Downtime) -> Downtime:
        return Downtime(self.total_s + other.total_s, self.teaching_s + other.teaching_s)


@dataclass(frozen=True)
class ReportInputs:
    """Everything a report is computed from, per school id."""

    audits: dict[str, SchoolAudit] = field(default_factory=dict)
    connected: frozenset[str] = frozenset()
    """Schools whose uplink was seen up at least once in the period."""
    availability: dict[str, Availability] = field(default_factory=dict)
    downtime: dict[str, Downtime] = field(default_factory=dict)
    audit_times: tuple[datetime, ...] = ()
    """Times of the audits used (newest first)."""
    notes: tuple[str, ...] = ()
    """What was missing (no audit, no history), in words for the reader."""
