"""Drift: where a switch's running configuration differs from its intended state, in words.

Each ``Drift`` is one line an engineer acts on: the device, what it concerns (a port
with what it serves, a VLAN, a server) and what is there against what is intended.
"""

from __future__ import annotations

from collections.abc import Mapping
from ipaddress import IPv4Address
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from netops.inventory.choices import Platform
from netops.provision.intent import DeviceIntent, PortIntent
from netops.provision.running import RunningState

#: The link type a port has when its configuration states none.
DEFAULT_LINK_TYPE: dict[Platform, str | None] = {
    Platform.H3C_COMWARE: "access",  # Comware ports are access ports until told otherwise
    Platform.HUAWEI_VRP: None,  # VRP's default depends on model and release: never assumed
}
#: VLAN 1 exists on every switch and passes trunks by default: never reported.
DEFAULT_VLAN = 1


class InterfaceView(Protocol):
    """One interface as the CLI collector parses it (None: the configuration does not say)."""

    @property
    def description(self) -> str | None: ...

    @property
    def shutdown(self) -> bool: ...

    @property
    def link_type(self) -> str | None: ...

    @property
    def pvid(self) -> int | None: ...

    @property
    def speed(self) -> str | None: ...

    @property
    def duplex(self) -> str | None: ...


class Drift(BaseModel):
    """One difference between intended and running configuration."""

    model_config = ConfigDict(frozen=True)

    device: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.device}: {self.subject}: {self.message}"


def _quoted(value: str | None) -> str:
    return "not set" if value is None else f"'{value}'"


def _vlans(ids: set[int] | tuple[int, ...]) -> str:
    shown = sorted(ids)
    return ", ".join(map(str, shown)) if shown else "none"


def _vlan_problems(
    intent: PortIntent, seen: InterfaceView, trunk_vlans: set[int], platform: Platform
) -> list[str]:
    """Link type, access VLAN, the VLANs a trunk carries."""
    problems = []
    link_type = seen.link_type or DEFAULT_LINK_TYPE.get(platform)
    if link_type != intent.link_type:
        shown = link_type or "not set (device default)"
        problems.append(f"link type is {shown}, intended {intent.link_type}")
    access_vlan = seen.pvid or DEFAULT_VLAN
    if intent.link_type == "access" and intent.pvid and access_vlan != intent.pvid:
        problems.append(f"access VLAN is {access_vlan}, intended {intent.pvid}")
    allowed = trunk_vlans - {DEFAULT_VLAN}
    if intent.link_type == "trunk" and allowed != set(intent.allowed_vlans):
        problems.append(
            f"trunk allows VLANs {_vlans(allowed)}, intended {_vlans(intent.allowed_vlans)}"
        )
    return problems


def _physical_problems(intent: PortIntent, seen: InterfaceView) -> list[str]:
    """Speed, duplex, administrative state."""
    problems = []
    if intent.speed_mbps and seen.speed != str(intent.speed_mbps):
        problems.append(f"speed is {seen.speed or 'auto'}, intended {intent.speed_mbps}")
    if intent.duplex and seen.duplex != intent.duplex:
        problems.append(f"duplex is {seen.duplex or 'auto'}, intended {intent.duplex}")
    if seen.shutdown and intent.enabled:
        problems.append("is shut down, intended up (undo shutdown)")
    elif not seen.shutdown and not intent.enabled:
        problems.append("is up, intended shut down")
    return problems


def _port_drift(
    intent: PortIntent, seen: InterfaceView | None, trunk_vlans: set[int], platform: Platform
) -> list[str]:
    if seen is None:
        return ["the switch has no such port (wrong model or port name in the inventory?)"]
    problems = []
    if (seen.description or "") != intent.description:
        problems.append(
            f"description is {_quoted(seen.description)}, intended '{intent.description}'"
        )
    problems += _vlan_problems(intent, seen, trunk_vlans, platform)
    return problems + _physical_problems(intent, seen)


