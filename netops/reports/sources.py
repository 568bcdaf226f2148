"""Gather a report's inputs from stored data only: audits, outages, InfluxDB history.

Nothing here polls a device: a report for a past period is computed from what the
state database and InfluxDB kept, so running it again gives the same figures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from netops.compliance.models import Audit, AuditHeader
from netops.inventory.inventory import Inventory
from netops.observe.influxql import QueryFn
from netops.outages.models import Outage
from netops.reports.downtime import school_downtime
from netops.reports.history import InfluxHistory
from netops.reports.inputs import (
    SATURATED,
    Availability,
    OutageSpan,
    ReportInputs,
    SchoolAudit,
    TeachingHours,
)
from netops.reports.period import Period
from netops.store.errors import StoreQueryError

log = logging.getLogger(__name__)

#: ``(step, done, total)``: what is being gathered and how far along it is.
ProgressFn = Callable[[str, int, int], None]


class AuditSource(Protocol):
    """Stored audits (``netops.compliance.store.AuditRepository`` fits)."""

    def list(self, since: datetime, until: datetime) -> Sequence[AuditHeader]:
        """Audits made in the window, without their schools."""
        ...

    def load(self, audit_id: int) -> Audit:
        """One audit with its schools."""
        ...


class OutageSource(Protocol):
    """Stored outages (``netops.outages.store.OutageRepository`` fits)."""

    def between(self, since: datetime, until: datetime) -> list[Outage]:
        """Outages that overlap the window."""
        ...


def school_audits(
    audits: Iterable[Audit], schools: Iterable[str]
) -> tuple[dict[str, SchoolAudit], list[datetime]]:
    """Per school, its result in the newest audit that covered it (audits newest first).

    Returns the results and the times of the audits that contributed.
    """
    wanted = set(schools)
    found: dict[str, SchoolAudit] = {}
    used: list[datetime] = []
    for audit in audits:
        fresh = [s for s in audit.schools if s.school in wanted and s.school not in found]
        if fresh:
            used.append(audit.time)
        for result in fresh:
            saturated = next((w.message for w in result.warnings if w.code == SATURATED), None)
            found[result.school] = SchoolAudit(
                school=result.school,
                time=audit.time,
                bucket=str(result.bucket),
                uplink_bucket=str(result.uplink_bucket),
                rooms=tuple(str(room.bucket) for room in result.rooms),
                saturated=saturated,
                load_share=None if result.load_share is None else round(result.load_share, 4),
            )
        if len(found) == len(wanted):
            break
    return dict(sorted(found.items())), used


def outage_spans(outages: Iterable[Outage]) -> list[OutageSpan]:
    """Outages with the schools of their blast radius (the outage's own school if empty)."""
    spans = []
    for outage in outages:
        schools = tuple(outage.blast.schools) or ((outage.school,) if outage.school else ())
        spans.append(
            OutageSpan(
                id=str(outage.id), started=outage.started, ended=outage.ended, schools=schools
            )
        )
    return spans


def tolerant(query: QueryFn) -> QueryFn:
    """``query`` that answers no rows for a database, policy or measurement not created yet."""

    def run(statement: str) -> list[dict[str, Any]]:
        try:
            return query(statement)
        except StoreQueryError as err:
            if "not found" in str(err):
                log.info("no such series yet: %s", err)
                return []
            raise

    return run


def _newest_audits(source: AuditSource, period: Period) -> Iterable[Audit]:
    headers = [h for h in source.list(period.start, period.end) if h.time < period.end]
    for header in sorted(headers, key=lambda h: (h.time, h.id), reverse=True):
        if header.time >= period.start:
            yield source.load(header.id)


def _nothing(step: str, done: int, total: int) -> None:
    """No progress display."""


def gather(
    inventory: Inventory,
    period: Period,
    timetable: TeachingHours,
    *,
    audits: AuditSource | None,
    outages: OutageSource | None,
    history: InfluxHistory | None,
    progress: ProgressFn | None = None,
) -> ReportInputs:
    """Read every stored input of the report for the period.

    Raises:
        StoreUnavailableError: InfluxDB stopped answering while being read.
    """
    progress = progress or _nothing
    notes: list[str] = []
    found: dict[str, SchoolAudit] = {}
    used: list[datetime] = []
    progress("audits", 0, 1)
    if audits is not None:
        found, used = school_audits(_newest_audits(audits, period), inventory.schools)
    if not used:
        notes.append("no audit in the period: every school and room counts as not monitored")
    progress("audits", 1, 1)
    progress("outages", 0, 1)
    spans = outage_spans(outages.between(period.start, period.end)) if outages else []
    if outages is None:
        notes.append("no outage records: outage minutes are not measured")
    progress("outages", 1, 1)
    connected: frozenset[str] = frozenset()
    availability: dict[str, Availability] = {}
    if history is None:
        notes.append("no InfluxDB history: schools connected and availability are not measured")
    else:
        progress("history", 0, 1)
        connected = history.connected(period)
        for done, total, part in history.iter_availability(period, timetable):
            for school, value in part.items():
                availability[school] = availability.get(school, Availability()) + value
            progress("history", done, total)
        if not availability:
            notes.append("no uplink history in the period's teaching hours")
            progress("history", 1, 1)
    return ReportInputs(
        audits=found,
        connected=connected,
        availability=dict(sorted(availability.items())),
        downtime=school_downtime(spans, period, timetable),
        audit_times=tuple(used),
        notes=tuple(notes),
    )
