"""Open outages in an audit: a school cut off is not compliant, and its findings say by what."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from netops.clock import FixedClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Audit, Bucket, SchoolResult
from netops.compliance.service import open_outages
from netops.compliance.settings import ComplianceThresholds
from netops.inventory.inventory import Inventory
from netops.observe.snapshot import read_snapshot
from netops.outages.models import Outage, OutageKind
from netops.outages.store import OutageRepository
from netops.outages.topology import Topology, link_id
from netops.settings import Settings
from netops.state.db import open_state
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory


def audited(inventory: Inventory, outages: list[Outage]) -> Audit:
    snapshot = read_snapshot(FakeInflux(inventory), now=NOW, max_age_s=MAX_AGE_S)
    return run_audit(
        inventory, snapshot, ComplianceThresholds(), "all", FixedClock(NOW), outages=outages
    )


def outage_of(inventory: Inventory, root: str, outage_id: int = 7) -> Outage:
    topology = Topology.from_inventory(inventory)
    info = topology.nodes[root]
    return Outage(
        id=outage_id,
        kind=OutageKind.LINK_DOWN if info.is_link else OutageKind.DEVICE_DOWN,
        root=root,
        county=info.county,
        school=info.school,
        started=NOW - timedelta(minutes=20),
        blast=topology.blast(root),
        reason=f"{info.describe()} down",
    )


def school_of(audit: Audit, school_id: str) -> SchoolResult:
    found = audit.school(school_id)
    assert found is not None
    return found


def test_schools_behind_a_down_aggregation_switch_are_not_compliant() -> None:
    inventory = small_inventory()
    aggregation = next(iter(inventory.schools.values())).uplink.b.device
    outage = outage_of(inventory, aggregation)
    assert outage.blast.schools  # the fake store still shows every school switch up
    audit = audited(inventory, [outage])
    for school_id in outage.blast.schools:
        got = school_of(audit, school_id)
        assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
        [finding] = [f for f in got.findings if f.code == "uplink_outage"]
        assert finding.subject == aggregation
        assert finding.message.startswith("cut off by open outage 7 since 2025-03-10 02:10 UTC:")
        assert f"aggregation switch {aggregation} down" in finding.message
    others = [s for s in audit.schools if s.school not in outage.blast.schools]
    assert all(s.bucket is Bucket.COMPLIANT for s in others)


def test_an_access_switch_outage_fails_the_school_but_not_its_uplink() -> None:
    inventory = small_inventory()
    school = next(s for s in inventory.schools.values() if len(s.devices) > 1)
    access = next(d.hostname for d in school.devices if d.hostname != school.uplink.a.device)
    outage = outage_of(inventory, access)
    got = school_of(audited(inventory, [outage]), school.id)
    assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.COMPLIANT
    [finding] = [f for f in got.findings if f.code == "access_outage"]
    rooms = outage.blast.classrooms
    assert 0 < rooms < len(school.rooms)
    assert finding.message.startswith(f"{rooms} of {len(school.rooms)} rooms cut off by open")


def test_a_school_uplink_outage_names_the_outage_beside_the_cut() -> None:
    inventory = small_inventory()
    school = next(iter(inventory.schools.values()))
    outage = outage_of(inventory, link_id(school.uplink))
    got = school_of(audited(inventory, [outage]), school.id)
    assert [f.code for f in got.findings] == ["uplink_outage"]
    assert got.uplink_bucket is Bucket.NON_COMPLIANT


def test_closed_outages_change_nothing() -> None:
    inventory = small_inventory()
    school = next(iter(inventory.schools.values()))
    outage = outage_of(inventory, school.uplink.a.device).model_copy(update={"ended": NOW})
    assert all(s.bucket is Bucket.COMPLIANT for s in audited(inventory, [outage]).schools)


def test_the_audit_reads_open_outages_from_the_state_database(tmp_path: Path) -> None:
    inventory = small_inventory()
    settings = Settings(state_path=tmp_path / "state.sqlite")
    assert open_outages(settings) == []  # no database yet: none, and none created
    assert not settings.state_path.exists()
    school = next(iter(inventory.schools.values()))
    outage = outage_of(inventory, school.uplink.a.device).model_copy(update={"id": None})
    repository = OutageRepository(open_state(settings.state_path))
    with repository.writer() as writer:
        saved = writer.save(outage)
        writer.save(outage.model_copy(update={"root": "gone", "ended": NOW}))
    repository.db.close()
    assert open_outages(settings) == [saved]
