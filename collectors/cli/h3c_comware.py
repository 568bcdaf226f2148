"""H3C Comware 7: netmiko's hp_comware driver, ntc-templates' brief, our optics template."""

from __future__ import annotations

import re
from typing import ClassVar

from collectors.cli.base import Platform, PortStatus

#: The brief's short names of ports -> the full names targets use (ntc-templates'
#: hp_comware display_interface_brief tests show ``BAGG10``, ``M-GE0/0/0``, ``XGE0/0/10``).
LONG_NAMES = {
    "GE": "GigabitEthernet",
    "XGE": "Ten-GigabitEthernet",
    "WGE": "Twenty-FiveGigE",
    "FGE": "FortyGigE",
    "HGE": "HundredGigE",
    "BAGG": "Bridge-Aggregation",
    "RAGG": "Route-Aggregation",
    "M-GE": "M-GigabitEthernet",
}
_SHORT = re.compile(r"^(?P<type>[A-Za-z-]+)(?P<number>\d.*)$")
_SPEED = re.compile(r"^(?P<value>\d+)(?P<unit>[MG])$")
_DUPLEX = {"F": "full", "H": "half"}


def long_name(short: str) -> str:
    """``XGE1/0/25`` -> ``Ten-GigabitEthernet1/0/25``; other names unchanged."""
    match = _SHORT.match(short)
    if match is None or match["type"] not in LONG_NAMES:
        return short
    return LONG_NAMES[match["type"]] + match["number"]


def is_port(short: str) -> bool:
    """True for Ethernet ports and aggregations; False for InLoop0, NULL0, Vlan1, REG0..."""
    match = _SHORT.match(short)
    return match is not None and match["type"] in LONG_NAMES


def speed_mbps(text: str) -> int | None:
    """``1G`` -> 1000, ``100M`` -> 100; ``auto`` (no link yet) -> None."""
    match = _SPEED.match(text.removesuffix("(a)"))
    if match is None:
        return None
    return int(match["value"]) * (1000 if match["unit"] == "G" else 1)


class H3cComware(Platform):
    """Comware 7 switches (Comware 5 prints the same brief)."""

    name: ClassVar[str] = "h3c_comware"
    device_type: ClassVar[str] = "hp_comware"
    brief_template: ClassVar[str] = "hp_comware_display_interface_brief.textfsm"
    transceiver_template: ClassVar[str] = "hp_comware_display_transceiver_diagnosis.textfsm"

    def transceiver_command(self, port: str) -> str:
        """Comware's current readings and thresholds."""
        return f"display transceiver diagnosis interface {port}"

    def parse_brief(self, text: str) -> dict[str, PortStatus]:
        """Full port name -> its row: Link ``UP``/``DOWN``/``ADM``/``Stby``.

        Bridge-mode rows add speed (``1G``, ``20G(a)``) and duplex (``F``/``H``). Route-mode
        rows have neither: a layer-3 uplink (``port link-mode route``) is listed there,
        so its state is kept and its speed and duplex stay unknown; logical interfaces of
        that table (InLoop0, NULL0, Vlan1) are no ports.
        """
        ports = {}
        for row in self.ntc_rows(text):
            bridged = bool(row["speed"])
            if not bridged and not is_port(row["interface"]):
                continue
            oper_up = row["link"] == "UP"
            duplex = _DUPLEX.get(row["duplex"].removesuffix("(a)"), "unknown")
            ports[long_name(row["interface"])] = PortStatus(
                admin_up=row["link"] != "ADM",
                oper_up=oper_up,
                speed_mbps=speed_mbps(row["speed"]) if oper_up and bridged else None,
                duplex=duplex if oper_up and bridged else None,
            )
        return ports
