"""Classroom terminals in the lab, and the lab as Ansible sees it.

A lab terminal is a directory, ``<lab dir>/terminals/<hostname>/``, that stands for the
terminal's root file system: Ansible reaches it with ``ansible_connection: local`` and
the roles write their files under ``netops_root``. ``lab_overlay`` turns the inventory's
Ansible view (``netops.inventory.ansible.ansible_inventory``) into the lab's: only what
the lab runs, switches at their SSH simulator on 127.0.0.1, terminals at their roots.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netops.inventory.inventory import Inventory
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials, LabFile
from netops.lab.processes import LOCALHOST
from netops.lab.seed import Scope
from netops.lab.ssh.launch import load_ports

TERMINALS_DIR = "terminals"


def terminal_roots(inventory: Inventory, scope: Scope, directory: Path) -> dict[str, Path]:
    """The root directory of every terminal of the schools in scope (created if missing)."""
    base = directory / TERMINALS_DIR
    roots = {}
    for school in scope.schools(inventory):
        for room in school.rooms:
            for terminal in room.terminals:
                root = base / terminal.hostname
                root.mkdir(parents=True, exist_ok=True)
                roots[terminal.hostname] = root
    return roots


def lab_overlay(
    data: dict[str, Any], inventory: Inventory, lab: LabFile, python: str
) -> dict[str, Any]:
    """The ``ansible-inventory --list`` structure ``data`` narrowed and pointed at ``lab``.

    Switches of the lab connect to 127.0.0.1 at their simulator's port with the lab's
    login name (the password still comes at run time); a switch without a simulator
    keeps no address outside 127.0.0.1. Terminals run locally in their root directory
    with ``python`` (the interpreter running Ansible).
    """
    scope = Scope.parse(lab.scope)
    schools = {school.id for school in scope.schools(inventory)}
    counties = {inventory.schools[school].county for school in schools}
    ssh = load_ports(lab.ssh_ports) if lab.ssh_ports else {}
    user = LabCredentials.model_validate_json(
        (lab.directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
    ).ssh_username
    hostvars: dict[str, dict[str, Any]] = data["_meta"]["hostvars"]
    keep: dict[str, dict[str, Any]] = {}
    for host, variables in hostvars.items():
        school, county = variables.get("netops_school"), variables.get("netops_county")
        in_scope = school in schools if school else county is None or county in counties
        if not in_scope:
            continue
        if "netops_kind" in variables:  # a terminal
            root = lab.directory / TERMINALS_DIR / host
            extra: dict[str, Any] = {
                "ansible_connection": "local",
                "ansible_python_interpreter": python,
                "netops_root": str(root),
            }
        else:
            extra = {"ansible_host": LOCALHOST, "ansible_user": user, "netops_lab": True}
            if host in ssh:
                extra["ansible_port"] = ssh[host]
        keep[host] = {**variables, "ansible_host": LOCALHOST, **extra}
    result: dict[str, Any] = {"_meta": {"hostvars": keep}}
    for name, entry in data.items():
        if name == "_meta":
            continue
        hosts = [h for h in entry.get("hosts", []) if h in keep]
        result[name] = {**entry, "hosts": hosts}
    return result
