"""Lab state, its seed from the inventory, and reversible faults (no servers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from netops.inventory import Inventory, load_inventory
from netops.lab.faults import FaultError, FaultKind, clear, inject
from netops.lab.seed import Scope, seed_state
from netops.lab.state import SCHEMA, LabState


@pytest.fixture(scope="module")
def inventory(small_inventory_master: Path) -> Inventory:
    return load_inventory(small_inventory_master)


@pytest.fixture
def state(inventory: Inventory, tmp_path: Path) -> LabState:
    lab = LabState(tmp_path / "state.sqlite")
    lab.load(*seed_state(inventory, Scope.parse("schools 6"), now=1_700_000_000.0))
    return lab


def test_scope_parsing() -> None:
    assert Scope.parse("all") == Scope("all", "")
    assert Scope.parse("county anlong") == Scope.parse("county:anlong") == Scope("county", "anlong")
    assert Scope.parse("schools 12").value == "12"
    for bad in ("", "everything", "schools many", "county"):
        with pytest.raises(ValueError, match=r"scope|number"):
            Scope.parse(bad)


def test_seed_lights_what_the_inventory_connects(inventory: Inventory, state: LabState) -> None:
    school = next(iter(inventory.schools.values()))
    for room in school.rooms:
        for terminal in room.terminals:
            port = state.port(terminal.switch, terminal.port)
            assert port.link_up and port.alias == terminal.hostname
            assert port.oper_mbps == min(1000, terminal.nic_mbps)
    uplink = state.port(school.uplink.a.device, school.uplink.a.port)
    assert uplink.oper_up and uplink.rx_dbm is not None and uplink.medium == "fiber"
    assert uplink.oper_mbps == school.uplink.configured_mbps
    dark = [p for p in state.ports(school.devices[0].hostname) if not p.link_up]
    assert dark and all(not p.oper_up and p.rx_dbm is None for p in dark)


def test_seed_is_scoped(inventory: Inventory, state: LabState) -> None:
    hosts = {d.hostname for d in state.devices()}
    first_six = list(inventory.schools)[:6]
    assert {d.school for d in state.devices() if d.school} == set(first_six)
    assert "qxn-core01" in hosts
    assert all(d.county in (None, "xingyi") or d.school for d in state.devices())


def test_half_duplex_nic_makes_the_port_half(state: LabState) -> None:
    port = state.ports()[0]
    state.update_port(port.hostname, port.name, link_up=True, peer_duplex="half")
    assert state.port(port.hostname, port.name).oper_duplex == "half"


def test_unknown_fields_and_targets_are_refused(state: LabState) -> None:
    with pytest.raises(ValueError, match="unknown"):
        state.update_port("x", "y", colour="red")
    with pytest.raises(KeyError):
        state.device("no-such-switch")


@pytest.mark.parametrize(
    ("kind", "value", "check"),
    [
        (FaultKind.LINK_DOWN, None, lambda p: not p.oper_up),
        (FaultKind.SPEED, "100", lambda p: p.oper_mbps == 100),
        (FaultKind.DUPLEX, "half", lambda p: p.oper_duplex == "half"),
        (FaultKind.OPTICS, "-30", lambda p: p.rx_dbm == -30.0),
        (FaultKind.LOAD, None, lambda p: p.load_pct == 95.0),
    ],
)
def test_port_faults_on_a_school_hit_its_uplink_and_clear_back(
    inventory: Inventory, state: LabState, kind: FaultKind, value: str | None, check: object
) -> None:
    school = list(inventory.schools.values())[1]
    end = (school.uplink.a.device, school.uplink.a.port)
    before = state.port(*end)
    inject(inventory, state, kind, school.id, value)
    assert check(state.port(*end))  # type: ignore[operator]
    assert clear(state) == 1
    assert state.port(*end) == before
    assert state.faults() == []


def test_link_down_cuts_both_ends(inventory: Inventory, state: LabState) -> None:
    school = next(iter(inventory.schools.values()))
    inject(inventory, state, FaultKind.LINK_DOWN, school.id)
    assert not state.port(school.uplink.b.device, school.uplink.b.port).oper_up


def test_device_faults_on_a_county_take_its_aggregation(
    inventory: Inventory, state: LabState
) -> None:
    inject(inventory, state, FaultKind.DEVICE_DOWN, "xingyi")
    inject(inventory, state, FaultKind.SLOW, "xingyi", "500")
    aggregation = [d for d in state.devices() if d.role == "aggregation"]
    assert aggregation and all(not d.powered and d.slow_ms == 500 for d in aggregation)
    assert clear(state) == 2
    assert all(d.powered and d.slow_ms == 0 for d in state.devices())


def test_counter_reset_reboots(inventory: Inventory, state: LabState) -> None:
    host = state.devices()[0].hostname
    inject(inventory, state, FaultKind.COUNTER_RESET, host, now=1_800_000_000.0)
    assert state.device(host).boot_epoch == 1_800_000_000.0


def test_clear_keeps_cli_configuration(inventory: Inventory, state: LabState) -> None:
    school = next(iter(inventory.schools.values()))
    end = (school.uplink.a.device, school.uplink.a.port)
    inject(inventory, state, FaultKind.LINK_DOWN, school.id)
    state.update_port(*end, alias="changed by an engineer")
    clear(state)
    assert state.port(*end).alias == "changed by an engineer" and state.port(*end).link_up


def test_bad_targets_and_values_are_clear_errors(inventory: Inventory, state: LabState) -> None:
    with pytest.raises(FaultError, match="HOST:PORT"):
        inject(inventory, state, FaultKind.LINK_DOWN, "atlantis")
    with pytest.raises(FaultError, match="no port"):
        inject(inventory, state, FaultKind.LINK_DOWN, "qxn-core01:Gi9/9/9")
    with pytest.raises(FaultError, match="number"):
        inject(inventory, state, FaultKind.SPEED, "qxn-core01", "fast")
    with pytest.raises(FaultError, match="whole number"):
        inject(inventory, state, FaultKind.SPEED, "qxn-core01", "100.5")
    with pytest.raises(FaultError, match="0-100"):
        inject(inventory, state, FaultKind.LOAD, "qxn-core01", "120")
    with pytest.raises(FaultError, match="half or full"):
        inject(inventory, state, FaultKind.DUPLEX, "qxn-core01", "quarter")
    outside = list(inventory.schools)[-1]
    with pytest.raises(FaultError, match="scope"):
        inject(inventory, state, FaultKind.DEVICE_DOWN, outside)
    assert state.faults() == []


def test_load_fills_both_ends_of_the_uplink(inventory: Inventory, state: LabState) -> None:
    school = next(iter(inventory.schools.values()))
    inject(inventory, state, FaultKind.LOAD, school.id, "90")
    ends = [
        (school.uplink.a.device, school.uplink.a.port),
        (school.uplink.b.device, school.uplink.b.port),
    ]
    assert [state.port(*end).load_pct for end in ends] == [90.0, 90.0]
    clear(state)
    assert [state.port(*end).load_pct for end in ends] == [None, None]


def test_a_lab_made_before_the_load_column_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA.replace("    load_pct REAL,", ""))
    old.close()
    LabState(path).close()
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(ports)")}
    assert "load_pct" in columns
