"""The lab as Ansible sees it: terminal roots and the inventory overlay (no servers)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from netops.inventory import load_inventory
from netops.inventory.ansible import ansible_inventory
from netops.lab.labfile import LabFile, load_or_create_credentials
from netops.lab.seed import Scope, places_in_scope
from netops.lab.ssh.launch import write_ports
from netops.lab.terminals import TERMINALS_DIR, lab_overlay, terminal_roots


def test_overlay_points_the_inventory_at_the_lab(
    small_inventory_master: Path, tmp_path: Path
) -> None:
    inventory = load_inventory(small_inventory_master)
    scope = Scope.parse("schools 2")
    roots = terminal_roots(inventory, scope, tmp_path)
    assert roots and all(root.is_dir() for root in roots.values())
    load_or_create_credentials(tmp_path)
    switches = [p.device.hostname for p in places_in_scope(inventory, scope)]
    ports = write_ports(tmp_path / "ports.json", {switches[0]: 40001})
    lab = LabFile(
        directory=tmp_path,
        scope=str(scope),
        inventory=small_inventory_master,
        started=datetime.now(UTC),
        state=tmp_path / "state.sqlite",
        devices=len(switches),
        ssh_ports=ports,
    )
    data = lab_overlay(ansible_inventory(inventory), inventory, lab, "/venv/bin/python")
    hostvars = data["_meta"]["hostvars"]
    assert set(hostvars) == set(switches) | set(roots)
    assert all(v["ansible_host"] == "127.0.0.1" for v in hostvars.values())
    assert hostvars[switches[0]]["ansible_port"] == 40001
    terminal = next(iter(roots))
    assert hostvars[terminal]["ansible_connection"] == "local"
    assert hostvars[terminal]["netops_root"] == str(tmp_path / TERMINALS_DIR / terminal)
    assert hostvars[terminal]["ansible_python_interpreter"] == "/venv/bin/python"
    assert set(data["terminals"]["hosts"]) == set(roots)
    # Groups keep their shape; hosts outside the lab are gone from them.
    school = hostvars[terminal]["netops_school"]
    group = f"school_{school.replace('-', '_')}"
    assert terminal in data[group]["hosts"]
