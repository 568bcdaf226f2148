"""The TUI's own view models: immutable, built by a NocSource in a worker, read by screens.

Screens never see netops' domain objects (audits, outages, InfluxDB rows): a source
turns them into these, so a screen can be tested with fixed data and the domain
modules can change without touching a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: The three buckets of the standard (same values as ``netops.compliance.models.Bucket``).
COMPLIANT = "compliant"
NON_COMPLIANT = "non_compliant"
NOT_MONITORED = "not_monitored"
BUCKETS = (COMPLIANT, NON_COMPLIANT, NOT_MONITORED)
BUCKET_LABELS = {
    COMPLIANT: "compliant",
    NON_COMPLIANT: "non-compliant",
    NOT_MONITORED: "not monitored",
}


@dataclass(frozen=True, slots=True)
class TerminalInfo:
    """A room's terminal and the access port the inventory puts it on."""

    room: str
    room_name: str
    terminal: str
    device: str
    port: str


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    """What the inventory says about a school (for tables, the palette, drill-down)."""

    id: str
    name: str
    county: str
    type: str
    students: int
    rooms: int
    devices: tuple[str, ...] = ()
    uplink_device: str = ""
    uplink_port: str = ""
    uplink_mbps: int = 1000
    terminals: tuple[TerminalInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class Directory:
    """Names of everything the NOC can look for: counties, schools, devices."""

    counties: dict[str, str]
    """County id -> name, in plan order."""
    schools: dict[str, SchoolInfo]
    devices: dict[str, str]
    """Device hostname -> school id, or county id for aggregation, "" for the core."""

    def school_name(self, school_id: str | None) -> str:
        """The school's name, or its id when unknown."""
        if not school_id:
            return ""
        info = self.schools.get(school_id)
        return info.name if info else school_id

    def county_name(self, county_id: str | None) -> str:
        """The county's name, or its id when unknown ("prefecture" for None)."""
        if not county_id:
            return "prefecture"
        return self.counties.get(county_id, county_id)


@dataclass(frozen=True, slots=True)
class Counts:
    """The overview's columns, for the prefecture or one county."""

    schools: int = 0
    schools_up: int = 0
    compliant: int = 0
    non_compliant: int = 0
    not_monitored: int = 0
    open_outages: int = 0
    students_affected: int = 0


@dataclass(frozen=True, slots=True)
class CountyRow:
    """One county's line of the overview."""

    county: str
    name: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class UplinkRow:
    """A school uplink worth a look: running hot, or its optics degrading."""

    school: str
    name: str
    county: str
    detail: str
    """What to read, e.g. ``"p95 870 Mb/s of 1000 (87 %)"`` or ``"rx -26.4 dBm"``."""
    value: float
    """Sort key: utilisation share, or rx power (lower is worse)."""


@dataclass(frozen=True, slots=True)
class OverviewData:
    """The overview screen: prefecture totals, counties, uplinks to watch."""

    totals: Counts
    counties: tuple[CountyRow, ...]
    busiest: tuple[UplinkRow, ...] = ()
    degrading: tuple[UplinkRow, ...] = ()


@dataclass(frozen=True, slots=True)
class OutageRow:
    """One outage with its blast radius."""

    id: str
    kind: str
    root: str
    """The root cause: a device, ``device:port``, or a school's uplink."""
    county: str | None
    school: str | None
    started: datetime
    ended: datetime | None
    teaching_hours: bool
    schools: int
    classrooms: int
    students: int
    reason: str = ""
    suppressed: bool = False

    @property
    def is_open(self) -> bool:
        """Still going."""
        return self.ended is None


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    """A failing (or unmonitored) school or room, with every reason."""

    school: str
    name: str
    county: str
    school_type: str
    bucket: str
    reasons: tuple[str, ...]
    room: str | None = None
    room_name: str = ""
    change: str = ""
    """What changed since the previous audit: "" (same), "new", or "was <bucket>"."""

    @property
    def key(self) -> str:
        """A stable row key (school, or school/room)."""
        return f"{self.school}/{self.room}" if self.room else self.school


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A school or room whose bucket changed between two audits."""

    school: str
    name: str
    county: str
    room: str | None
    before: str | None
    after: str | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ComplianceData:
    """The latest audit's failures and what changed since the one before."""

    audit_id: str | None = None
    audit_time: datetime | None = None
    previous_time: datetime | None = None
    rows: tuple[ComplianceRow, ...] = ()
    changes: tuple[ChangeRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Freshness:
    """How new the data is: the last poll cycle (InfluxDB) and the last audit."""

    last_poll: datetime | None
    poll_interval_s: float
    last_audit: datetime | None = None
    error: str | None = None
    """Why a source could not be read (InfluxDB down, no state DB), if so."""


@dataclass(frozen=True, slots=True)
class PortRow:
    """A room's terminal and the access port it hangs on."""

    room: str
    room_name: str
    terminal: str
    device: str
    port: str
    oper_up: bool | None
    speed_mbps: int | None
    duplex: str | None
    bucket: str


@dataclass(frozen=True, slots=True)
class SchoolDetail:
    """Everything the school screen shows."""

    info: SchoolInfo
    county_name: str
    uplink_up: bool | None = None
    uplink_speed_mbps: int | None = None
    uplink_rx_dbm: float | None = None
    traffic: tuple[tuple[datetime, float, float], ...] = ()
    """(time, in bit/s, out bit/s) of the uplink, oldest first."""
    optics: tuple[tuple[datetime, float], ...] = ()
    """(time, rx dBm) of the uplink, oldest first."""
    ports: tuple[PortRow, ...] = ()
    outages: tuple[OutageRow, ...] = ()
    audit_time: datetime | None = None
    bucket: str = NOT_MONITORED
    findings: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NocSnapshot:
    """What one refresh loads: every screen's data but the school detail."""

    overview: OverviewData
    outages: tuple[OutageRow, ...]
    compliance: ComplianceData
    freshness: Freshness
    extra: dict[str, str] = field(default_factory=dict)
