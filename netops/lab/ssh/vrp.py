"""Huawei VRP (S-series 5.x, CE 8.x): the wording, tables and commands that differ."""

from __future__ import annotations

import time
from typing import ClassVar

from netops.lab.ssh.cli_base import ANY, IFACE, SYSTEM, USER, Command
from netops.lab.ssh.optics import module
from netops.lab.ssh.switch import SwitchShell, clock, mac, uptime_parts, utilization
from netops.lab.ssh.sysconfig import DeviceConfig, snmp_lines
from netops.lab.state import DeviceState, PortState
from netops.vlans import vlan_text

#: Model prefix -> (VRP version, product version, copyright years).
SOFTWARE = {
    "CE": ("8.191", "{series}EI V300R020C10SPC200", "2012-2020"),
    "S6730": ("5.170", "S6730-H V200R019C10SPC500", "2000-2020"),
    "S5735": ("5.170", "S5735 V200R019C10SPC500", "2000-2020"),
    "S2700": ("5.70", "S2700 V100R006C05", "2000-2012"),
}
#: How VRP prints an SNMPv3 user's modes and keys (see ``snmp_lines``).
USM_USER_KEYS = (
    "authentication-mode {auth_mode} cipher {auth} privacy-mode {priv_mode} cipher {priv}"
)
_BRIEF_LEGEND = [
    "PHY: Physical",
    "*down: administratively down",
    "^down: standby",
    "(l): loopback",
    "(s): spoofing",
    "(b): BFD down",
    "(e): ETHOAM down",
    "(dl): DLDP down",
    "(d): Dampening Suppressed",
    "InUti/OutUti: input utility/output utility",
]


def _plural(value: int, unit: str) -> str:
    # VRP: "0 week, 1 day, 2 hours, 1 minute": plural only above one.
    return f"{value} {unit}{'s' if value > 1 else ''}"


def _brief_row(name: str, phy: str, protocol: str, in_uti: str, out_uti: str) -> str:
    return f"{name:<27} {phy:<5} {protocol:<9}{in_uti:>6} {out_uti:>6}{0:>11}{0:>11}"


