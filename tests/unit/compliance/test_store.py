"""Audits saved in the state database and read back, listed, ordered."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netops.clock import FixedClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Audit, Bucket
from netops.compliance.settings import ComplianceThresholds
from netops.compliance.store import AuditNotFoundError, AuditRepository
from netops.observe.snapshot import read_snapshot
from netops.state.db import StateDB
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory


def make_audit(store: FakeInflux, hours: float = 0.0, scope: str = "all") -> Audit:
    when = NOW + timedelta(hours=hours)
    snapshot = read_snapshot(store, now=NOW, max_age_s=MAX_AGE_S)
    return run_audit(small_inventory(), snapshot, ComplianceThresholds(), scope, FixedClock(when))


@pytest.fixture
def repo() -> AuditRepository:
    return AuditRepository(StateDB(":memory:"))


def test_an_audit_comes_back_as_it_was_saved(repo: AuditRepository) -> None:
    store = FakeInflux(small_inventory())
    school = next(iter(small_inventory().schools.values()))
    store.set_port(school.uplink.a.device, school.uplink.a.port, speed_mbps=100)
    audit = make_audit(store)
    audit_id = repo.save(audit)
    assert audit.id == audit_id
    loaded = repo.load(audit_id)
    assert loaded == audit
    assert loaded.school(school.id) == audit.school(school.id)


def test_latest_previous_and_list(repo: AuditRepository) -> None:
    store = FakeInflux(small_inventory())
    assert repo.latest() is None
    first = repo.save(make_audit(store, 0))
    third = repo.save(make_audit(store, 48))
    second = repo.save(make_audit(store, 24))  # saved last, but older than the third
    latest = repo.latest()
    assert latest is not None and latest.id == third
    before = repo.previous(third)
    assert before is not None and before.id == second
    assert repo.previous(first) is None
    assert [h.id for h in repo.list()] == [first, second, third]
    window = repo.list(since=NOW + timedelta(hours=1), until=NOW + timedelta(hours=48))
    assert [h.id for h in window] == [second]
    header = window[0]
    assert header.total.schools[Bucket.COMPLIANT] == len(small_inventory().schools)
    with pytest.raises(AuditNotFoundError):
        repo.load(999)
    with pytest.raises(AuditNotFoundError):
        repo.previous(999)


def test_latest_with_finds_the_last_audit_covering_a_school(repo: AuditRepository) -> None:
    store = FakeInflux(small_inventory())
    schools = list(small_inventory().schools)
    everything = repo.save(make_audit(store, 0))
    repo.save(make_audit(store, 1, scope=f"school {schools[0]}"))
    assert repo.latest_with(schools[1]) == everything
    assert repo.latest_with("nowhere") is None


def test_rows_are_queryable(repo: AuditRepository) -> None:
    store = FakeInflux(small_inventory())
    school = next(iter(small_inventory().schools.values()))
    terminal = school.rooms[0].terminals[0]
    store.set_port(terminal.switch, terminal.port, duplex="half")
    audit_id = repo.save(make_audit(store))
    with repo.db.reading() as conn:
        rooms = conn.execute(
            "SELECT school, room FROM compliance_room WHERE audit_id = ? AND bucket = ?",
            (audit_id, "non_compliant"),
        ).fetchall()
    assert [(r["school"], r["room"]) for r in rooms] == [(school.id, school.rooms[0].id)]


def test_the_schema_applies_once(repo: AuditRepository) -> None:
    AuditRepository(repo.db)  # a second repository on the same database
    with repo.db.reading() as conn:
        row = conn.execute(
            "SELECT version FROM schema_version WHERE domain = 'compliance'"
        ).fetchone()
    assert row["version"] == 1
