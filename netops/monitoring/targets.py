"""What to poll: the devices and ports the inventory says matter, and how to reach them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

from netops.inventory.inventory import Inventory
from netops.monitoring.results import PortRole
from netops.monitoring.settings import SnmpAuthProtocol


class SnmpCredentials(BaseModel):
    """How to authenticate to one agent: SNMPv2c community or SNMPv3 authPriv (SHA, AES)."""

    model_config = ConfigDict(frozen=True)

    version: Literal["v2c", "v3"] = "v2c"
    community: SecretStr | None = None
    user: str | None = None
    auth_key: SecretStr | None = None
    priv_key: SecretStr | None = None
    auth_protocol: SnmpAuthProtocol = "SHA"
    priv_protocol: Literal["AES128"] = "AES128"
    context: str = ""


class TargetPort(BaseModel):
    """A port to poll and why."""

    model_config = ConfigDict(frozen=True)

    name: str
    role: PortRole


class PollTarget(BaseModel):
    """One device to poll: where it answers, how to log in, which ports matter."""

    model_config = ConfigDict(frozen=True)

    device: str
    vendor: str
    platform: str
    county: str | None = None
    school: str | None = None
    host: str
    snmp_port: int = 161
    ssh_port: int = 22
    snmp: SnmpCredentials | None = None
    ports: list[TargetPort]


def monitored_ports(inventory: Inventory) -> dict[str, list[TargetPort]]:
    """Hostname -> the ports that matter: uplinks (both ends), trunks, terminal ports."""
    ports: dict[str, dict[str, PortRole]] = {}

    def add(device: str, port: str, role: PortRole) -> None:
        ports.setdefault(device, {}).setdefault(port, role)

    for county in inventory.counties.values():
        for link in county.uplinks:
            add(link.a.device, link.a.port, PortRole.CORE)
            add(link.b.device, link.b.port, PortRole.CORE)
    for school in inventory.schools.values():
        add(school.uplink.a.device, school.uplink.a.port, PortRole.UPLINK)
        add(school.uplink.b.device, school.uplink.b.port, PortRole.AGGREGATION)
        for trunk in school.trunks:
            add(trunk.a.device, trunk.a.port, PortRole.TRUNK)
            add(trunk.b.device, trunk.b.port, PortRole.TRUNK)
        for room in school.rooms:
            for terminal in room.terminals:
                add(terminal.switch, terminal.port, PortRole.ACCESS)
    return {
        device: [TargetPort(name=name, role=role) for name, role in roles.items()]
        for device, roles in ports.items()
    }


def inventory_targets(
    inventory: Inventory, credentials: SnmpCredentials, devices: Iterable[str] | None = None
) -> list[PollTarget]:
    """Targets at the devices' management addresses (the real network)."""
    wanted = set(devices) if devices is not None else None
    ports = monitored_ports(inventory)
    return [
        PollTarget(
            device=p.device.hostname,
            vendor=p.device.vendor.value,
            platform=p.device.platform.value,
            county=p.county,
            school=p.school,
            host=str(p.device.mgmt_ip),
            snmp=credentials,
            ports=ports.get(p.device.hostname, []),
        )
        for p in inventory.places()
        if wanted is None or p.device.hostname in wanted
    ]
