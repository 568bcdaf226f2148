"""What changed between two audits."""

from __future__ import annotations

from netops.clock import FixedClock
from netops.compliance.diff import diff
from netops.compliance.engine import run_audit
from netops.compliance.models import Audit, Bucket
from netops.compliance.settings import ComplianceThresholds
from netops.observe.snapshot import read_snapshot
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory


def audit_of(store: FakeInflux, scope: str = "all") -> Audit:
    snapshot = read_snapshot(store, now=NOW, max_age_s=MAX_AGE_S)
    return run_audit(small_inventory(), snapshot, ComplianceThresholds(), scope, FixedClock(NOW))


def test_same_audits_have_no_changes() -> None:
    store = FakeInflux(small_inventory())
    assert diff(audit_of(store), audit_of(store)).empty


def test_a_school_and_a_room_that_broke_then_recovered() -> None:
    store = FakeInflux(small_inventory())
    school = next(iter(small_inventory().schools.values()))
    terminal = school.rooms[0].terminals[0]
    before = audit_of(store)
    store.set_port(terminal.switch, terminal.port, duplex="half")
    after = audit_of(store)
    broke = diff(before, after)
    [change] = broke.schools
    assert (change.school, change.old, change.new) == (
        school.id,
        Bucket.COMPLIANT,
        Bucket.NON_COMPLIANT,
    )
    assert change.reasons[0].code == "rooms_non_compliant"
    [room] = broke.rooms
    assert room.room == school.rooms[0].id and room.reasons[0].code == "access_duplex"
    healed = diff(after, before)
    assert healed.schools[0].new is Bucket.COMPLIANT
    assert healed.rooms[0].resolved[0].code == "access_duplex" and healed.rooms[0].reasons == []


def test_schools_in_only_one_audit() -> None:
    store = FakeInflux(small_inventory())
    school = next(iter(small_inventory().schools))
    found = diff(audit_of(store, f"school {school}"), audit_of(store))
    added = {c.school for c in found.schools}
    assert school not in added and len(added) == len(small_inventory().schools) - 1
    assert all(c.old is None for c in found.schools)
