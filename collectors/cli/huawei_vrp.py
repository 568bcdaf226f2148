"""Huawei VRP (S-series, CE): netmiko's huawei driver, ntc-templates' brief, our optics template."""

from __future__ import annotations

import re
from typing import ClassVar

from collectors.cli.base import Platform, PortStatus

#: What VRP appends to a name in the brief: ``GigabitEthernet15/1/0(10G)`` (a GE-named port
#: running at 10G), ``GigabitEthernet0/0/5(v)`` (virtual port); ntc-templates' huawei_vrp
#: display_interface_brief tests show both. The configuration and targets use the bare name.
_SUFFIX = re.compile(r"\([^)]*\)$")


def bare_name(name: str) -> str:
    """``GigabitEthernet15/1/0(10G)`` -> ``GigabitEthernet15/1/0``; other names unchanged."""
    return _SUFFIX.sub("", name)


class HuaweiVrp(Platform):
    """VRP 5/8 switches; the brief shows state but no speed or duplex."""

    name: ClassVar[str] = "huawei_vrp"
    # Netmiko's HuaweiSSH under the name ntc-templates uses for the platform.
    device_type: ClassVar[str] = "huawei_vrp"
    brief_template: ClassVar[str] = "huawei_vrp_display_interface_brief.textfsm"
    transceiver_template: ClassVar[str] = "huawei_vrp_display_transceiver_verbose.textfsm"

    def transceiver_command(self, port: str) -> str:
        """VRP's verbose module report."""
        return f"display transceiver interface {port} verbose"

    def parse_brief(self, text: str) -> dict[str, PortStatus]:
        """Bare port name -> state from PHY: ``up``/``up(l)``, ``down``, ``*down`` (admin down).

        ``^down`` is standby. Eth-Trunk members, indented under their trunk, are ports too.
        """
        ports = {}
        for row in self.ntc_rows(text):
            phy = row["phy"]
            ports[bare_name(row["interface"])] = PortStatus(
                admin_up=not phy.startswith("*"), oper_up=phy.startswith("up")
            )
        return ports
