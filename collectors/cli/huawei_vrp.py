"""Huawei VRP (S-series, CE): netmiko's huawei driver, ntc-templates' brief, our optics template."""

from __future__ import annotations

from typing import ClassVar

from collectors.cli.base import Platform, PortStatus


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
        """PHY ``up``, ``down`` or ``*down`` (administratively down); ``^down`` is standby."""
        ports = {}
        for row in self.ntc_rows(text):
            phy = row["phy"]
            ports[row["interface"]] = PortStatus(
                admin_up=not phy.startswith("*"), oper_up=phy.startswith("up")
            )
        return ports
