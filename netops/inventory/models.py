"""The source of truth: pydantic models of the inventory's YAML files.

One model per file kind (prefecture, county, school) and the objects they hold.
Models check what one object can check alone (types, ranges, unknown fields);
rules that span objects or files live in :mod:`netops.inventory.checks`.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from netops.inventory.choices import (
    CountyKind,
    Duplex,
    Medium,
    Platform,
    Role,
    RoomKind,
    SchoolType,
    TerminalKind,
    Vendor,
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=63)]
Hostname = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$", max_length=63)]
Mac = Annotated[str, Field(pattern=r"^([0-9a-f]{2}:){5}[0-9a-f]{2}$")]
VlanId = Annotated[int, Field(strict=True, ge=1, le=4094)]
Mbps = Annotated[int, Field(strict=True, gt=0)]
Count = Annotated[int, Field(strict=True, ge=0)]
Flag = Annotated[bool, Field(strict=True)]
SchemaVersion = Literal[1]


class InventoryModel(BaseModel):
    """Base of every inventory object: unknown fields are errors; values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PortConfig(InventoryModel):
    """Intended configuration of one port, where it differs from the default."""

    name: str
    description: str = ""
    enabled: Flag = True
    speed_mbps: Mbps | None = None
    duplex: Duplex | None = None


class Device(InventoryModel):
    """A switch: prefecture core, county aggregation, or a school's core/access."""

    hostname: Hostname
    role: Role
    vendor: Vendor
    platform: Platform
    model: str = Field(description="Hardware model; its ports come from the catalog.")
    mgmt_ip: IPv4Address
    ports: list[PortConfig] = Field(default_factory=list)


class Endpoint(InventoryModel):
    """One end of a link: a device's port."""

    device: Hostname
    port: str


class Link(InventoryModel):
    """A cable between two ports; ``a`` is the downstream end (school side)."""

    a: Endpoint
    b: Endpoint
    medium: Medium
    contracted_mbps: Mbps = Field(description="Rate the bureau contracted for this link.")
    configured_mbps: Mbps = Field(description="Rate the ports are configured to run at.")
    vlan: VlanId | None = Field(default=None, description="Interconnect VLAN, if routed.")


class Vlan(InventoryModel):
    """A VLAN of a school with the subnet it carries."""

    id: VlanId
    name: Slug
    subnet: IPv4Network


class Addressing(InventoryModel):
    """A school's share of the address plan."""

    mgmt_vlan: VlanId
    mgmt_subnet: IPv4Network
    terminal_vlan: VlanId
    terminal_subnet: IPv4Network


class Terminal(InventoryModel):
    """A networked terminal in a room, on an access port of a school switch."""

    hostname: Hostname
    kind: TerminalKind
    ip: IPv4Address
    mac: Mac
    switch: Hostname
    port: str
    nic_mbps: Mbps = 1000
    nic_duplex: Duplex = Duplex.FULL


class Room(InventoryModel):
    """A teaching class or a function room."""

    id: Slug
    name: str
    kind: RoomKind
    terminals: list[Terminal] = Field(default_factory=list)


class SchoolFlags(InventoryModel):
    """Programmes a school belongs to."""

    live_classroom: Flag = False
    wisdom_campus: Flag = False
    pilot: Flag = False


class SchoolFile(InventoryModel):
    """One school: ``inventories/<prefecture>/<county>/<school id>.yaml``."""

    schema_version: SchemaVersion
    id: Slug
    name: str
    name_zh: str = ""
    county: Slug
    type: SchoolType
    students: Count
    flags: SchoolFlags = Field(default_factory=SchoolFlags)
    addressing: Addressing
    vlans: list[Vlan]
    devices: list[Device] = Field(min_length=1)
    uplink: Link
    trunks: list[Link] = Field(default_factory=list)
    rooms: list[Room] = Field(default_factory=list)


class CountyFile(InventoryModel):
    """A county: ``inventories/<prefecture>/<county>/county.yaml``."""

    schema_version: SchemaVersion
    id: Slug
    code: Annotated[str, Field(pattern=r"^[a-z]{2,4}$")]
    name: str
    name_zh: str = ""
    kind: CountyKind
    supernet: IPv4Network
    aggregation: list[Device] = Field(min_length=1)
    uplinks: list[Link] = Field(default_factory=list)


class PublishedFigures(InventoryModel):
    """Published figures the generated prefecture reproduces (domain.md)."""

    schools: Count
    rooms: Count
    live_classrooms: Count
    wisdom_campuses: Count
    pilot_schools: Count
    students: Count


class BureauServices(InventoryModel):
    """The education bureau's servers every school uses (provisioning configures them)."""

    ntp_servers: list[IPv4Address] = Field(min_length=1, description="NTP, in order of preference.")
    syslog_servers: list[IPv4Address] = Field(default_factory=list)
    dns_servers: list[IPv4Address] = Field(default_factory=list)
    dns_search: str = Field(default="", description="DNS search domain of classroom terminals.")
    proxy: str | None = Field(default=None, description="HTTP(S) proxy URL of the terminals.")
    no_proxy: list[str] = Field(default_factory=list, description="Hosts/networks not proxied.")
    monitoring_collector: str | None = Field(
        default=None, description="host:port the terminals' monitoring agent reports to."
    )
    snmp_contact: str = Field(default="", description="sysContact of every school switch.")


class PrefectureFile(InventoryModel):
    """The prefecture: ``inventories/<prefecture>/prefecture.yaml``."""

    schema_version: SchemaVersion
    id: Slug
    name: str
    name_zh: str = ""
    supernet: IPv4Network
    counties: list[Slug] = Field(min_length=1, description="County ids, in plan order.")
    core: list[Device] = Field(min_length=1)
    published: PublishedFigures | None = None
    services: BureauServices | None = Field(
        default=None, description="The bureau's NTP, syslog, DNS, proxy and collector."
    )
