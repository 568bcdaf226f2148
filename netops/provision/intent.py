"""The intended state of a school's switches, derived from the inventory alone.

What ``provision_school.yml`` pushes and ``netops provision verify`` checks: hostname,
VLANs, management address (and the core's gateway for the terminals), each access port
(PVID, description, link type), the fiber uplink and the trunks to access switches,
SNMP, NTP and syslog. VLANs, addresses and ports are the host variables the playbook
renders (``netops.inventory.ansible.switch_intent``); the bureau's servers are not in
the inventory and come in as ``Services``.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from netops.inventory.ansible import switch_intent
from netops.inventory.choices import Platform
from netops.inventory.inventory import Inventory
from netops.inventory.models import Device, SchoolFile
from netops.provision.constants import PROVISIONED_PLATFORMS
from netops.provision.hosts import school_of


class Services(BaseModel):
    """The bureau's servers and the SNMP flavour every school switch is set up for."""

    model_config = ConfigDict(frozen=True)

    ntp_servers: tuple[IPv4Address, ...] = ()
    syslog_servers: tuple[IPv4Address, ...] = ()
    snmp_version: Literal["v2c", "v3"] = "v2c"
    snmp_v3_user: str | None = None


class VlanIntent(BaseModel):
    """A VLAN the switch must have."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str


class VlanInterfaceIntent(BaseModel):
    """A VLAN interface and its address: management, or the terminals' gateway (core)."""

    model_config = ConfigDict(frozen=True)

    vlan: int
    address: IPv4Interface
    purpose: str


class PortIntent(BaseModel):
    """One port as it must be configured, and why it matters (for drift messages)."""

    model_config = ConfigDict(frozen=True)

    name: str
    purpose: str = Field(description="What the port serves, in words: 'room r03 ...'.")
    description: str
    link_type: Literal["access", "trunk"]
    pvid: int | None = Field(default=None, description="Access VLAN (access ports).")
    allowed_vlans: tuple[int, ...] = Field(default=(), description="VLANs a trunk carries.")
    speed_mbps: int | None = None
    duplex: str | None = None
    enabled: bool = True


class DeviceIntent(BaseModel):
    """One switch's intended state."""

    model_config = ConfigDict(frozen=True)

    hostname: str
    platform: Platform
    school: str
    vlans: tuple[VlanIntent, ...]
    vlan_interfaces: tuple[VlanInterfaceIntent, ...]
    ports: tuple[PortIntent, ...]
    services: Services

    def port(self, name: str) -> PortIntent | None:
        """The intent of one port, if the inventory says anything about it."""
        return next((p for p in self.ports if p.name == name), None)


class SchoolIntent(BaseModel):
    """The intended state of every switch of a school the playbook provisions."""

    model_config = ConfigDict(frozen=True)

    school: str
    devices: tuple[DeviceIntent, ...]
    not_provisioned: tuple[str, ...] = Field(
        default=(), description="Switches of platforms no role provisions (not checked)."
    )


def purposes(school: SchoolFile, device: Device) -> dict[str, str]:
    """Port -> what it serves, in words: the room and terminal, or the link's far end."""
    found: dict[str, str] = {}
    links = [(school.uplink, "uplink"), *((t, "trunk") for t in school.trunks)]
    for link, kind in links:
        for end, peer in ((link.a, link.b), (link.b, link.a)):
            if end.device == device.hostname:
                found[end.port] = f"{kind} to {peer.device} {peer.port}"
    for room in school.rooms:
        for terminal in room.terminals:
            if terminal.switch == device.hostname:
                found[terminal.port] = f"room {room.id} {room.name}, terminal {terminal.hostname}"
    return found


def _port(variables: dict[str, Any], purpose: str) -> PortIntent:
    vlans = [int(v) for v in variables.get("vlans") or []]
    trunk = variables.get("mode") == "trunk"
    return PortIntent(
        name=variables["name"],
        purpose=purpose,
        description=variables.get("description") or "",
        link_type="trunk" if trunk else "access",
        pvid=None if trunk or not vlans else vlans[0],
        allowed_vlans=tuple(sorted(vlans)) if trunk else (),
        speed_mbps=variables.get("speed_mbps"),
        duplex=variables.get("duplex"),
        enabled=bool(variables.get("enabled", True)),
    )


def device_intent(school: SchoolFile, device: Device, services: Services) -> DeviceIntent:
    """The intended state of one of the school's switches.

    The VLANs, VLAN interfaces and ports are the host variables the playbook renders
    (``netops.inventory.ansible.switch_intent``): push and verify share one derivation.
    """
    variables = switch_intent(school, device)
    why = purposes(school, device)
    plan = school.addressing
    names = {plan.mgmt_vlan: "management address", plan.terminal_vlan: "terminals' gateway"}
    interfaces = tuple(
        VlanInterfaceIntent(
            vlan=int(v["vlan"]),
            address=IPv4Interface(f"{v['address']}/{v['netmask']}"),
            purpose=names.get(int(v["vlan"]), f"VLAN {v['vlan']} address"),
        )
        for v in variables["netops_vlanifs"]
    )
    return DeviceIntent(
        hostname=device.hostname,
        platform=device.platform,
        school=school.id,
        vlans=tuple(VlanIntent(id=v["id"], name=v["name"]) for v in variables["netops_vlans"]),
        vlan_interfaces=interfaces,
        ports=tuple(
            _port(p, why.get(p["name"], "configured in the inventory"))
            for p in variables["netops_ports"]
        ),
        services=services,
    )


def school_intent(inventory: Inventory, school_id: str, services: Services) -> SchoolIntent:
    """The intended state of a school's provisioned switches.

    Raises:
        HostSelectionError: no such school.
    """
    school = school_of(inventory, school_id)
    devices = [d for d in school.devices if d.platform in PROVISIONED_PLATFORMS]
    return SchoolIntent(
        school=school.id,
        devices=tuple(device_intent(school, d, services) for d in devices),
        not_provisioned=tuple(
            d.hostname for d in school.devices if d.platform not in PROVISIONED_PLATFORMS
        ),
    )
