"""FixtureSource: fixed, deterministic data over a real inventory (tests, snapshots, bench).

Every figure comes from a hash of the school id and the injected clock, so two runs
with the same inventory and clock show the same screen. Tests may change it between
refreshes (``add_outage``, ``close_outage``, ``last_poll_age_s``) to exercise the UI.
"""

from __future__ import annotations

import math
import threading
import zlib
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from netops.clock import Clock
from tui.data import SchoolState, by_blast, count_schools, directory_of
from tui.models import (
    COMPLIANT,
    NON_COMPLIANT,
    NOT_MONITORED,
    ChangeRow,
    ComplianceData,
    ComplianceRow,
    Directory,
    Freshness,
    NocSnapshot,
    OutageRow,
    OverviewData,
    PortRow,
    SchoolDetail,
    SchoolInfo,
    UplinkRow,
)

SCHOOL_REASONS = (
    "uplink negotiated 100 Mb/s, needs >= 1000",
    "uplink on copper, needs fiber",
    "uplink optical rx -27.9 dBm, below the module floor -26.0 dBm",
)
ROOM_REASONS = (
    "access port half duplex, needs full",
    "access port at 10 Mb/s, needs >= 100",
    "access port down",
)


def _h(*parts: object) -> int:
    """A stable hash in 0..9999 (crc32: same on every run and machine)."""
    return zlib.crc32(":".join(map(str, parts)).encode()) % 10_000