class VrpShell(SwitchShell):
    """A Huawei VRP switch."""

    SHORT_NAMES: ClassVar[dict[str, str]] = {
        "GigabitEthernet": "GE",
        "XGigabitEthernet": "XGE",
        "Ethernet": "Eth",
        "MultiGE": "MultiGE",
    }
    COMMANDS: ClassVar[tuple[Command, ...]] = (
        *SwitchShell.COMMANDS,
        Command("screen-length 0 temporary", "paging_off", USER),
        Command("undo screen-length temporary", "paging_on", USER),
        Command("port default vlan <vlan>", "pvid", IFACE),
        Command("undo port default vlan", "undo_pvid", IFACE),
        Command("negotiation auto", "negotiation_auto", IFACE),
        Command("undo negotiation auto", "negotiation_off", IFACE),
        Command("display transceiver interface <if> verbose", "transceiver", ANY),
        Command("vlan batch <text>", "vlan_batch", SYSTEM),
        Command("undo vlan batch <text>", "undo_vlan_batch", SYSTEM),
        Command("port trunk allow-pass vlan <text>", "allow_pass", IFACE),
        Command("undo port trunk allow-pass vlan <text>", "undo_allow_pass", IFACE),
    )

    def software(self, model: str) -> tuple[str, str, str]:
        """(VRP version, product version, copyright years) of a model."""
        for prefix, (vrp, product, years) in SOFTWARE.items():
            if model.startswith(prefix):
                return vrp, product.format(series=model.split("-", maxsplit=1)[0]), years
        return SOFTWARE["S5735"]

    def banner(self) -> str:
        """The VTY notice VRP prints at login."""
        return (
            "\r\nInfo: The max number of VTY users is 21, the number of current VTY users online"
            " is 1, and total number of terminal users online is 1.\r\n"
            f"      The current login time is {clock(time.time())}.\r\n"
        )

    def version_lines(self, device: DeviceState) -> list[str]:
        """VRP 5 counts weeks; VRP 8 (CE) counts days."""
        vrp, product, years = self.software(device.model)
        weeks, days, hours, minutes = uptime_parts(time.time() - device.boot_epoch)
        if vrp.startswith("8"):
            copyright_, brand = f"Copyright (C) {years} Huawei Technologies Co., Ltd.", "HUAWEI"
            uptime = (
                f"{weeks * 7 + days} days, {_plural(hours, 'hour')}, {_plural(minutes, 'minute')}"
            )
            board = [f"{device.model}(Master) 1 : uptime is {uptime}"]
            model = device.model
        else:
            copyright_ = f"Copyright (C) {years} HUAWEI TECH CO., LTD"
            brand = "Quidway" if device.model.startswith("S2700") else "HUAWEI"
            uptime = ", ".join(
                _plural(v, u)
                for v, u in zip(
                    (weeks, days, hours, minutes), ("week", "day", "hour", "minute"), strict=True
                )
            )
            board = [f"{device.model} 0(Master) : uptime is {uptime}"]
            model = f"{device.model} Routing Switch"
        return [
            "Huawei Versatile Routing Platform Software",
            f"VRP (R) software, Version {vrp} ({product})",
            copyright_,
            f"{brand} {model} uptime is {uptime}",
            "",
            *board,
            "DDR             Memory Size : 1024    M bytes",
            "FLASH Total     Memory Size : 1024    M bytes",
            "Pcb           Version   : VER.A",
            "BootROM       Version   : 0000.0226",
            f"Software      Version   : VRP (R) Software, Version {vrp} ({product.split()[-1]})",
        ]

    def brief_lines(self, ports: list[PortState]) -> list[str]:
        """The legend, then one row per interface and NULL0."""
        rows = ["Interface                   PHY   Protocol  InUti OutUti   inErrors  outErrors"]
        for port in ports:
            phy = "up" if port.oper_up else ("down" if port.admin_up else "*down")
            protocol = "up" if port.oper_up else "down"
            speed = port.oper_mbps
            rows.append(
                _brief_row(
                    port.name,
                    phy,
                    protocol,
                    utilization(port.in_rate_bps, speed),
                    utilization(port.out_rate_bps, speed),
                )
            )
        rows.append(_brief_row("NULL0", "up", "up(s)", "0%", "0%"))
        return [*_BRIEF_LEGEND, *rows]

    def interface_lines(self, port: PortState) -> list[str]:
        """The S-series layout of ``display interface X``."""
        state = "UP" if port.oper_up else ("DOWN" if port.admin_up else "Administratively DOWN")
        up = port.oper_up
        oper = port.oper_mbps
        speed = oper if up else (port.speed_mbps or port.max_mbps)
        duplex = (port.oper_duplex if up else (port.duplex or "full")).upper()
        forced = port.speed_mbps is not None or port.duplex is not None
        since = clock(self.device().boot_epoch + 60)[:19] if up else "-"
        lines = [
            f"{port.name} current state : {state} (ifindex: {port.if_index})",
            f"Line protocol current state : {'UP' if up else 'DOWN'}",
            f"Last line protocol up time : {since}",
        ]
        if port.alias:
            lines.append(f"Description:{port.alias}")
        return [
            *lines,
            f"Switch Port, PVID : {port.pvid:>4}, TPID : 8100(Hex), The Maximum Frame Length is"
            " 9216",
            "IP Sending Frames' Format is PKTFMT_ETHNT_2, Hardware address is "
            + mac(self.hostname, "f4deaf"),
            f"Last physical up time   : {since}",
            "Last physical down time : -",
            f"Current system time: {clock(time.time())[:19]}",
            f"Port Mode: COMMON {'FIBER' if port.medium == 'fiber' else 'COPPER'}",
            f"Speed : {speed:>4},  Loopback: NONE",
            f"Duplex: {duplex},  Negotiation: {'DISABLE' if forced else 'ENABLE'}",
            "Mdi   : AUTO,  Flow-control: DISABLE",
            *(
                f"Last 300 seconds {way} rate {int(bps)} bits/sec, {int(bps / 6400)} packets/sec"
                for way, bps in (("input", port.in_rate_bps), ("output", port.out_rate_bps))
            ),
            f"    Input bandwidth utilization  : {utilization(port.in_rate_bps, oper):>6}",
            f"    Output bandwidth utilization : {utilization(port.out_rate_bps, oper):>6}",
        ]

    def interface_config(self, port: PortState, trunk_vlans: list[int]) -> list[str]:
        """VRP order: description, link type and VLANs, speed and duplex, shutdown."""
        lines = [f" description {port.alias}"] if port.alias else []
        if port.link_type == "trunk":
            lines.append(" port link-type trunk")
            if port.pvid != 1:
                lines.append(f" port trunk pvid vlan {port.pvid}")
            if trunk_vlans:
                lines.append(f" port trunk allow-pass vlan {vlan_text(trunk_vlans)}")
        elif port.pvid != 1:
            lines += [" port link-type access", f" port default vlan {port.pvid}"]
        if port.speed_mbps is not None or port.duplex is not None:
            lines.append(" undo negotiation auto")
        if port.speed_mbps is not None:
            lines.append(f" speed {port.speed_mbps}")
        if port.duplex is not None:
            lines.append(f" duplex {port.duplex}")
        if not port.admin_up:
            lines.append(" shutdown")
        return lines

    def config_header(self, device: DeviceState) -> list[str]:
        """The software version and save time comments (``sysname`` follows)."""
        lines = [f"!Software Version {self.software(device.model)[1].split()[-1]}"]
        if device.saved_epoch is not None:
            lines.append(f"!Last configuration was saved at {clock(device.saved_epoch)}")
        return lines

    def global_sections(self, config: DeviceConfig) -> list[list[str]]:
        """``sysname``, syslog servers, ``vlan batch`` and named VLANs."""
        sections = [[f"sysname {config.sysname}"]]
        if config.loghosts:
            sections.append([f"info-center loghost {host}" for host in config.loghosts])
        if config.vlans:
            sections.append([f"vlan batch {vlan_text(list(config.vlans))}"])
        sections += [[f"vlan {v}", f" name {name}"] for v, name in config.vlans.items() if name]
        return sections

    def trailing_sections(self, config: DeviceConfig) -> list[list[str]]:
        """``interface NULL0``, the SNMP agent, then NTP servers."""
        sections = [["interface NULL0"]]
        if snmp := snmp_lines(config, USM_USER_KEYS):
            sections.append(snmp)
        if config.ntp:
            sections.append([f"ntp-service unicast-server {server}" for server in config.ntp])
        return sections

    async def do_allow_pass(self, text: str) -> list[str]:
        """Let VLANs pass the trunk."""
        return self.trunk_allow(text, add=True)

    async def do_undo_allow_pass(self, text: str) -> list[str]:
        """Stop VLANs passing the trunk."""
        return self.trunk_allow(text, add=False)

    async def do_paging_off(self) -> list[str]:
        """``screen-length 0 temporary``: no ---- More ---- for this session."""
        self.paging = False
        return ["Info: The configuration takes effect on the current user terminal interface only."]

    async def do_paging_on(self) -> list[str]:
        """Paging back on."""
        self.paging = True
        return ["Info: The configuration takes effect on the current user terminal interface only."]

    async def do_negotiation_auto(self) -> list[str]:
        """Auto-negotiate speed and duplex again."""
        return self.set_port(speed_mbps=None, duplex=None)

    async def do_negotiation_off(self) -> list[str]:
        """Needed before forcing speed on real gear; the lab accepts both orders."""
        return []

    async def do_save(self) -> list[str]:
        """Ask, then save."""
        answer = await self.ask(
            "The current configuration will be written to flash:/vrpcfg.zip.\r\n"
            "Are you sure to continue?[Y/N]"
        )
        if not answer.lower().startswith("y"):
            return []
        self.save()
        return [
            "Now saving the current configuration to the slot 0.",
            "Save the configuration successfully.",
        ]

    async def do_transceiver(self, name: str) -> list[str]:
        """Module, manufacture and diagnostic information of one port."""
        found = module(self.state.port(self.hostname, name))
        if found is None:
            return ["Info: The transceiver is not present."]
        rule = "-" * 67
        limits = found.limits

        def item(label: str, value: object) -> str:
            return f"  {label:<39}:{value}"

        return [
            "",
            f"{name} transceiver information:",
            rule,
            "Common information:",
            item("Transceiver Type", found.kind),
            item("Connector Type", "LC"),
            item("Wavelength(nm)", found.wavelength_nm),
            item("Transfer Distance(m)", f"{found.distance_m}(9um)"),
            item("Digital Diagnostic Monitoring", "YES"),
            item("Vendor Name", "HUAWEI"),
            rule,
            "Manufacture information:",
            item("Manu. Serial Number", found.serial),
            item("Vendor Name", "HUAWEI"),
            rule,
            "Diagnostic information:",
            item("Temperature(°C)", f"{found.temp_c:.2f}"),
            item("Temp High Threshold(°C)", f"{limits.temp[0]:.2f}"),
            item("Temp Low  Threshold(°C)", f"{limits.temp[1]:.2f}"),
            item("Voltage(V)", f"{found.voltage_v:.2f}"),
            item("Volt High Threshold(V)", f"{limits.voltage[0]:.2f}"),
            item("Volt Low  Threshold(V)", f"{limits.voltage[1]:.2f}"),
            item("Bias Current(mA)", f"{found.bias_ma:.2f}"),
            item("Bias High Threshold(mA)", f"{limits.bias[0]:.2f}"),
            item("Bias Low  Threshold(mA)", f"{limits.bias[1]:.2f}"),
            item("RX Power(dBM)", f"{found.rx_dbm:.2f}"),
            item("RX Power High Threshold(dBM)", f"{limits.rx[0]:.2f}"),
            item("RX Power Low  Threshold(dBM)", f"{limits.rx[1]:.2f}"),
            item("TX Power(dBM)", f"{found.tx_dbm:.2f}"),
            item("TX Power High Threshold(dBM)", f"{limits.tx[0]:.2f}"),
            item("TX Power Low  Threshold(dBM)", f"{limits.tx[1]:.2f}"),
            rule,
        ]
