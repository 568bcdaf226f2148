"""LiveSource: the state database (audits, outages), InfluxDB (via netops.observe) and the
inventory. Called from worker threads only; never polls a device.

What each refresh costs: one ``poll_cycle`` query, the observe snapshot without
capacity series (three wide queries), the open outages, and the audit headers; a
stored audit is loaded only when a new one appears. With no stored audit yet, a live
audit of the snapshot (with capacity) is computed at most every ``live_audit_s``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from netops.clock import Clock, SystemClock
from netops.settings import Settings
from tui.convert import (
    compliance_data,
    outage_row,
    port_rows,
    school_states,
    schools_up,
    touches,
    uplinks,
)
from tui.data import by_blast, count_schools, directory_of
from tui.models import (
    NOT_MONITORED,
    Directory,
    Freshness,
    NocSnapshot,
    OutageRow,
    OverviewData,
    SchoolDetail,
)

if TYPE_CHECKING:
    from netops.compliance.models import Audit, SchoolResult
    from netops.inventory.inventory import Inventory
    from netops.observe.influxql import QueryFn
    from netops.observe.models import Snapshot
    from netops.state.db import StateDB

log = logging.getLogger(__name__)

#: How far back the school screen's charts go.
CHART_HOURS = 6.0


class LiveSource:
    """A NocSource over the running service's data (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        *,
        live_audit_s: float = 300.0,
        store: Callable[[Settings], QueryFn] | None = None,
    ) -> None:
        """``store``: the InfluxDB query function of the settings (default:
        ``netops.observe.source.store_query``; tests pass a fake); it may raise."""
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.live_audit_s = live_audit_s
        self._store = store
        self._lock = threading.RLock()
        self._inventory: Inventory | None = None
        self._directory: Directory | None = None
        self._db: StateDB | None = None
        self._stored: tuple[int | None, Audit | None, Audit | None] = (None, None, None)
        self._live: tuple[datetime | None, Audit | None] = (None, None)
        self._observed: Snapshot | None = None

    def close(self) -> None:
        """Close the state database."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- NocSource -----------------------------------------------------------------

    def directory(self) -> Directory:
        """The inventory's names (loaded once: a few seconds for the prefecture)."""
        with self._lock:
            if self._directory is None:
                from netops.inventory.cache import load_cached  # noqa: PLC0415 (slow)

                self._inventory = load_cached(
                    self.settings.inventory, self.settings.inventory_cache
                )
                self._directory = directory_of(self._inventory)
            return self._directory

    def snapshot(self) -> NocSnapshot:
        """Everything but a school's detail, as of now."""
        directory = self.directory()
        now = self.clock.now()
        query, error = self._query()
        last_poll, observed = None, None
        if query is not None:
            try:
                last_poll = self._last_poll(query)
                observed = self._observe(query, now, capacity=False)
            except Exception as exc:  # InfluxDB down or refusing: say so, keep going
                error = f"InfluxDB: {exc}"
        self._observed = observed
        outages = by_blast(outage_row(o) for o in self._outages(open_only=True))
        stored, previous = self._audits()
        judged = stored or self._live_audit(query, now)
        totals, counties = count_schools(
            directory, school_states(directory, judged, schools_up(directory, observed)), outages
        )
        busiest, degrading = uplinks(judged)
        freshness = Freshness(
            last_poll=last_poll,
            poll_interval_s=self.settings.schedule.poll_interval_s,
            last_audit=judged.time if judged else None,
            error=error,
        )
        return NocSnapshot(
            overview=OverviewData(totals, counties, busiest, degrading),
            outages=outages,
            compliance=compliance_data(judged, previous if stored else None),
            freshness=freshness,
        )

    def outage_history(self, hours: float) -> tuple[OutageRow, ...]:
        """Outages of the last ``hours``, newest first."""
        rows = [outage_row(o) for o in self._outages(open_only=False, hours=hours)]
        return tuple(sorted(rows, key=lambda o: o.started, reverse=True))

    def school(self, school_id: str) -> SchoolDetail | None:
        """Charts (InfluxDB), ports (last snapshot), outages, audit of one school."""
        directory = self.directory()
        info = directory.schools.get(school_id)
        if info is None:
            return None
        now = self.clock.now()
        traffic, optics = self._series(info.uplink_device, info.uplink_port, now)
        result = self._school_result(school_id)
        outages = [o for o in self._outages(open_only=False, hours=24) if touches(o, school_id)]
        uplink = (
            self._observed.port(info.uplink_device, info.uplink_port) if self._observed else None
        )
        return SchoolDetail(
            info=info,
            county_name=directory.county_name(info.county),
            uplink_up=uplink.oper_up if uplink and uplink.fresh else None,
            uplink_speed_mbps=uplink.speed_mbps if uplink and uplink.fresh else None,
            uplink_rx_dbm=uplink.rx_dbm if uplink and uplink.fresh else None,
            traffic=traffic,
            optics=optics,
            ports=port_rows(directory, school_id, self._observed, result),
            outages=tuple(outage_row(o) for o in outages),
            audit_time=self._result_time(result),
            bucket=str(result.bucket) if result else NOT_MONITORED,
            findings=tuple(f.message for f in result.findings) if result else (),
            warnings=tuple(w.message for w in result.warnings) if result else (),
        )

    # -- InfluxDB ------------------------------------------------------------------

    def _query(self) -> tuple[QueryFn | None, str | None]:
        from netops.observe.source import store_query  # noqa: PLC0415

        try:
            return (self._store or store_query)(self.settings), None
        except Exception as exc:  # no URL and no lab: nothing to read
            return None, f"no InfluxDB: {exc}"

    @staticmethod
    def _last_poll(query: QueryFn) -> datetime | None:
        from netops.observe.influxql import epoch  # noqa: PLC0415

        rows = query("SELECT last(devices) FROM poll_cycle")
        return epoch(rows[0]["time"]) if rows else None

    def _observe(self, query: QueryFn, now: datetime, *, capacity: bool) -> Snapshot:
        from netops.observe.snapshot import read_snapshot  # noqa: PLC0415

        observe = self.settings.observe
        return read_snapshot(
            query,
            now=now,
            max_age_s=observe.max_age_s(self.settings.schedule.poll_interval_s),
            window_s=observe.window_s,
            capacity_window_s=3600.0 if capacity else None,
            optics_window_s=6 * 3600.0 if capacity else None,
        )

    def _series(
        self, device: str, port: str, now: datetime
    ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        from netops.observe.history import optics_history, uplink_traffic  # noqa: PLC0415

        query, _ = self._query()
        if query is None:
            return (), ()
        since = now - timedelta(hours=CHART_HOURS)
        try:
            traffic = uplink_traffic(query, device, port, since, now)
            optics = optics_history(query, device, port, since, now)
        except Exception as exc:  # the charts stay empty; the freshness line says why
            log.warning("school series: %s", exc)
            return (), ()
        return (
            tuple((s.time, s.in_bps or 0.0, s.out_bps or 0.0) for s in traffic),
            tuple((s.time, s.rx_dbm) for s in optics if s.rx_dbm is not None),
        )

    # -- state database ------------------------------------------------------------

    def _state(self) -> StateDB | None:
        """The state database if it exists (the TUI never creates it)."""
        with self._lock:
            if self._db is None and self.settings.state_path.exists():
                from netops.state.db import open_state  # noqa: PLC0415

                self._db = open_state(self.settings.state_path)
            return self._db

    def _outages(self, *, open_only: bool, hours: float = 24.0) -> list[Any]:
        db = self._state()
        if db is None:
            return []
        try:
            from netops.outages.store import OutageRepository  # noqa: PLC0415

            repo = OutageRepository(db)
            if open_only:
                return list(repo.open())
            now = self.clock.now()
            return list(repo.between(now - timedelta(hours=hours), now))
        except Exception as exc:  # a schema from a newer netops, a locked file...
            log.warning("outages: %s", exc)
            return []

    def _audits(self) -> tuple[Audit | None, Audit | None]:
        """The latest stored audit and the one before (reloaded only when a new one lands)."""
        db = self._state()
        if db is None:
            return None, None
        try:
            from netops.compliance.store import AuditRepository  # noqa: PLC0415

            repo = AuditRepository(db)
            headers = repo.list()
            newest = headers[-1].id if headers else None
            if newest is not None and newest != self._stored[0]:
                self._stored = (newest, repo.load(newest), repo.previous(newest))
        except Exception as exc:
            log.warning("audits: %s", exc)
        return self._stored[1], self._stored[2]

    def _live_audit(self, query: QueryFn | None, now: datetime) -> Audit | None:
        """No stored audit: judge the store now (with capacity), at most every few minutes."""
        at, audit = self._live
        if query is None or (at is not None and (now - at).total_seconds() < self.live_audit_s):
            return audit
        from netops.compliance.engine import run_audit  # noqa: PLC0415
        from netops.compliance.service import open_outages  # noqa: PLC0415

        try:
            observed = self._observe(query, now, capacity=True)
            assert self._inventory is not None
            audit = run_audit(
                self._inventory,
                observed,
                self.settings.compliance,
                "all",
                self.clock,
                self.settings.capacity,
                open_outages(self.settings),  # as the stored audits do: never compliant
            )
        except Exception as exc:
            log.warning("live audit: %s", exc)
        self._live = (now, audit)
        return audit

    def _school_result(self, school_id: str) -> SchoolResult | None:
        stored = self._stored[1] or self._live[1]
        return stored.school(school_id) if stored else None

    def _result_time(self, result: SchoolResult | None) -> datetime | None:
        stored = self._stored[1] or self._live[1]
        return stored.time if stored and result else None
