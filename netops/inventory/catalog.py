"""Hardware models and their ports, as NetBox device types with interface templates.

A device in the inventory names its model; the ports it has come from here, so a
school file never lists 48 ports by hand and a terminal on a port the model does
not have is caught. Port names are written as each vendor's CLI and IF-MIB
``ifName`` show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from netops.inventory.choices import Medium, Vendor


@dataclass(frozen=True, slots=True)
class Port:
    """One physical port of a hardware model."""

    name: str
    medium: Medium
    max_mbps: int


@dataclass(frozen=True, slots=True)
class PortRange:
    """Ports ``template.format(n)`` for n in first..last."""

    template: str
    first: int
    last: int
    medium: Medium
    max_mbps: int

    def expand(self) -> list[Port]:
        """All ports of the range, in order."""
        return [
            Port(self.template.format(n), self.medium, self.max_mbps)
            for n in range(self.first, self.last + 1)
        ]


@dataclass(frozen=True, slots=True)
class HardwareModel:
    """A switch model: vendor, name and port layout."""

    vendor: Vendor
    name: str
    port_ranges: tuple[PortRange, ...]
    legacy: bool = False

    @property
    def ports(self) -> MappingProxyType[str, Port]:
        """Ports by name, in panel order."""
        return _ports_of(self)

    def ports_of(self, medium: Medium) -> list[Port]:
        """Ports of one medium, in panel order."""
        return [port for port in self.ports.values() if port.medium is medium]


@cache
def _ports_of(model: HardwareModel) -> MappingProxyType[str, Port]:
    return MappingProxyType({p.name: p for r in model.port_ranges for p in r.expand()})


CU, FI = Medium.COPPER, Medium.FIBER


def _model(vendor: Vendor, name: str, *ranges: PortRange, legacy: bool = False) -> HardwareModel:
    return HardwareModel(vendor, name, ranges, legacy)


_MODELS: Final = (
    # Huawei VRP: slot/subcard/port.
    _model(Vendor.HUAWEI, "CE8850-64CQ-EI", PortRange("100GE1/0/{}", 1, 64, FI, 100_000)),
    _model(
        Vendor.HUAWEI,
        "S6730-H48X6C",
        PortRange("XGigabitEthernet0/0/{}", 1, 48, FI, 10_000),
        PortRange("100GE0/0/{}", 1, 6, FI, 100_000),
    ),
    _model(
        Vendor.HUAWEI,
        "S5735-S24T4X",
        PortRange("GigabitEthernet0/0/{}", 1, 24, CU, 1000),
        PortRange("XGigabitEthernet0/0/{}", 1, 4, FI, 10_000),
    ),
    _model(
        Vendor.HUAWEI,
        "S5735-L48T4S-A",
        PortRange("GigabitEthernet0/0/{}", 1, 48, CU, 1000),
        PortRange("GigabitEthernet0/0/{}", 49, 52, FI, 1000),
    ),
    _model(
        Vendor.HUAWEI,
        "S5735-L24T4S-A",
        PortRange("GigabitEthernet0/0/{}", 1, 24, CU, 1000),
        PortRange("GigabitEthernet0/0/{}", 25, 28, FI, 1000),
    ),
    _model(
        Vendor.HUAWEI,
        "S5735-L8T4S-A",
        PortRange("GigabitEthernet0/0/{}", 1, 8, CU, 1000),
        PortRange("GigabitEthernet0/0/{}", 9, 12, FI, 1000),
    ),
    _model(
        Vendor.HUAWEI,
        "S2700-26TP-SI",
        PortRange("Ethernet0/0/{}", 1, 24, CU, 100),
        PortRange("GigabitEthernet0/0/{}", 1, 2, FI, 1000),
        legacy=True,
    ),
    # H3C Comware: member/slot/port, hyphenated 10GE names.
    _model(
        Vendor.H3C,
        "S6850-56HF",
        PortRange("Twenty-FiveGigE1/0/{}", 1, 48, FI, 25_000),
        PortRange("HundredGigE1/0/{}", 49, 56, FI, 100_000),
    ),
    _model(
        Vendor.H3C,
        "S5560X-30C-EI",
        PortRange("GigabitEthernet1/0/{}", 1, 24, CU, 1000),
        PortRange("Ten-GigabitEthernet1/0/{}", 25, 28, FI, 10_000),
    ),
    _model(
        Vendor.H3C,
        "S5130S-52S-EI",
        PortRange("GigabitEthernet1/0/{}", 1, 48, CU, 1000),
        PortRange("Ten-GigabitEthernet1/0/{}", 49, 52, FI, 10_000),
    ),
    _model(
        Vendor.H3C,
        "S5130S-28S-EI",
        PortRange("GigabitEthernet1/0/{}", 1, 24, CU, 1000),
        PortRange("Ten-GigabitEthernet1/0/{}", 25, 28, FI, 10_000),
    ),
    _model(
        Vendor.H3C,
        "S5130S-10P-EI",
        PortRange("GigabitEthernet1/0/{}", 1, 8, CU, 1000),
        PortRange("GigabitEthernet1/0/{}", 9, 10, FI, 1000),
    ),
    _model(
        Vendor.H3C,
        "S3100V2-26TP-EI",
        PortRange("Ethernet1/0/{}", 1, 24, CU, 100),
        PortRange("GigabitEthernet1/0/{}", 25, 26, FI, 1000),
        legacy=True,
    ),
    # Ruijie RGOS: "GigabitEthernet 0/1", with a space.
    _model(
        Vendor.RUIJIE,
        "RG-S5750-28GT4XS-H",
        PortRange("GigabitEthernet 0/{}", 1, 24, CU, 1000),
        PortRange("TenGigabitEthernet 0/{}", 25, 28, FI, 10_000),
    ),
    _model(
        Vendor.RUIJIE,
        "RG-S2910-24GT4XS-E",
        PortRange("GigabitEthernet 0/{}", 1, 24, CU, 1000),
        PortRange("TenGigabitEthernet 0/{}", 25, 28, FI, 10_000),
    ),
    _model(
        Vendor.RUIJIE,
        "RG-S2910-48GT4XS-E",
        PortRange("GigabitEthernet 0/{}", 1, 48, CU, 1000),
        PortRange("TenGigabitEthernet 0/{}", 49, 52, FI, 10_000),
    ),
    _model(
        Vendor.RUIJIE,
        "RG-S2910-10GT2SFP-UP-H",
        PortRange("GigabitEthernet 0/{}", 1, 10, CU, 1000),
        PortRange("GigabitEthernet 0/{}", 11, 12, FI, 1000),
    ),
    # Cisco IOS.
    _model(
        Vendor.CISCO,
        "C9200L-24T-4X",
        PortRange("GigabitEthernet1/0/{}", 1, 24, CU, 1000),
        PortRange("TenGigabitEthernet1/1/{}", 1, 4, FI, 10_000),
    ),
    _model(
        Vendor.CISCO,
        "C9200L-48T-4G",
        PortRange("GigabitEthernet1/0/{}", 1, 48, CU, 1000),
        PortRange("GigabitEthernet1/1/{}", 1, 4, FI, 1000),
    ),
    _model(
        Vendor.CISCO,
        "C9200L-24T-4G",
        PortRange("GigabitEthernet1/0/{}", 1, 24, CU, 1000),
        PortRange("GigabitEthernet1/1/{}", 1, 4, FI, 1000),
    ),
    _model(
        Vendor.CISCO,
        "WS-C2960-24TT-L",
        PortRange("FastEthernet0/{}", 1, 24, CU, 100),
        PortRange("GigabitEthernet0/{}", 1, 2, FI, 1000),
        legacy=True,
    ),
)

#: Every known hardware model by name.
MODELS: Final[MappingProxyType[str, HardwareModel]] = MappingProxyType({m.name: m for m in _MODELS})


def model_named(name: str) -> HardwareModel | None:
    """The hardware model called ``name``, or None when the catalog lacks it."""
    return MODELS.get(name)
