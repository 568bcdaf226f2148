"""ansible_inventory() and populate(): the inventory as Ansible's hosts, groups and variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netops.inventory import load_inventory
from netops.inventory.ansible import NETWORK_OS, ansible_inventory, group_name, populate
from netops.inventory.inventory import Inventory


@pytest.fixture(scope="module")
def inventory(small_inventory_master: Path) -> Inventory:
    return load_inventory(small_inventory_master)


@pytest.fixture(scope="module")
def data(inventory: Inventory) -> dict[str, Any]:
    return ansible_inventory(inventory, user="ops")


def hosts_of(data: dict[str, Any], group: str) -> set[str]:
    return set(data[group]["hosts"])


def test_every_device_and_terminal_is_a_host(inventory: Inventory, data: dict[str, Any]) -> None:
    terminals = {t.hostname for _, t in inventory.terminals()}
    assert set(data["_meta"]["hostvars"]) == set(inventory.devices) | terminals
    assert hosts_of(data, "switches") == set(inventory.devices)
    assert hosts_of(data, "terminals") == terminals


def test_hostvars_carry_the_connection(inventory: Inventory, data: dict[str, Any]) -> None:
    hostvars = data["_meta"]["hostvars"]
    for device in inventory.devices.values():
        assert {
            key: hostvars[device.hostname][key]
            for key in ("ansible_host", "ansible_connection", "ansible_network_os", "ansible_user")
        } == {
            "ansible_host": str(device.mgmt_ip),
            "ansible_connection": "ansible.netcommon.network_cli",
            "ansible_network_os": NETWORK_OS[device.platform],
            "ansible_user": "ops",
        }
    school, terminal = next(iter(inventory.terminals()))
    assert hostvars[terminal.hostname]["ansible_host"] == str(terminal.ip)
    assert hostvars[terminal.hostname]["ansible_connection"] == "ssh"
    assert hostvars[terminal.hostname]["netops_school"] == school.id


def test_groups_follow_role_platform_vendor(inventory: Inventory, data: dict[str, Any]) -> None:
    for device in inventory.devices.values():
        for kind, value in (
            ("role", device.role),
            ("platform", device.platform),
            ("vendor", device.vendor),
        ):
            assert device.hostname in hosts_of(data, f"{kind}_{value}")


def test_schools_sit_under_their_county(inventory: Inventory, data: dict[str, Any]) -> None:
    for school in inventory.schools.values():
        group = "school_" + school.id.replace("-", "_")
        assert group in data[f"county_{school.county}"]["children"]
        assert {d.hostname for d in school.devices} <= hosts_of(data, group)
    for county in inventory.counties.values():
        assert {d.hostname for d in county.aggregation} == hosts_of(data, f"county_{county.id}")
    top = set(data["all"]["children"])
    assert {"switches", "terminals", *(f"county_{c}" for c in inventory.counties)} <= top
    assert not any(name.startswith("school_") for name in top)


def test_without_terminals(inventory: Inventory) -> None:
    data = ansible_inventory(inventory, include_terminals=False)
    assert set(data["_meta"]["hostvars"]) == set(inventory.devices)
    assert "terminals" not in data
    grouped = {h for name, g in data.items() if name != "_meta" for h in g.get("hosts", [])}
    assert grouped == set(inventory.devices)


def test_group_names_are_ansible_safe() -> None:
    assert group_name("school", "XY-0001") == "school_xy_0001"


def test_populate_fills_ansible_inventory_data(inventory: Inventory, data: dict[str, Any]) -> None:
    # The real InventoryData: it refuses children and hosts added in the wrong order.
    from ansible.inventory.data import InventoryData  # type: ignore[import-untyped]

    target = InventoryData()
    populate(target, data)
    target.reconcile_inventory()
    assert set(target.hosts) == set(data["_meta"]["hostvars"])
    school = next(iter(inventory.schools.values()))
    county_group = target.groups[f"county_{school.county}"]
    school_group = target.groups[group_name("school", school.id)]
    assert school_group in county_group.child_groups
    device = school.devices[0]
    host = target.hosts[device.hostname]
    assert host.vars["ansible_host"] == str(device.mgmt_ip)
    assert {"switches", f"role_{device.role}", school_group.name} <= {
        g.name for g in host.get_groups()
    }


def test_schools_narrow_the_hosts_to_theirs(inventory: Inventory, data: dict[str, Any]) -> None:
    picked = list(inventory.schools)[:2]
    narrow = ansible_inventory(inventory, user="ops", schools=frozenset(picked))
    theirs = {
        host
        for host, variables in data["_meta"]["hostvars"].items()
        if variables["netops_school"] in picked
    }
    assert set(narrow["_meta"]["hostvars"]) == theirs
    assert all(narrow["_meta"]["hostvars"][h] == data["_meta"]["hostvars"][h] for h in theirs)
    assert narrow["all"]["vars"] == data["all"]["vars"]  # the bureau's servers still reach all
    for school in picked:
        group = group_name("school", school)
        assert hosts_of(narrow, group) == hosts_of(data, group)
