"""Build a school's inventory file from what an engineer decides and what the plan hands out.

Shared by the prefecture generator and ``netops school add``, so a generated
school and a hand-added one have the same shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network

from netops.inventory.addressing import host
from netops.inventory.catalog import MODELS, HardwareModel
from netops.inventory.choices import (
    PLATFORM_OF_VENDOR,
    Duplex,
    Medium,
    Role,
    RoomKind,
    SchoolType,
    TerminalKind,
    Vendor,
)
from netops.inventory.constants import MGMT_VLAN, SCHEMA_VERSION, TERMINAL_VLAN
from netops.inventory.models import (
    Addressing,
    Device,
    Endpoint,
    Link,
    PortConfig,
    Room,
    SchoolFile,
    SchoolFlags,
    Terminal,
    Vlan,
)

#: Switch models per vendor: (small single switch, 24-port, 48-port access, school core, legacy).
SCHOOL_MODELS: dict[Vendor, tuple[str, str, str, str, str]] = {
    Vendor.HUAWEI: (
        "S5735-L8T4S-A",
        "S5735-L24T4S-A",
        "S5735-L48T4S-A",
        "S5735-S24T4X",
        "S2700-26TP-SI",
    ),
    Vendor.H3C: (
        "S5130S-10P-EI",
        "S5130S-28S-EI",
        "S5130S-52S-EI",
        "S5560X-30C-EI",
        "S3100V2-26TP-EI",
    ),
    Vendor.RUIJIE: (
        "RG-S2910-10GT2SFP-UP-H",
        "RG-S2910-24GT4XS-E",
        "RG-S2910-48GT4XS-E",
        "RG-S5750-28GT4XS-H",
        "RG-S2910-24GT4XS-E",
    ),
    Vendor.CISCO: (
        "C9200L-24T-4G",
        "C9200L-24T-4G",
        "C9200L-48T-4G",
        "C9200L-24T-4X",
        "WS-C2960-24TT-L",
    ),
}


@dataclass(frozen=True)
class RoomSpec:
    """A room to build: its name, kind and how many terminals it has."""

    name: str
    kind: RoomKind
    terminals: int = 1
    terminal_kind: TerminalKind = TerminalKind.INTERACTIVE_DISPLAY


@dataclass(frozen=True)
class SchoolSpec:
    """What an engineer decides about a new school."""

    id: str
    name: str
    county: str
    type: SchoolType
    students: int
    rooms: list[RoomSpec]
    vendor: Vendor = Vendor.HUAWEI
    name_zh: str = ""
    flags: SchoolFlags = field(default_factory=SchoolFlags)
    legacy_switch: bool = False
    """Access ports are 100M Fast Ethernet (old gear still in service)."""
    legacy_uplink_mbps: int | None = None
    """Uplink still runs at this rate (e.g. 100) instead of gigabit."""
    legacy_terminals: dict[int, tuple[int, Duplex]] = field(default_factory=dict)
    """Terminal number -> (NIC Mb/s, duplex) for old NICs."""


@dataclass(frozen=True)
class Allocation:
    """What the plan hands out to a new school."""

    mgmt_subnet: IPv4Network
    terminal_subnet: IPv4Network
    uplink_vlan: int
    aggregation: Endpoint


def _switch(spec: SchoolSpec, hostname: str, role: Role, model: str, ip: IPv4Address) -> Device:
    return Device(
        hostname=hostname,
        role=role,
        vendor=spec.vendor,
        platform=PLATFORM_OF_VENDOR[spec.vendor],
        model=model,
        mgmt_ip=ip,
    )


#: A school with at most this many rooms runs on one switch; larger ones get a
#: core switch and an access switch per this many rooms (a floor or building).
SINGLE_SWITCH_ROOMS = 6
ROOMS_PER_ACCESS_SWITCH = 12


def _plan_switches(spec: SchoolSpec, terminals: int) -> list[tuple[Role, HardwareModel]]:
    small, mid, _, core, legacy = (MODELS[n] for n in SCHOOL_MODELS[spec.vendor])
    if len(spec.rooms) <= SINGLE_SWITCH_ROOMS:
        for single in (legacy, small, mid) if spec.legacy_switch else (small, mid):
            if terminals <= len(single.ports_of(Medium.COPPER)):
                return [(Role.SCHOOL_CORE, single)]
    access = legacy if spec.legacy_switch else mid
    count = math.ceil(len(spec.rooms) / ROOMS_PER_ACCESS_SWITCH)
    return [(Role.SCHOOL_CORE, core)] + [(Role.SCHOOL_ACCESS, access)] * count


def build_school(spec: SchoolSpec, allocation: Allocation) -> SchoolFile:
    """The school's inventory file: switches, uplink, trunks, rooms and terminals."""
    terminal_count = sum(room.terminals for room in spec.rooms)
    plan = _plan_switches(spec, terminal_count)
    devices: list[Device] = []
    copper: list[list[str]] = []
    fiber: list[list[str]] = []
    for n, (role, model) in enumerate(plan, start=1):
        prefix = "sw" if len(plan) == 1 else role.value.removeprefix("school_")
        hostname = f"{spec.id}-{prefix}{n - 1 if role is Role.SCHOOL_ACCESS else 1:02d}"
        devices.append(_switch(spec, hostname, role, model.name, host(allocation.mgmt_subnet, n)))
        copper.append([p.name for p in model.ports_of(Medium.COPPER)])
        fiber.append([p.name for p in model.ports_of(Medium.FIBER)])
    uplink_port = fiber[0].pop(0)
    uplink_mbps = spec.legacy_uplink_mbps or 1000
    aggregation = allocation.aggregation
    uplink = Link(
        a=Endpoint(device=devices[0].hostname, port=uplink_port),
        b=aggregation,
        medium=Medium.FIBER,
        contracted_mbps=1000,
        configured_mbps=uplink_mbps,
        vlan=allocation.uplink_vlan,
    )
    devices[0] = devices[0].model_copy(
        update={
            "ports": [
                PortConfig(
                    name=uplink_port,
                    description=f"uplink {aggregation.device} {aggregation.port}",
                    speed_mbps=uplink_mbps,
                )
            ]
        }
    )
    trunks = [
        _trunk(devices[0], device, fiber[0], copper[0], fiber[i])
        for i, device in enumerate(devices)
        if i > 0
    ]
    # Terminals sit on access switches (on the single switch of a small school).
    slots = copper[1:] if len(devices) > 1 else copper
    hosts = devices[1:] if len(devices) > 1 else devices
    rooms = _rooms(spec, allocation.terminal_subnet, hosts, slots)
    a = allocation
    return SchoolFile(
        schema_version=SCHEMA_VERSION,
        id=spec.id,
        name=spec.name,
        name_zh=spec.name_zh,
        county=spec.county,
        type=spec.type,
        students=spec.students,
        flags=spec.flags,
        addressing=Addressing(
            mgmt_vlan=MGMT_VLAN,
            mgmt_subnet=a.mgmt_subnet,
            terminal_vlan=TERMINAL_VLAN,
            terminal_subnet=a.terminal_subnet,
        ),
        vlans=[
            Vlan(id=MGMT_VLAN, name="mgmt", subnet=a.mgmt_subnet),
            Vlan(id=TERMINAL_VLAN, name="classrooms", subnet=a.terminal_subnet),
        ],
        devices=devices,
        uplink=uplink,
        trunks=trunks,
        rooms=rooms,
    )