class FixtureSource:
    """A NocSource with made-up but stable figures (see the module docstring)."""

    def __init__(self, directory: Directory, clock: Clock, *, poll_interval_s: float = 60.0):
        self._directory = directory
        self.clock = clock
        self.poll_interval_s = poll_interval_s
        self.last_poll_age_s: float | None = 20.0
        """Age of the newest poll cycle; None: no poll at all; large: the service is down."""
        self.snapshots = 0
        self._lock = threading.Lock()
        self._extra: list[OutageRow] = []
        self._closed: set[str] = set()
        self._buckets = {sid: self._bucket(sid) for sid in directory.schools}

    @classmethod
    def from_inventory(cls, root: Path, clock: Clock, **options: float) -> FixtureSource:
        """Load the inventory at ``root`` (the committed prefecture, usually)."""
        from netops.inventory.loader import load_inventory  # noqa: PLC0415 (slow import)

        return cls(directory_of(load_inventory(root)), clock, **options)

    # -- what tests change ---------------------------------------------------------

    def add_outage(self, outage: OutageRow) -> None:
        """An outage appears (it shows at the next refresh)."""
        with self._lock:
            self._extra.append(outage)

    def close_outage(self, outage_id: str) -> None:
        """An outage ends now."""
        with self._lock:
            self._closed.add(outage_id)

    def bucket_of(self, school_id: str) -> str:
        """The fixed bucket of a school (tests pick a school to look at by it)."""
        return self._buckets[school_id]

    # -- NocSource -----------------------------------------------------------------

    def directory(self) -> Directory:
        """The inventory's names."""
        return self._directory

    def snapshot(self) -> NocSnapshot:
        """Fixed figures as of the clock's now."""
        self.snapshots += 1
        now = self.clock.now()
        outages = tuple(o for o in self._outages(now) if o.is_open)
        down = {o.school for o in outages if o.school}
        down_counties = {o.county for o in outages if o.school is None and o.county}
        states = [
            SchoolState(
                sid,
                info.county,
                self._buckets[sid],
                self._buckets[sid] != NOT_MONITORED
                and sid not in down
                and not (info.county in down_counties and _h("agg", sid) < 5000),
            )
            for sid, info in self._directory.schools.items()
        ]
        totals, counties = count_schools(self._directory, states, outages)
        overview = OverviewData(totals, counties, self._busiest(), self._degrading())
        age = self.last_poll_age_s
        freshness = Freshness(
            last_poll=None if age is None else now - timedelta(seconds=age),
            poll_interval_s=self.poll_interval_s,
            last_audit=self._audit_time(now),
        )
        return NocSnapshot(overview, by_blast(outages), self._compliance(now), freshness)

    def outage_history(self, hours: float) -> tuple[OutageRow, ...]:
        """Every outage that started in the last ``hours``, newest first."""
        now = self.clock.now()
        since = now - timedelta(hours=hours)
        rows = [o for o in self._outages(now) if o.started >= since]
        return tuple(sorted(rows, key=lambda o: o.started, reverse=True))

    def school(self, school_id: str) -> SchoolDetail | None:
        """A school's uplink charts, ports, outages and audit."""
        info = self._directory.schools.get(school_id)
        if info is None:
            return None
        now = self.clock.now()
        bucket = self._buckets[school_id]
        monitored = bucket != NOT_MONITORED
        rx = self._rx(school_id)
        findings = tuple(r for row in self._rows_of(info) for r in row.reasons)
        return SchoolDetail(
            info=info,
            county_name=self._directory.county_name(info.county),
            uplink_up=monitored or None,
            uplink_speed_mbps=(100 if SCHOOL_REASONS[0] in findings else 1000)
            if monitored
            else None,
            uplink_rx_dbm=rx if monitored else None,
            traffic=self._traffic(info, now) if monitored else (),
            optics=self._optics(school_id, now) if monitored else (),
            ports=self._ports(info),
            outages=tuple(o for o in self._outages(now) if o.school == school_id),
            audit_time=self._audit_time(now),
            bucket=bucket,
            findings=findings,
            warnings=("optics degrading",) if rx < -23 else (),
        )

    # -- the made-up figures -------------------------------------------------------

    def _bucket(self, school_id: str) -> str:
        h = _h("bucket", school_id)
        if h < 800:
            return NON_COMPLIANT
        if h < 1200:
            return NOT_MONITORED
        return COMPLIANT

    def _audit_time(self, now: datetime) -> datetime:
        return (now - timedelta(hours=6, minutes=30)).replace(minute=30, second=0, microsecond=0)

    def _rows_of(self, info: SchoolInfo) -> list[ComplianceRow]:
        bucket = self._buckets[info.id]
        base = ComplianceRow(info.id, info.name, info.county, info.type, bucket, ())
        if bucket == NOT_MONITORED:
            return [replace(base, reasons=("no fresh poll data for the uplink or the rooms",))]
        if bucket == COMPLIANT:
            return []
        h = _h("why", info.id)
        if h < 5000 or not info.terminals:
            return [replace(base, reasons=(SCHOOL_REASONS[h % len(SCHOOL_REASONS)],))]
        rows = []
        for i, term in enumerate(info.terminals[: 1 + h % 3]):
            reason = f"{term.device} {term.port}: {ROOM_REASONS[(h + i) % len(ROOM_REASONS)]}"
            rows.append(replace(base, room=term.room, room_name=term.room_name, reasons=(reason,)))
        return rows

    def _compliance(self, now: datetime) -> ComplianceData:
        rows: list[ComplianceRow] = []
        changes: list[ChangeRow] = []
        for info in self._directory.schools.values():
            bucket = self._buckets[info.id]
            changed = _h("changed", info.id) < 300
            before = (COMPLIANT if bucket != COMPLIANT else NON_COMPLIANT) if changed else bucket
            for row in self._rows_of(info):
                rows.append(replace(row, change="new" if before == COMPLIANT else ""))
            if changed:
                reason = "fixed" if bucket == COMPLIANT else "now failing"
                changes.append(
                    ChangeRow(info.id, info.name, info.county, None, before, bucket, reason)
                )
        audit = self._audit_time(now)
        return ComplianceData(
            audit_id="fixture-2",
            audit_time=audit,
            previous_time=audit - timedelta(days=1),
            rows=tuple(rows),
            changes=tuple(changes),
        )

    def _outages(self, now: datetime) -> list[OutageRow]:
        """Three open outages (one aggregation switch, one uplink, one new) and history."""
        schools = list(self._directory.schools.values())
        counties = list(self._directory.counties)
        made: list[OutageRow] = []
        if counties and schools:
            county = counties[min(6, len(counties) - 1)]
            behind = [s for s in schools if s.county == county and _h("agg", s.id) < 5000]
            agg = next((d for d, c in self._directory.devices.items() if c == county), county)
            made.append(self._blast("o-agg", "device_down", agg, county, None, behind, now, 47))
            a, b, c = (schools[_h("pick", i) % len(schools)] for i in range(3))
            uplink = f"{a.uplink_device}:{a.uplink_port}"
            made.append(self._blast("o-up", "link_down", uplink, a.county, a.id, [a], now, 133))
            core = b.uplink_device or b.id
            made.append(self._blast("o-new", "device_down", core, b.county, b.id, [b], now, 4))
            old = self._blast("o-old", "link_down", c.uplink_device, c.county, c.id, [c], now, 900)
            made.append(replace(old, ended=now - timedelta(hours=11), teaching_hours=False))
        with self._lock:
            made.extend(self._extra)
            closed = set(self._closed)
        return [replace(o, ended=now) if o.id in closed and o.is_open else o for o in made]

    @staticmethod
    def _blast(
        oid: str,
        kind: str,
        root: str,
        county: str,
        school: str | None,
        behind: list[SchoolInfo],
        now: datetime,
        minutes: int,
    ) -> OutageRow:
        return OutageRow(
            id=oid,
            kind=kind,
            root=root,
            county=county,
            school=school,
            started=now - timedelta(minutes=minutes),
            ended=None,
            teaching_hours=True,
            schools=len(behind),
            classrooms=sum(s.rooms for s in behind),
            students=sum(s.students for s in behind),
        )

    def _busiest(self) -> tuple[UplinkRow, ...]:
        ranked = sorted(self._directory.schools.values(), key=lambda s: _h("busy", s.id))[:5]
        rows = []
        for info in ranked:
            share = 0.97 - _h("busy", info.id) / 10_000 * 30
            p95 = share * info.uplink_mbps
            detail = f"p95 {p95:.0f} of {info.uplink_mbps} Mb/s ({share:.0%})"
            rows.append(UplinkRow(info.id, info.name, info.county, detail, share))
        return tuple(sorted(rows, key=lambda r: -r.value))

    def _rx(self, school_id: str) -> float:
        return -8.0 - _h("rx", school_id) / 10_000 * 18.9

    def _degrading(self) -> tuple[UplinkRow, ...]:
        worst = sorted(self._directory.schools.values(), key=lambda s: self._rx(s.id))[:4]
        return tuple(
            UplinkRow(s.id, s.name, s.county, f"rx {self._rx(s.id):.1f} dBm", self._rx(s.id))
            for s in worst
        )

    def _traffic(self, info: SchoolInfo, now: datetime) -> tuple[tuple[datetime, float, float]]:
        peak = info.uplink_mbps * 1e6 * (0.2 + _h("peak", info.id) / 10_000 * 0.6)
        points = []
        for step in range(72, -1, -1):
            t = now - timedelta(minutes=5 * step)
            wave = 0.55 + 0.45 * math.sin(step / 9.0 + _h("phase", info.id))
            points.append((t, peak * wave, peak * wave * 0.18))
        return tuple(points)  # type: ignore[return-value]

    def _optics(self, school_id: str, now: datetime) -> tuple[tuple[datetime, float], ...]:
        rx = self._rx(school_id)
        slope = 0.04 if rx < -23 else 0.0
        return tuple(
            (now - timedelta(minutes=5 * s), rx + slope * s + 0.2 * math.sin(s / 4.0))
            for s in range(72, -1, -1)
        )

    def _ports(self, info: SchoolInfo) -> tuple[PortRow, ...]:
        bucket = self._buckets[info.id]
        failing = {row.room: row.reasons[0] for row in self._rows_of(info) if row.room}
        rows = []
        for term in info.terminals:
            reason = failing.get(term.room, "")
            monitored = bucket != NOT_MONITORED
            rows.append(
                PortRow(
                    room=term.room,
                    room_name=term.room_name,
                    terminal=term.terminal,
                    device=term.device,
                    port=term.port,
                    oper_up=None if not monitored else "down" not in reason,
                    speed_mbps=None if not monitored else (10 if "10 Mb/s" in reason else 100),
                    duplex=None if not monitored else ("half" if "half" in reason else "full"),
                    bucket=NON_COMPLIANT if reason else (COMPLIANT if monitored else bucket),
                )
            )
        return tuple(rows)
