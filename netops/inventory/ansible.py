"""The inventory as Ansible sees it: hosts, groups and connection variables.

One function builds the ``ansible-inventory --list`` structure; the inventory
plugin (playbooks/plugins/inventory/netops_inventory.py) and ``netops inventory
ansible`` both use it, so Ansible and netops never disagree. ``populate`` copies
that structure into Ansible's own inventory, so the plugin holds no logic.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Interface
from typing import Any, Protocol

from netops.inventory.choices import NETMIKO_DEVICE_TYPE, Platform, Role
from netops.inventory.inventory import Inventory
from netops.inventory.models import Device, SchoolFile, Terminal

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
    inventory: Inventory,
    *,
    include_terminals: bool = True,
    user: str = "netops",
    schools: frozenset[str] | None = None,
) -> dict[str, Any]:
    """The ``ansible-inventory --list`` JSON structure of ``inventory``; with ``schools``,
    only those schools' hosts (a run on a few schools need not build 13,000 hosts)."""
    groups: dict[str, dict[str, list[str]]] = {}
    hostvars: dict[str, dict[str, Any]] = {}

    def member(group: str, host: str | None = None, child: str | None = None) -> None:
        entry = groups.setdefault(group, {"hosts": [], "children": []})
        if host:
            entry["hosts"].append(host)
        if child and child not in entry["children"]:
            entry["children"].append(child)

    for place in inventory.places():
        if schools is not None and place.school not in schools:
            continue
        device = place.device
        school_file = inventory.schools.get(place.school) if place.school else None
        intent = switch_intent(school_file, device) if school_file else {}
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
            **intent,
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
        _add_terminals(inventory, hostvars, member, user, schools)
    top = sorted(g for g in groups if not g.startswith("school_"))
    result: dict[str, Any] = {"_meta": {"hostvars": hostvars}, "all": {"children": top}}
    services = inventory.prefecture.services
    if services is not None:  # the bureau's servers, for every host
        result["all"]["vars"] = {"netops_bureau": services.model_dump(mode="json")}
    result.update(groups)
    return result


def _add_terminals(
    inventory: Inventory,
    hostvars: dict[str, dict[str, Any]],
    member: Any,
    user: str,
    schools: frozenset[str] | None,
) -> None:
    """The classroom terminals (of ``schools`` only, when given) as hosts."""
    wanted = [s for s in inventory.schools.values() if schools is None or s.id in schools]
    for school in wanted:
        for room in school.rooms:
            for terminal in room.terminals:
                hostvars[terminal.hostname] = {
                    "ansible_host": str(terminal.ip),
                    "ansible_connection": "ssh",
                    "ansible_user": user,
                    "netops_kind": terminal.kind.value,
                    "netops_switch": terminal.switch,
                    "netops_port": terminal.port,
                    "netops_county": school.county,
                    "netops_school": school.id,
                    **terminal_intent(school, terminal, f"{room.id} {room.name}"),
                }
                member("terminals", terminal.hostname)
                _place_groups(member, school.county, school.id, terminal.hostname)


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
    for name, entry in groups.items():
        for key, value in entry.get("vars", {}).items():
            target.set_variable(name, key, value)
    for host, variables in data["_meta"]["hostvars"].items():
        target.add_host(host)
        for key, value in variables.items():
            target.set_variable(host, key, value)
    for name, entry in groups.items():
        for host in entry.get("hosts", []):
            target.add_host(host, group=name)


# -- what provisioning configures (playbooks/roles render these). The same choices as
# netops.provision.intent, which verification compares the switches with.


def switch_intent(school: SchoolFile, device: Device) -> dict[str, Any]:
    """A school switch's intended VLANs, VLAN interfaces and ports, as host variables.

    A terminal's port is an access port of the terminal VLAN described by its room and
    terminal; the uplink and the trunks to the school's other switches carry the school's
    VLANs; the inventory's per-port settings (description, speed, enabled) win. The
    school core also holds the terminals' gateway (the subnet's first address).
    """
    plan = school.addressing
    carried = sorted(v.id for v in school.vlans)
    ports: dict[str, dict[str, Any]] = {}
    for link, kind in [(school.uplink, "uplink"), *((t, "trunk") for t in school.trunks)]:
        for end, peer in ((link.a, link.b), (link.b, link.a)):
            if end.device == device.hostname:
                speed = link.configured_mbps if kind == "uplink" else None
                ports[end.port] = _port(
                    end.port, f"{kind} {peer.device} {peer.port}", "trunk", carried, speed
                )
    for room in school.rooms:
        for t in room.terminals:
            if t.switch == device.hostname:
                description = f"{room.name} {t.hostname}"
                ports[t.port] = _port(t.port, description, "access", [plan.terminal_vlan])
    for config in device.ports:
        port = ports.setdefault(config.name, _port(config.name, "", "access", []))
        port["description"] = config.description or port["description"]
        port["speed_mbps"] = config.speed_mbps or port["speed_mbps"]
        port["duplex"] = config.duplex.value if config.duplex else None
        port["enabled"] = config.enabled
    interfaces = [(plan.mgmt_vlan, IPv4Interface(f"{device.mgmt_ip}/{plan.mgmt_subnet.prefixlen}"))]
    if device.role is Role.SCHOOL_CORE:
        gateway = plan.terminal_subnet.network_address + 1
        interfaces.append(
            (plan.terminal_vlan, IPv4Interface(f"{gateway}/{plan.terminal_subnet.prefixlen}"))
        )
    return {
        "netops_vlans": [{"id": v.id, "name": v.name} for v in sorted(school.vlans, key=_id)],
        "netops_vlanifs": [
            {"vlan": vlan, "address": str(i.ip), "netmask": str(i.netmask)}
            for vlan, i in interfaces
        ],
        "netops_ports": list(ports.values()),
    }


def _id(vlan: Any) -> int:
    return int(vlan.id)


def _port(
    name: str, description: str, mode: str, vlans: list[int], speed: int | None = None
) -> dict[str, Any]:
    return {
        "name": name,
        "description": description,
        "mode": mode,
        "vlans": vlans,
        "speed_mbps": speed,
        "duplex": None,
        "enabled": True,
    }


def terminal_intent(school: SchoolFile, terminal: Terminal, room: str) -> dict[str, Any]:
    """A classroom terminal's intended network settings, as host variables."""
    subnet = school.addressing.terminal_subnet
    return {
        "netops_room": room,
        "netops_address": str(terminal.ip),
        "netops_prefix": subnet.prefixlen,
        "netops_gateway": str(subnet.network_address + 1),
        "netops_mac": terminal.mac,
    }
