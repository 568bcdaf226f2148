"""LiveSource over a temporary state database and a fake InfluxDB query function."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from netops.clock import FixedClock
from netops.compliance.diff import diff
from netops.compliance.models import Audit, Bucket, Finding, SchoolResult
from netops.compliance.settings import ComplianceThresholds
from netops.compliance.store import AuditRepository
from netops.outages.models import BlastRadius, Outage, OutageKind
from netops.outages.store import OutageRepository
from netops.settings import Settings
from netops.state.db import open_state
from netops.store.errors import StoreError
from tui.app import freshness_line
from tui.live import LiveSource
from tui.models import NON_COMPLIANT, NOT_MONITORED

NOW = datetime(2020, 3, 2, 1, 41, tzinfo=UTC)
FAIL = Finding(code="uplink_speed", subject="uplink", message="uplink negotiated 100 Mb/s")


class FakeStore:
    """InfluxDB as the TUI reads it: the newest poll cycle; nothing else is stored."""

    def __init__(self, last_poll: datetime | None = NOW - timedelta(seconds=20)) -> None:
        self.last_poll = last_poll
        self.down: str | None = None
        self.queries: list[str] = []

    def __call__(self, settings: Settings) -> Callable[[str], list[dict[str, Any]]]:
        return self.query

    def query(self, text: str) -> list[dict[str, Any]]:
        self.queries.append(text)
        if self.down:
            raise StoreError(self.down)
        if "poll_cycle" in text and self.last_poll is not None:
            return [{"time": self.last_poll.isoformat()}]
        return []


@pytest.fixture
def settings(small_inventory_master: Path, tmp_path: Path) -> Settings:
    return Settings(inventory=small_inventory_master, state_path=tmp_path / "state.sqlite")


def live(settings: Settings, store: FakeStore) -> LiveSource:
    return LiveSource(settings, FixedClock(NOW), store=store)


def _audit(source: LiveSource, hours: float, failing: set[str]) -> Audit:
    schools = [
        SchoolResult(
            school=info.id,
            county=info.county,
            school_type=info.type,
            name=info.name,
            students=info.students,
            classrooms=info.rooms,
            bucket=Bucket.NON_COMPLIANT if info.id in failing else Bucket.COMPLIANT,
            uplink_bucket=Bucket.COMPLIANT,
            findings=[FAIL] if info.id in failing else [],
        )
        for info in source.directory().schools.values()
    ]
    return Audit(
        time=NOW - timedelta(hours=hours),
        scope="all",
        thresholds=ComplianceThresholds(),
        schools=schools,
    )


def test_no_state_database_is_never_created(settings: Settings) -> None:
    source = live(settings, FakeStore())
    snapshot = source.snapshot()
    assert not settings.state_path.exists()
    assert snapshot.outages == ()
    assert snapshot.freshness.error is None
    # No stored audit: a live audit of the (empty) store, so nothing is compliant.
    assert snapshot.compliance.audit_id == "live"
    totals = snapshot.overview.totals
    assert totals.schools == len(source.directory().schools)
    assert totals.compliant == 0
    assert totals.not_monitored + totals.non_compliant == totals.schools


def test_empty_state_database(settings: Settings) -> None:
    open_state(settings.state_path).close()
    source = live(settings, FakeStore())
    snapshot = source.snapshot()
    assert snapshot.outages == ()
    assert snapshot.compliance.audit_id == "live"
    source.close()


def test_store_down_says_why_and_has_no_audit_yet(settings: Settings) -> None:
    store = FakeStore()
    store.down = "connection refused"
    snapshot = live(settings, store).snapshot()
    assert snapshot.freshness.error == "InfluxDB: connection refused"
    assert snapshot.freshness.last_poll is None
    text, stale = freshness_line(snapshot.freshness, NOW, 3.0)
    assert stale and text.startswith("STALE: InfluxDB: connection refused")
    # No stored audit and no store to judge: no audit, so every school unmonitored.
    assert snapshot.compliance.audit_time is None and not snapshot.compliance.rows
    assert snapshot.overview.totals.not_monitored == snapshot.overview.totals.schools


def test_store_goes_down_after_a_poll_banner_gives_the_reason(settings: Settings) -> None:
    store = FakeStore()
    source = live(settings, store)
    fresh = source.snapshot().freshness
    assert not freshness_line(fresh, NOW, 3.0)[1]
    store.down = "timed out"
    down = source.snapshot().freshness
    # The snapshot says why; the app keeps the last poll time it knew (see NocApp._failed).
    assert down.error == "InfluxDB: timed out"
    text, stale = freshness_line(
        type(down)(fresh.last_poll, down.poll_interval_s, down.last_audit, down.error), NOW, 3.0
    )
    assert stale and text.startswith("STALE: InfluxDB: timed out")


def test_no_influxdb_configured(settings: Settings) -> None:
    def nowhere(settings: Settings) -> Callable[[str], list[dict[str, Any]]]:
        raise StoreError("no InfluxDB URL and no lab running")

    snapshot = LiveSource(settings, FixedClock(NOW), store=nowhere).snapshot()
    assert snapshot.freshness.error == "no InfluxDB: no InfluxDB URL and no lab running"
    assert snapshot.compliance.audit_time is None


def test_stored_audits_outages_and_the_changes_of_audit_diff(settings: Settings) -> None:
    source = live(settings, FakeStore())
    ids = sorted(source.directory().schools)
    db = open_state(settings.state_path)
    audits = AuditRepository(db)
    older = _audit(source, 30, {ids[0], ids[1]})
    newer = _audit(source, 6, {ids[1], ids[2]})
    audits.save(older)
    audits.save(newer)
    with OutageRepository(db).writer() as writer:
        writer.save(
            Outage(
                kind=OutageKind.LINK_DOWN,
                root="sw-1:Gi0/1",
                county="xingyi",
                school=ids[3],
                started=NOW - timedelta(minutes=9),
                blast=BlastRadius(schools=[ids[3]], classrooms=5, students=210),
            )
        )
    db.close()

    snapshot = source.snapshot()
    compliance = snapshot.compliance
    assert compliance.audit_id == str(newer.id)
    assert compliance.audit_time == newer.time
    assert compliance.previous_time == older.time
    assert {r.school for r in compliance.rows if r.bucket == NON_COMPLIANT} == {ids[1], ids[2]}
    expected = diff(older, newer)
    assert {(c.school, c.before, c.after) for c in compliance.changes} == {
        (c.school, str(c.old), str(c.new)) for c in expected.schools
    }
    assert {c.school for c in compliance.changes} == {ids[0], ids[2]}
    rows = {r.school: r for r in compliance.rows}
    assert rows[ids[2]].change == "new" and rows[ids[1]].change == ""

    (outage,) = snapshot.outages
    assert (outage.school, outage.students, outage.is_open) == (ids[3], 210, True)
    assert snapshot.overview.totals.open_outages == 1
    assert snapshot.overview.totals.non_compliant == 2
    assert snapshot.freshness.last_audit == newer.time

    history = source.outage_history(24)
    assert [o.id for o in history] == [outage.id]
    detail = source.school(ids[2])
    assert detail is not None and detail.bucket == NON_COMPLIANT
    assert detail.findings == ("uplink negotiated 100 Mb/s",)
    assert source.school("no-such-school") is None
    other = source.school(ids[3])
    assert other is not None and [o.id for o in other.outages] == [outage.id]
    source.close()


def test_unknown_school_in_no_audit_is_not_monitored(settings: Settings) -> None:
    store = FakeStore()
    store.down = "refused"
    source = live(settings, store)
    sid = next(iter(source.directory().schools))
    detail = source.school(sid)
    assert detail is not None
    assert detail.bucket == NOT_MONITORED and detail.traffic == () and detail.optics == ()
