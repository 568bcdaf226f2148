"""Every rule and reason of the audit, on a fake store and a fixed clock."""

from __future__ import annotations

import pytest

from netops.clock import FixedClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Audit, Bucket, SchoolResult
from netops.compliance.scope import ScopeError
from netops.compliance.settings import ComplianceThresholds
from netops.inventory.choices import Medium
from netops.inventory.inventory import Inventory
from netops.observe.snapshot import read_snapshot
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory

T = ComplianceThresholds()


@pytest.fixture
def inventory() -> Inventory:
    return small_inventory()


@pytest.fixture
def store(inventory: Inventory) -> FakeInflux:
    return FakeInflux(inventory)


def audit(
    inventory: Inventory,
    store: FakeInflux,
    thresholds: ComplianceThresholds = T,
    scope: str = "all",
) -> Audit:
    snapshot = read_snapshot(store, now=NOW, max_age_s=MAX_AGE_S)
    return run_audit(inventory, snapshot, thresholds, scope, FixedClock(NOW))


def first(inventory: Inventory) -> str:
    return next(iter(inventory.schools))


def result(found: Audit, school: str) -> SchoolResult:
    got = found.school(school)
    assert got is not None
    return got


def codes(school: SchoolResult) -> set[str]:
    return {f.code for f in school.findings}


def test_a_healthy_network_is_compliant(inventory: Inventory, store: FakeInflux) -> None:
    found = audit(inventory, store)
    assert found.time == NOW and found.scope == "all"
    assert all(s.bucket is Bucket.COMPLIANT for s in found.schools), [
        s.findings for s in found.schools if s.findings
    ]
    rooms = sum(len(s.rooms) for s in inventory.schools.values())
    assert found.total.schools[Bucket.COMPLIANT] == len(inventory.schools)
    assert found.total.rooms[Bucket.COMPLIANT] == rooms
    assert sum(c.schools[Bucket.COMPLIANT] for c in found.counts().values()) == len(found.schools)


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"oper_up": 0}, "uplink_down", "is down"),
        ({"admin_up": 0, "oper_up": 0}, "uplink_admin_down", "shut down"),
        ({"speed_mbps": 100}, "uplink_speed", "negotiated 100 Mb/s, needs >= 1000 Mb/s"),
    ],
)
def test_uplink_state_and_speed(
    inventory: Inventory, store: FakeInflux, fields: dict[str, int], code: str, words: str
) -> None:
    school = inventory.schools[first(inventory)]
    store.set_port(school.uplink.a.device, school.uplink.a.port, **fields)
    got = result(audit(inventory, store), school.id)
    assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
    finding = next(f for f in got.findings if f.code == code)
    assert words in finding.message and school.uplink.a.port in finding.message