def port_drift(
    intent: DeviceIntent, interfaces: Mapping[str, InterfaceView], running: RunningState
) -> list[Drift]:
    """Every intended port against the running one."""
    drift = []
    for port in intent.ports:
        subject = f"{port.name} ({port.purpose})"
        for problem in _port_drift(
            port,
            interfaces.get(port.name),
            running.trunk_vlans.get(port.name, set()),
            intent.platform,
        ):
            drift.append(Drift(device=intent.hostname, subject=subject, message=problem))
    return drift


def system_drift(intent: DeviceIntent, running: RunningState) -> list[Drift]:
    """Hostname, VLANs, VLAN interfaces (management address, the core's gateway)."""
    drift = []

    def add(subject: str, message: str) -> None:
        drift.append(Drift(device=intent.hostname, subject=subject, message=message))

    if running.sysname != intent.hostname:
        add("hostname", f"sysname is {_quoted(running.sysname)}, intended '{intent.hostname}'")
    for vlan in intent.vlans:
        if vlan.id not in running.vlans:
            add(f"VLAN {vlan.id}", f"missing (intended '{vlan.name}')")
        elif running.vlans[vlan.id] not in ("", vlan.name):
            add(f"VLAN {vlan.id}", f"named '{running.vlans[vlan.id]}', intended '{vlan.name}'")
    planned = {v.id for v in intent.vlans} | {DEFAULT_VLAN}
    for extra in sorted(set(running.vlans) - planned):
        add(f"VLAN {extra}", "exists but is not in the school's plan (remove it or add it)")
    for interface in intent.vlan_interfaces:
        subject = f"{interface.purpose} (VLAN {interface.vlan} interface)"
        if interface.vlan not in running.vlan_addresses:
            add(subject, f"no VLAN interface, intended {interface.address}")
            continue
        address = running.vlan_addresses[interface.vlan]
        if address != interface.address:
            shown = "no address" if address is None else str(address)
            add(subject, f"{shown}, intended {interface.address}")
    return drift


def _servers(kind: str, seen: list[IPv4Address], wanted: tuple[IPv4Address, ...]) -> list[str]:
    problems = [f"{kind} {server} is missing" for server in wanted if server not in seen]
    problems += [
        f"{kind} {server} is not one of the bureau's (remove it)"
        for server in seen
        if server not in wanted
    ]
    return problems


def service_drift(intent: DeviceIntent, running: RunningState) -> list[Drift]:
    """SNMP agent, NTP and syslog servers."""
    services = intent.services
    problems: list[tuple[str, str]] = []
    if not running.snmp_agent:
        problems.append(("SNMP", f"the agent is not configured, intended {services.snmp_version}"))
    elif services.snmp_version == "v2c" and "read" not in running.snmp_communities:
        problems.append(("SNMP", "no read community, intended the bureau's v2c community"))
    elif services.snmp_version == "v3" and services.snmp_v3_user not in running.snmp_users:
        problems.append(("SNMP", f"no v3 user '{services.snmp_v3_user}'"))
    if running.snmp_versions and services.snmp_version not in running.snmp_versions:
        versions = " ".join(sorted(running.snmp_versions))
        problems.append(("SNMP", f"the agent speaks {versions}, intended {services.snmp_version}"))
    problems += [("NTP", p) for p in _servers("server", running.ntp_servers, services.ntp_servers)]
    problems += [
        ("syslog", p) for p in _servers("loghost", running.loghosts, services.syslog_servers)
    ]
    return [Drift(device=intent.hostname, subject=s, message=m) for s, m in problems]


def device_drift(
    intent: DeviceIntent, interfaces: Mapping[str, InterfaceView], running: RunningState
) -> list[Drift]:
    """Everything that differs on one switch, hostname first, ports last."""
    return [
        *system_drift(intent, running),
        *service_drift(intent, running),
        *port_drift(intent, interfaces, running),
    ]