def _trunk(
    core: Device,
    access: Device,
    core_fiber: list[str],
    core_copper: list[str],
    access_fiber: list[str],
) -> Link:
    """Access switch uplink to the core: fiber while the core has some, then copper."""
    medium, core_port = (
        (Medium.FIBER, core_fiber.pop(0)) if core_fiber else (Medium.COPPER, core_copper.pop())
    )
    access_port = access_fiber.pop(0)
    return Link(
        a=Endpoint(device=access.hostname, port=access_port),
        b=Endpoint(device=core.hostname, port=core_port),
        medium=medium,
        contracted_mbps=1000,
        configured_mbps=1000,
    )


def _rooms(
    spec: SchoolSpec, subnet: IPv4Network, switches: list[Device], free_ports: list[list[str]]
) -> list[Room]:
    rooms, number = [], 0
    for r, room in enumerate(spec.rooms, start=1):
        # Each access switch serves a block of rooms (a floor or a building).
        index = min((r - 1) // ROOMS_PER_ACCESS_SWITCH, len(switches) - 1)
        terminals = []
        for t in range(1, room.terminals + 1):
            ip = host(subnet, number + 2)  # .1 is the school's gateway
            mbps, duplex = spec.legacy_terminals.get(number, (1000, Duplex.FULL))
            kind = room.terminal_kind if t == 1 else TerminalKind.TEACHER_PC
            terminals.append(
                Terminal(
                    hostname=f"{spec.id}-r{r:02d}-t{t}",
                    kind=kind,
                    ip=ip,
                    mac=mac_for(ip),
                    switch=switches[index].hostname,
                    port=free_ports[index].pop(0),
                    nic_mbps=mbps,
                    nic_duplex=duplex,
                )
            )
            number += 1
        rooms.append(Room(id=f"r{r:02d}", name=room.name, kind=room.kind, terminals=terminals))
    return rooms


def mac_for(ip: IPv4Address) -> str:
    """A stable, locally administered MAC derived from the terminal's address."""
    return "02:00:" + ":".join(f"{b:02x}" for b in ip.packed)


def to_document(school: SchoolFile) -> dict[str, object]:
    """The school as plain data for YAML, defaults left out for short files."""
    return school.model_dump(mode="json", exclude_defaults=True)
