"""The inventory as Ansible sees it: hosts, groups and connection variables.

One function builds the ``ansible-inventory --list`` structure; the inventory
plugin (playbooks/plugins/inventory/netops_inventory.py) and ``netops inventory
ansible`` both use it, so Ansible and netops never disagree. ``populate`` copies
that structure into Ansible's own inventory, so the plugin holds no logic.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from netops.inventory.choices import NETMIKO_DEVICE_TYPE, Platform
from netops.inventory.inventory import Inventory

#: ``ansible_network_os`` per platform; VRP/Comware/RGOS use netops' own
#: terminal+cliconf plugins (the Ansible bundle ships none for them).
NETWORK_OS: dict[Platform, str] = {
    Platform.HUAWEI_VRP: "netops.school.vrp",
    Platform.H3C_COMWARE: "netops.school.comware",
    Platform.RUIJIE_RGOS: "netops.school.rgos",
    Platform.CISCO_IOS: "cisco.ios.ios",
}


class AnsibleInventoryData(Protocol):
    """What ``populate`` needs of Ansible's ``InventoryData``; netops never imports ansible."""

    def add_group(self, group: str) -> str: ...

    def add_host(self, host: str, group: str | None = None) -> str: ...

    def add_child(self, group: str, child: str) -> bool: ...

    def set_variable(self, entity: str, varname: str, value: Any) -> None: ...


def group_name(kind: str, value: str) -> str:
    """An Ansible-safe group name: ``county_xingyi``, ``school_xy_0001``."""
    return re.sub(r"[^a-z0-9_]", "_", f"{kind}_{value}".lower())


def ansible_inventory(
    inventory: Inventory, *, include_terminals: bool = True, user: str = "netops"
) -> dict[str, Any]:
    """The ``ansible-inventory --list`` JSON structure of ``inventory``."""
    groups: dict[str, dict[str, list[str]]] = {}
    hostvars: dict[str, dict[str, Any]] = {}

    def member(group: str, host: str | None = None, child: str | None = None) -> None:
        entry = groups.setdefault(group, {"hosts": [], "children": []})
        if host:
            entry["hosts"].append(host)
        if child and child not in entry["children"]:
            entry["children"].append(child)

    for place in inventory.places():
        device = place.device
        hostvars[device.hostname] = {
            "ansible_host": str(device.mgmt_ip),
            "ansible_connection": "ansible.netcommon.network_cli",
            "ansible_network_os": NETWORK_OS[device.platform],
            "ansible_user": user,
            "netops_role": device.role.value,
            "netops_vendor": device.vendor.value,
            "netops_platform": device.platform.value,
            "netops_model": device.model,
            "netops_device_type": NETMIKO_DEVICE_TYPE[device.platform],
            "netops_county": place.county,
            "netops_school": place.school,
        }
        for kind, value in (
            ("role", device.role),
            ("platform", device.platform),
            ("vendor", device.vendor),
        ):
            member(group_name(kind, value), device.hostname)
        member("switches", device.hostname)
        _place_groups(member, place.county, place.school, device.hostname)
    if include_terminals:
        for school, terminal in inventory.terminals():
            hostvars[terminal.hostname] = {
                "ansible_host": str(terminal.ip),
                "ansible_connection": "ssh",
                "ansible_user": user,
                "netops_kind": terminal.kind.value,
                "netops_switch": terminal.switch,
                "netops_port": terminal.port,
                "netops_county": school.county,
                "netops_school": school.id,
            }
            member("terminals", terminal.hostname)
            _place_groups(member, school.county, school.id, terminal.hostname)
    top = sorted(g for g in groups if not g.startswith("school_"))
    result: dict[str, Any] = {"_meta": {"hostvars": hostvars}, "all": {"children": top}}
    result.update(groups)
    return result


def _place_groups(member: Any, county: str | None, school: str | None, host: str) -> None:
    if school is not None and county is not None:
        member(group_name("school", school), host)
        member(group_name("county", county), child=group_name("school", school))
    elif county is not None:
        member(group_name("county", county), host)


def populate(target: AnsibleInventoryData, data: dict[str, Any]) -> None:
    """Copy an ``ansible_inventory()`` structure into Ansible's inventory ``target``."""
    groups = {name: entry for name, entry in data.items() if name != "_meta"}
    # Every group must exist before add_child can link one to another.
    for name in groups:
        target.add_group(name)
    for name, entry in groups.items():
        for child in entry.get("children", []):
            target.add_child(name, child)
    for host, variables in data["_meta"]["hostvars"].items():
        target.add_host(host)
        for key, value in variables.items():
            target.set_variable(host, key, value)
    for name, entry in groups.items():
        for host in entry.get("hosts", []):
            target.add_host(host, group=name)
