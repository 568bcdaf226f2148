"""A coverage report from the settings: open the stored data, gather it, compute the report."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from netops.clock import Clock
from netops.compliance.store import AuditRepository
from netops.inventory.inventory import Inventory
from netops.observe.source import store_query
from netops.outages.store import OutageRepository
from netops.reports.coverage import coverage_report
from netops.reports.history import InfluxHistory, InfluxNames
from netops.reports.models import CoverageReport, GroupBy
from netops.reports.period import Period, parse_period
from netops.reports.sources import ProgressFn, gather, tolerant
from netops.settings import Settings
from netops.state.db import StateDB, open_state
from netops.store.errors import StoreError

log = logging.getLogger(__name__)


class ReportError(Exception):
    """A report cannot be made as asked (bad option, future period)."""


def parse_by(text: str) -> list[GroupBy]:
    """``county``, ``type`` or ``county,type``.

    Raises:
        ReportError: an unknown grouping.
    """
    parts = [part.strip().lower() for part in text.split(",") if part.strip()]
    try:
        by = [GroupBy(part) for part in parts]
    except ValueError:
        raise ReportError(f"--by {text!r}: expected county, type or county,type") from None
    if not by:
        raise ReportError("--by: name at least one of county, type")
    return by


def parse_at(text: str | None, now: datetime, zone: ZoneInfo) -> datetime:
    """``--at``: a local date (``2024-05-13``) or an ISO time; None: now.

    Raises:
        ReportError: not a date or time.
    """
    if text is None:
        return now
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(12), tzinfo=zone)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ReportError(f"--at {text!r}: expected a date (YYYY-MM-DD) or an ISO time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def report_period(spec: str, at: datetime, now: datetime, zone: ZoneInfo) -> Period:
    """The period to report on, cut at ``now`` when still running.

    Raises:
        ReportError: a bad spec, or a period that has not started.
    """
    try:
        period = parse_period(spec, at, zone)
    except ValueError as err:
        raise ReportError(str(err)) from None
    if period.start >= now:
        raise ReportError(f"period {period.label} has not started yet")
    return period.clip(now)


@dataclass(frozen=True)
class CoverageRequest:
    """What the user asked for."""

    period: str = "month"
    at: str | None = None
    by: Sequence[GroupBy] = (GroupBy.COUNTY,)


@contextmanager
def _state(settings: Settings) -> Iterator[StateDB | None]:
    """The state database, if one was ever written (a report never creates it)."""
    if not settings.state_path.exists():
        yield None
        return
    db = open_state(settings.state_path)
    try:
        yield db
    finally:
        db.close()


def _history(settings: Settings, inventory: Inventory, now: datetime) -> InfluxHistory | None:
    try:
        run = store_query(settings)
    except StoreError as err:
        log.info("no InfluxDB history: %s", err)
        return None
    influx = settings.influx
    names = InfluxNames(
        database=influx.database,
        raw_policy=influx.raw_policy,
        long_policy=influx.long_policy,
        every=influx.downsample_every,
    )
    uplinks = {school.id: school.uplink.a.device for school in inventory.schools.values()}
    return InfluxHistory(tolerant(run), names, uplinks, now)


def build_coverage(
    settings: Settings,
    inventory: Inventory,
    request: CoverageRequest,
    clock: Clock,
    progress: ProgressFn | None = None,
) -> CoverageReport:
    """Gather the stored data of the requested period and compute the report.

    ``generated_at`` is the period's end for a finished period (so the same stored data
    gives the same bytes), the clock's time for a running one.

    Raises:
        ReportError: bad options.
        StoreUnavailableError: InfluxDB stopped answering.
    """
    now = clock.now().astimezone(UTC)
    zone = settings.timetable.zone
    period = report_period(request.period, parse_at(request.at, now, zone), now, zone)
    with _state(settings) as db:
        inputs = gather(
            inventory,
            period,
            settings.timetable,
            audits=AuditRepository(db) if db else None,
            outages=OutageRepository(db) if db else None,
            history=_history(settings, inventory, now),
            progress=progress,
        )
    generated_at = period.end if period.complete else now
    return coverage_report(inventory, inputs, period, generated_at, request.by)