def test_a_copper_uplink_fails_whatever_the_data(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    copper = school.model_copy(
        update={"uplink": school.uplink.model_copy(update={"medium": Medium.COPPER})}
    )
    changed = Inventory(
        inventory.root,
        inventory.prefecture,
        inventory.counties,
        {**inventory.schools, school.id: copper},
    )
    got = result(audit(changed, store), school.id)
    assert "uplink_medium" in codes(got) and got.bucket is Bucket.NON_COMPLIANT
    assert "needs fiber" in next(f.message for f in got.findings if f.code == "uplink_medium")


@pytest.mark.parametrize(
    ("end", "fields", "code"),
    [
        ("a", {"rx_dbm": -28.5}, "uplink_rx_low"),
        ("b", {"rx_dbm": -28.5}, "uplink_rx_low"),
        ("a", {"rx_dbm": -1.0}, "uplink_rx_high"),
        ("a", {"tx_dbm": -15.0}, "uplink_tx_low"),
        ("a", {"tx_dbm": 2.0}, "uplink_tx_high"),
    ],
)
def test_optical_power_out_of_range(
    inventory: Inventory, store: FakeInflux, end: str, fields: dict[str, float], code: str
) -> None:
    school = inventory.schools[first(inventory)]
    point = school.uplink.a if end == "a" else school.uplink.b
    store.optics[(point.device, point.port)].update(fields)
    got = result(audit(inventory, store), school.id)
    assert got.bucket is Bucket.NON_COMPLIANT and code in codes(got)
    finding = next(f for f in got.findings if f.code == code)
    assert finding.subject == f"{point.device} {point.port}"


def test_rx_low_says_what_to_check(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    store.optics[(school.uplink.a.device, school.uplink.a.port)]["rx_dbm"] = -28.5
    got = result(audit(inventory, store), school.id)
    message = next(f.message for f in got.findings if f.code == "uplink_rx_low")
    assert "-28.5 dBm" in message and "-20.0 dBm" in message and "clean the connectors" in message
    assert got.uplink_rx_dbm == -28.5


def test_no_optics_at_either_end_is_not_monitored(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    for end in (school.uplink.a, school.uplink.b):
        del store.optics[(end.device, end.port)]
    got = result(audit(inventory, store), school.id)
    assert got.uplink_bucket is Bucket.NOT_MONITORED and "uplink_optics_unknown" in codes(got)
    relaxed = ComplianceThresholds(require_optics=False)
    assert result(audit(inventory, store, relaxed), school.id).uplink_bucket is Bucket.COMPLIANT


def test_optics_of_one_end_are_enough(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    del store.optics[(school.uplink.a.device, school.uplink.a.port)]  # Ruijie, Cisco: none
    assert result(audit(inventory, store), school.id).bucket is Bucket.COMPLIANT


def test_without_data_a_school_is_never_compliant(inventory: Inventory) -> None:
    empty = FakeInflux(inventory)
    empty.interface.clear()
    empty.optics.clear()
    empty.device.clear()
    found = audit(inventory, empty)
    assert all(s.bucket is Bucket.NOT_MONITORED for s in found.schools)
    assert all(r.bucket is Bucket.NOT_MONITORED for s in found.schools for r in s.rooms)
    school = found.schools[0]
    message = next(f.message for f in school.findings if f.code == "uplink_not_monitored")
    assert "no fresh data" in message and "no data in the store" in message
    assert "rooms_not_monitored" in codes(school)


def test_stale_data_is_not_monitored_and_says_how_old(
    inventory: Inventory, store: FakeInflux
) -> None:
    stale = int(NOW.timestamp()) - 600
    for row in [*store.interface.values(), *store.device.values()]:
        row["time"] = stale
    found = audit(inventory, store)
    assert {s.bucket for s in found.schools} == {Bucket.NOT_MONITORED}
    message = found.schools[0].findings[0].message
    assert "last data 10 min ago" in message and "under 3 min" in message


def test_the_aggregation_end_stands_in_for_a_silent_school_switch(
    inventory: Inventory, store: FakeInflux
) -> None:
    school = inventory.schools[first(inventory)]
    del store.interface[(school.uplink.a.device, school.uplink.a.port)]
    store.set_port(school.uplink.b.device, school.uplink.b.port, oper_up=0)
    got = result(audit(inventory, store), school.id)
    finding = next(f for f in got.findings if f.code == "uplink_down")
    assert finding.subject == f"{school.uplink.b.device} {school.uplink.b.port}"
    assert "aggregation end" in finding.message


def test_an_unreachable_device_is_named_in_the_reason(
    inventory: Inventory, store: FakeInflux
) -> None:
    school = inventory.schools[first(inventory)]
    terminal = school.rooms[0].terminals[0]
    for key in [k for k in store.interface if k[0] == terminal.switch]:
        del store.interface[key]
    store.device[terminal.switch].update(reachable=0, reason="timeout after 2 retries")
    room = result(audit(inventory, store), school.id).rooms[0]
    assert room.bucket is Bucket.NOT_MONITORED
    assert "did not answer its last poll (timeout after 2 retries)" in room.findings[0].message


@pytest.mark.parametrize(
    ("fields", "code", "bucket", "words"),
    [
        ({"oper_up": 0}, "access_down", Bucket.NON_COMPLIANT, "is down"),
        ({"admin_up": 0}, "access_admin_down", Bucket.NON_COMPLIANT, "shut down"),
        ({"speed_mbps": 10}, "access_speed", Bucket.NON_COMPLIANT, "10 Mb/s, needs >= 100"),
        ({"duplex": "half"}, "access_duplex", Bucket.NON_COMPLIANT, "half duplex, needs full"),
        ({"duplex": "unknown"}, "access_duplex_unknown", Bucket.NOT_MONITORED, "duplex unknown"),
        ({"speed_mbps": None}, "access_unknown", Bucket.NOT_MONITORED, "no link state or speed"),
    ],
)
def test_access_port_rules(
    inventory: Inventory,
    store: FakeInflux,
    fields: dict[str, object],
    code: str,
    bucket: Bucket,
    words: str,
) -> None:
    school = inventory.schools[first(inventory)]
    room = school.rooms[1]
    terminal = room.terminals[0]
    store.set_port(terminal.switch, terminal.port, **fields)
    got = result(audit(inventory, store), school.id)
    judged = next(r for r in got.rooms if r.room == room.id)
    assert judged.bucket is bucket and judged.terminal == terminal.hostname
    assert judged.findings[0].code == code and words in judged.findings[0].message
    assert got.bucket is bucket and got.uplink_bucket is Bucket.COMPLIANT
    summary = next(f for f in got.findings if f.code.startswith("rooms_"))
    assert room.name in summary.message and f"1 of {len(school.rooms)} rooms" in summary.message


def test_speed_and_duplex_are_both_listed(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    terminal = school.rooms[0].terminals[0]
    store.set_port(terminal.switch, terminal.port, speed_mbps=10, duplex="half")
    room = result(audit(inventory, store), school.id).rooms[0]
    assert [f.code for f in room.findings] == ["access_speed", "access_duplex"]


def test_non_compliant_outweighs_not_monitored(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    store.set_port(school.uplink.a.device, school.uplink.a.port, speed_mbps=100)
    terminal = school.rooms[0].terminals[0]
    del store.interface[(terminal.switch, terminal.port)]
    got = result(audit(inventory, store), school.id)
    assert got.bucket is Bucket.NON_COMPLIANT
    assert {"uplink_speed", "rooms_not_monitored"} <= codes(got)


def test_a_room_without_terminal_fails(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    bare = school.rooms[0].model_copy(update={"terminals": []})
    changed_school = school.model_copy(update={"rooms": [bare, *school.rooms[1:]]})
    changed = Inventory(
        inventory.root,
        inventory.prefecture,
        inventory.counties,
        {**inventory.schools, school.id: changed_school},
    )
    got = result(audit(changed, store), school.id)
    assert got.rooms[0].bucket is Bucket.NON_COMPLIANT
    assert got.rooms[0].findings[0].code == "no_terminal" and got.rooms[0].terminal is None


def test_thresholds_come_from_settings(inventory: Inventory, store: FakeInflux) -> None:
    strict = ComplianceThresholds(access_min_mbps=1000)
    found = audit(inventory, store, strict)
    assert found.thresholds == strict
    assert all(s.bucket is Bucket.NON_COMPLIANT for s in found.schools if s.rooms)


def test_scopes(inventory: Inventory, store: FakeInflux) -> None:
    school = inventory.schools[first(inventory)]
    one = audit(inventory, store, scope=f"school {school.id}")
    assert [s.school for s in one.schools] == [school.id] and one.scope == f"school {school.id}"
    county = audit(inventory, store, scope=f"county {school.county}")
    assert {s.county for s in county.schools} == {school.county}
    with pytest.raises(ScopeError):
        audit(inventory, store, scope="county atlantis")
    with pytest.raises(ScopeError):
        audit(inventory, store, scope="province guizhou")
