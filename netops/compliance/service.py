"""Audits as a service: read the store, audit, save; for the nightly job and provisioning."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from netops.clock import Clock, SystemClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Audit
from netops.compliance.scope import AuditScope
from netops.compliance.store import AuditRepository
from netops.inventory.inventory import Inventory
from netops.observe.influxql import QueryFn
from netops.observe.models import Snapshot
from netops.observe.snapshot import read_snapshot
from netops.observe.source import store_query
from netops.outages.models import Outage
from netops.outages.store import OutageRepository
from netops.settings import Settings
from netops.state.db import open_state

log = logging.getLogger(__name__)


def snapshot_for(
    settings: Settings,
    query: QueryFn,
    clock: Clock,
    county: str | None = None,
) -> Snapshot:
    """The store's snapshot with the settings' freshness and capacity windows."""
    capacity = settings.capacity
    return read_snapshot(
        query,
        now=clock.now(),
        max_age_s=settings.observe.max_age_s(settings.schedule.poll_interval_s),
        window_s=settings.observe.window_s,
        county=county,
        capacity_window_s=capacity.window_s,
        optics_window_s=capacity.optics_window_s,
        optics_bucket_s=capacity.optics_bucket_s,
    )


def open_outages(settings: Settings) -> list[Outage]:
    """The open outages in the state database (none when it does not exist or fails)."""
    if not settings.state_path.exists():
        return []
    try:
        db = open_state(settings.state_path)
        try:
            return OutageRepository(db).open()
        finally:
            db.close()
    except (sqlite3.Error, OSError, RuntimeError):
        log.exception("audit without outages: cannot read %s", settings.state_path)
        return []


def audit_now(
    settings: Settings,
    inventory: Inventory,
    scope: str = "all",
    *,
    clock: Clock | None = None,
    query: QueryFn | None = None,
    save: bool = True,
) -> Audit:
    """Audit ``scope`` from the store now and save it in the state database.

    Open outages in the state database are findings of the schools they cut off.

    Args:
        scope: ``all``, ``county NAME`` or ``school ID``.
        clock: the audit's time (default: the system clock).
        query: InfluxQL runner (default: the settings' InfluxDB).
        save: False audits without saving (``id`` stays None).

    Raises:
        ScopeError: an unknown county or school.
        StoreError: InfluxDB is not configured, unreachable, or rejected a query.
    """
    clock = clock or SystemClock()
    wanted = AuditScope.parse(scope)
    wanted.schools(inventory)  # an unknown scope fails before any query
    snapshot = snapshot_for(
        settings, query or store_query(settings), clock, wanted.county(inventory)
    )
    audit = run_audit(
        inventory, snapshot, settings.compliance, wanted, clock, settings.capacity,
        open_outages(settings),
    )  # fmt: skip
    if save:
        db = open_state(settings.state_path)
        try:
            AuditRepository(db).save(audit)
        finally:
            db.close()
    log.info(
        "audit %s of %s: %s", audit.id, audit.scope,
        {str(k): v for k, v in audit.total.schools.items()},
    )  # fmt: skip
    return audit


def nightly_audit(settings: Settings, inventory: Inventory) -> Callable[[], None]:
    """The service's audit job: audit everything and save; a failure is logged, not raised."""

    def job() -> None:
        try:
            audit_now(settings, inventory, "all")
        except Exception:  # the scheduler must keep running; the next night retries
            log.exception("nightly audit failed")

    return job
