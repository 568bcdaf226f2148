"""The real ansible-inventory reads netops inventories through the playbooks' inventory plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netops.inventory import load_inventory
from netops.inventory.ansible import NETWORK_OS
from netops.inventory.inventory import Inventory
from netops.inventory.stats import inventory_stats
from netops.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

PLAYBOOKS = PROJECT_ROOT / "playbooks"
#: The venv's bin, where pip put ansible-inventory next to the Python running the tests.
VENV_BIN = Path(sys.executable).parent
USER = "netops-ci"


def run_ansible_inventory(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ansible-inventory with the playbooks' ansible.cfg."""
    env = {
        **os.environ,
        "ANSIBLE_CONFIG": str(PLAYBOOKS / "ansible.cfg"),
        "ANSIBLE_NOCOLOR": "1",
        "NETOPS_ANSIBLE_USER": USER,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("NETOPS_INVENTORY", None)  # the netops.yml under test names the inventory
    command = [str(VENV_BIN / "ansible-inventory"), *args]
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def write_config(directory: Path, inventory: Path, extra: str = "") -> Path:
    """A netops.yml naming ``inventory`` relative to itself, as playbooks/inventory/ does."""
    config = directory / "netops.yml"
    relative = os.path.relpath(inventory, directory)
    config.write_text(f"plugin: netops_inventory\npath: {relative}\n{extra}", encoding="utf-8")
    return config


def plain(value: dict[str, Any]) -> Any:
    """Unwrap ``{"__ansible_unsafe": "..."}``: how --list marks values not trusted as templates."""
    return value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else value


def listed(config: Path) -> dict[str, Any]:
    """``ansible-inventory --list`` of ``config``, parsed."""
    result = run_ansible_inventory("-i", str(config), "--list")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout, object_hook=plain)
    return data


def members(data: dict[str, Any], group: str) -> set[str]:
    """Hosts directly in ``group``."""
    return set(data.get(group, {}).get("hosts", []))


@pytest.fixture(scope="module")
def inventory(small_inventory_master: Path) -> Inventory:
    return load_inventory(small_inventory_master)


@pytest.fixture(scope="module")
def data(small_inventory_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return listed(write_config(tmp_path_factory.mktemp("ansible"), small_inventory_master))


def test_every_device_and_terminal_is_a_host(inventory: Inventory, data: dict[str, Any]) -> None:
    terminals = {t.hostname for _, t in inventory.terminals()}
    hosts = {h for name, group in data.items() if name != "_meta" for h in group.get("hosts", [])}
    assert hosts == set(inventory.devices) | terminals
    assert set(data["_meta"]["hostvars"]) == hosts
    assert members(data, "switches") == set(inventory.devices)
    assert members(data, "terminals") == terminals


def test_role_platform_vendor_groups(inventory: Inventory, data: dict[str, Any]) -> None:
    expected: dict[str, set[str]] = {}
    for device in inventory.devices.values():
        for group in (f"role_{device.role}", f"platform_{device.platform}"):
            expected.setdefault(group, set()).add(device.hostname)
        expected.setdefault(f"vendor_{device.vendor}", set()).add(device.hostname)
    assert {group: members(data, group) for group in expected} == expected


def test_county_and_school_groups(inventory: Inventory, data: dict[str, Any]) -> None:
    terminals: dict[str, set[str]] = {}
    for school, terminal in inventory.terminals():
        terminals.setdefault(school.id, set()).add(terminal.hostname)
    for county in inventory.counties.values():
        assert members(data, f"county_{county.id}") == {d.hostname for d in county.aggregation}
    for school in inventory.schools.values():
        group = "school_" + school.id.replace("-", "_")
        assert group in data[f"county_{school.county}"]["children"]
        own = {d.hostname for d in school.devices} | terminals.get(school.id, set())
        assert members(data, group) == own


def test_hostvars_carry_the_connection(inventory: Inventory, data: dict[str, Any]) -> None:
    hostvars = data["_meta"]["hostvars"]
    for device in inventory.devices.values():
        got = hostvars[device.hostname]
        assert got["ansible_host"] == str(device.mgmt_ip)
        assert got["ansible_connection"] == "ansible.netcommon.network_cli"
        assert got["ansible_network_os"] == NETWORK_OS[device.platform]
        assert got["ansible_user"] == USER
    for _, terminal in inventory.terminals():
        got = hostvars[terminal.hostname]
        assert (got["ansible_host"], got["ansible_connection"]) == (str(terminal.ip), "ssh")
        assert got["ansible_user"] == USER


def test_options_leave_out_terminals_and_set_the_user(
    inventory: Inventory, small_inventory_master: Path, tmp_path: Path
) -> None:
    extra = "include_terminals: false\nuser: admin\n"
    data = listed(write_config(tmp_path, small_inventory_master, extra))
    assert set(data["_meta"]["hostvars"]) == set(inventory.devices)
    assert not members(data, "terminals")
    assert {v["ansible_user"] for v in data["_meta"]["hostvars"].values()} == {"admin"}


def test_a_broken_inventory_fails_naming_file_line_and_field(
    small_inventory: Path, tmp_path: Path
) -> None:
    school = next(p for p in sorted(small_inventory.glob("*/*.yaml")) if p.name != "county.yaml")
    with school.open("a", encoding="utf-8") as handle:
        handle.write("bogus_field: 1\n")
    line = len(school.read_text(encoding="utf-8").splitlines())
    result = run_ansible_inventory("-i", str(write_config(tmp_path, small_inventory)), "--list")
    assert result.returncode != 0
    assert f"{school}:{line}: bogus_field: unknown field" in result.stdout + result.stderr


@pytest.mark.slow
def test_the_committed_config_reads_the_committed_inventory() -> None:
    stats = inventory_stats(load_inventory(PROJECT_ROOT / "inventories" / "qianxinan"))
    # --graph: the same parse as --list without dumping 14 MB of hostvars (about half the time).
    result = run_ansible_inventory("--graph", cwd=PLAYBOOKS)
    assert result.returncode == 0, result.stderr
    lines = [line.rsplit("--", 1)[-1] for line in result.stdout.splitlines()]
    hosts = {line for line in lines if not line.startswith("@")}
    groups = {line.strip("@:") for line in lines if line.startswith("@")}
    assert len(hosts) == stats.devices + stats.terminals
    assert {"switches", "terminals", "county_xingyi", "role_aggregation"} <= groups
