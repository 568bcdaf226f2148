"""H3C Comware 7: the wording, tables and commands that differ from VRP."""

from __future__ import annotations

import time
from typing import ClassVar

from netops.lab.ssh.cli_base import ANY, IFACE, USER, Command
from netops.lab.ssh.optics import module
from netops.lab.ssh.switch import SwitchShell, mac, uptime_parts
from netops.lab.ssh.sysconfig import DeviceConfig, snmp_lines
from netops.lab.state import DeviceState, PortState
from netops.vlans import vlan_text

#: Model prefix -> (Comware version, release).
SOFTWARE = {
    "S6850": ("7.1.070", "6616"),
    "S5560X": ("7.1.070", "1128P04"),
    "S5130S": ("7.1.070", "6328"),
    "S3100V2": ("5.20.99", "1106"),
}
#: How Comware prints an SNMPv3 user's modes and keys (see ``snmp_lines``).
USM_USER_KEYS = "cipher authentication-mode {auth_mode} {auth} privacy-mode {priv_mode} {priv}"
_BANNER = (
    "\r\n"
    "******************************************************************************\r\n"
    "* Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.*\r\n"
    "* Without the owner's prior written consent,                                 *\r\n"
    "* no decompiling or reverse-engineering shall be allowed.                    *\r\n"
    "******************************************************************************\r\n"
    "\r\n"
)
_ROUTE_MODE = [
    "Brief information on interfaces in route mode:",
    "Link: ADM - administratively down; Stby - standby",
    "Protocol: (s) - spoofing",
    "Interface            Link Protocol Primary IP      Description",
    "InLoop0              UP   UP(s)    --",
    "NULL0                UP   UP(s)    --",
    "REG0                 UP   --       --",
    "",
]
_BRIDGE_MODE = [
    "Brief information on interfaces in bridge mode:",
    "Link: ADM - administratively down; Stby - standby",
    "Speed: (a) - auto",
    "Duplex: (a)/A - auto; H - half; F - full",
    "Type: A - access; T - trunk; H - hybrid",
    "Interface            Link Speed     Duplex Type PVID Description",
]
#: The brief table cuts descriptions to what fits in 80 columns.
BRIEF_DESCRIPTION = 27


def rate(mbps: int) -> str:
    """``100M``, ``1G``, ``10G``."""
    return f"{mbps // 1000}G" if mbps >= 1000 else f"{mbps}M"


def _bridge_row(port: PortState, name: str) -> str:
    if port.oper_up:
        speed = rate(port.oper_mbps) + ("(a)" if port.speed_mbps is None else "")
        duplex = port.oper_duplex[0].upper() + ("(a)" if port.duplex is None else "")
        link = "UP"
    else:
        speed = rate(port.speed_mbps) if port.speed_mbps else "auto"
        duplex = port.duplex[0].upper() if port.duplex else "A"
        link = "DOWN" if port.admin_up else "ADM"
    kind = "T" if port.link_type == "trunk" else "A"
    row = f"{name:<20} {link:<4} {speed:<9} {duplex:<6} {kind:<4} {port.pvid:<4} "
    return (row + port.alias[:BRIEF_DESCRIPTION]).rstrip()


class ComwareShell(SwitchShell):
    """An H3C Comware switch."""

    ERROR: ClassVar[str] = " % {kind} found at '^' position."
    VLANIF: ClassVar[str] = "Vlan-interface"
    CIPHER: ClassVar[str] = "$c$3${}"
    MORE: ClassVar[str] = "---- More ----"
    SHORT_NAMES: ClassVar[dict[str, str]] = {
        "GigabitEthernet": "GE",
        "Ten-GigabitEthernet": "XGE",
        "Twenty-FiveGigE": "WGE",
        "FortyGigE": "FGE",
        "HundredGigE": "HGE",
        "Ethernet": "Eth",
    }
    COMMANDS: ClassVar[tuple[Command, ...]] = (
        *SwitchShell.COMMANDS,
        Command("screen-length disable", "paging_off", USER),
        Command("undo screen-length disable", "paging_on", USER),
        Command("save force", "save_force"),
        Command("port access vlan <vlan>", "pvid", IFACE),
        Command("undo port access vlan", "undo_pvid", IFACE),
        Command("port link-mode bridge", "link_mode", IFACE),
        Command("speed auto", "undo_speed", IFACE),
        Command("display transceiver diagnosis interface <if>", "transceiver", ANY),
        Command("port trunk permit vlan <text>", "permit_vlan", IFACE),
        Command("undo port trunk permit vlan <text>", "undo_permit_vlan", IFACE),
    )

    def software(self, model: str) -> tuple[str, str]:
        """(Comware version, release) of a model."""
        for prefix, found in SOFTWARE.items():
            if model.startswith(prefix):
                return found
        return SOFTWARE["S5130S"]

    def banner(self) -> str:
        """The copyright box Comware prints at login."""
        return _BANNER

    def system_view_info(self) -> str:
        """Comware's wording."""
        return "System View: return to User View with Ctrl+Z."

    def version_lines(self, device: DeviceState) -> list[str]:
        """Software, images and the board of slot 1."""
        version, release = self.software(device.model)
        weeks, days, hours, minutes = uptime_parts(time.time() - device.boot_epoch)
        uptime = f"{weeks} weeks, {days} days, {hours} hours, {minutes} minutes"
        image = f"{device.model.split('-')[0].lower()}-cmw710"
        return [
            f"H3C Comware Software, Version {version}, Release {release}",
            "Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.",
            f"H3C {device.model} uptime is {uptime}",
            "Last reboot reason : Cold reboot",
            "",
            f"Boot image: flash:/{image}-boot-r{release}.bin",
            f"Boot image version: {version}, Release {release}",
            f"System image: flash:/{image}-system-r{release}.bin",
            f"System image version: {version}, Release {release}",
            "",
            "Slot 1:",
            f"Uptime is {weeks} weeks,{days} days,{hours} hours,{minutes} minutes",
            f"{device.model} with 1 Processor",
            f"BOARD TYPE:         {device.model}",
            "DRAM:               1024M bytes",
            "FLASH:              512M bytes",
            "PCB 1 Version:      VER.A",
            f"Release Version:    H3C {device.model}-{release}",
            "Patch Version  :    None",
            "Reboot Cause  :     ColdReboot",
        ]

    def brief_lines(self, ports: list[PortState]) -> list[str]:
        """The route-mode table (logical interfaces), then bridge mode (the ports)."""
        rows = [_bridge_row(port, self.names.abbreviate(port.name)) for port in ports]
        return [*_ROUTE_MODE, *_BRIDGE_MODE, *rows]

    def interface_lines(self, port: PortState) -> list[str]:
        """The Comware 7 layout of ``display interface X`` for a bridge port."""
        state = "UP" if port.oper_up else ("DOWN" if port.admin_up else "Administratively DOWN")
        if port.oper_up:
            mbps = port.oper_mbps
            mode = f"{mbps // 1000}Gbps" if mbps >= 10_000 else f"{mbps}Mbps"
            mode = f"{mode}-speed mode, {port.oper_duplex}-duplex mode"
        else:
            mode = "Unknown-speed mode, unknown-duplex mode"
        speed_type = "force link" if port.speed_mbps else "autonegotiation"
        duplex_type = "force link" if port.duplex else "autonegotiation"
        media = "optical fiber" if port.medium == "fiber" else "twisted pair"
        vlans = [f"Port link-type: {port.link_type.capitalize()}"]
        if port.link_type == "trunk":
            vlans += [
                f" VLAN Passing:   {port.pvid}(default vlan)",
                f" VLAN permitted: {port.pvid}(default vlan)",
                " Trunk port encapsulation: IEEE 802.1q",
            ]
        else:
            vlans += [" Tagged VLANs:   None", f" Untagged VLANs: {port.pvid}"]
        return [
            port.name,
            f"Current state: {state}",
            f"Line protocol state: {'UP' if port.oper_up else 'DOWN'}",
            f"IP packet frame type: Ethernet II, hardware address: {mac(self.hostname, '3cd2e5')}",
            f"Description: {port.alias or f'{port.name} Interface'}",
            f"Bandwidth: {(port.oper_mbps or port.max_mbps) * 1000} kbps",
            "Loopback is not set",
            f"Media type is {media}",
            mode,
            f"Link speed type is {speed_type}, link duplex type is {duplex_type}",
            "Flow-control is not enabled",
            "Maximum frame length: 9216",
            f"PVID: {port.pvid}",
            *vlans,
            f" Last 300 second input: {int(port.in_rate_bps / 6400)} packets/sec"
            f" {int(port.in_rate_bps / 8)} bytes/sec",
            f" Last 300 second output: {int(port.out_rate_bps / 6400)} packets/sec"
            f" {int(port.out_rate_bps / 8)} bytes/sec",
        ]

    def config_header(self, device: DeviceState) -> list[str]:
        """Comware indents global commands by one space."""
        version, release = self.software(device.model)
        return ["#", f" version {version}, Release {release}"]

    def global_sections(self, config: DeviceConfig) -> list[list[str]]:
        """``sysname``, syslog and NTP servers, then every VLAN (VLAN 1 always exists)."""
        sections = [[f" sysname {config.sysname}"]]
        if config.loghosts:
            sections.append([f" info-center loghost {host}" for host in config.loghosts])
        if config.ntp:
            sections.append([f" ntp-service unicast-server {server}" for server in config.ntp])
        vlans = {1: "", **config.vlans}
        sections += [
            [f"vlan {vlan}", *([f" name {vlans[vlan]}"] if vlans[vlan] else [])]
            for vlan in sorted(vlans)
        ]
        return sections

    def trailing_sections(self, config: DeviceConfig) -> list[list[str]]:
        """The SNMP agent (global commands, indented)."""
        snmp = snmp_lines(config, USM_USER_KEYS, indent=" ")
        return [snmp] if snmp else []

    async def do_permit_vlan(self, text: str) -> list[str]:
        """Let VLANs pass the trunk."""
        return self.trunk_allow(text, add=True)

    async def do_undo_permit_vlan(self, text: str) -> list[str]:
        """Stop VLANs passing the trunk."""
        return self.trunk_allow(text, add=False)

    def interface_config(self, port: PortState, trunk_vlans: list[int]) -> list[str]:
        """Comware order: description, shutdown, speed, duplex, link type and VLAN."""
        lines = [f" description {port.alias}"] if port.alias else []
        if not port.admin_up:
            lines.append(" shutdown")
        if port.speed_mbps is not None:
            lines.append(f" speed {port.speed_mbps}")
        if port.duplex is not None:
            lines.append(f" duplex {port.duplex}")
        if port.link_type == "trunk":
            lines.append(" port link-type trunk")
            if trunk_vlans:  # VLAN 1 passes a trunk unless removed: Comware lists it
                lines.append(f" port trunk permit vlan {vlan_text({1, *trunk_vlans})}")
            if port.pvid != 1:
                lines.append(f" port trunk pvid vlan {port.pvid}")
        elif port.pvid != 1:
            lines.append(f" port access vlan {port.pvid}")
        return lines

    async def do_paging_off(self) -> list[str]:
        """``screen-length disable``: silent, for this session only."""
        self.paging = False
        return []

    async def do_paging_on(self) -> list[str]:
        """Paging back on."""
        self.paging = True
        return []

    async def do_link_mode(self) -> list[str]:
        """The lab's switch ports are all bridge (layer 2) ports already."""
        return []

    async def do_save(self) -> list[str]:
        """Ask to confirm, for the file name and to overwrite, then save."""
        if (
            not (
                await self.ask(
                    "The current configuration will be written to the device. Are you sure? [Y/N]:"
                )
            )
            .lower()
            .startswith("y")
        ):
            return ["Configuration is not saved!"]
        await self.ask(
            "Please input the file name(*.cfg)[flash:/startup.cfg]\r\n"
            "(To leave the existing filename unchanged, press the enter key):"
        )
        if (
            not (await self.ask("flash:/startup.cfg exists, overwrite? [Y/N]:"))
            .lower()
            .startswith("y")
        ):
            return ["Configuration is not saved!"]
        return await self.do_save_force()

    async def do_save_force(self) -> list[str]:
        """Save without asking."""
        self.save()
        return [
            "Validating file. Please wait...",
            "Saved the current configuration to mainboard device successfully.",
        ]

    async def do_transceiver(self, name: str) -> list[str]:
        """Current readings and alarm thresholds of one port's module."""
        found = module(self.state.port(self.hostname, name))
        if found is None:
            return ["The transceiver is absent."]
        limits = found.limits
        header = "Temp.(C)  Voltage(V)  Bias(mA)  RX power(dBm)  TX power(dBm)"

        def row(temp: float, volt: float, bias: float, rx: float, tx: float) -> str:
            return f"{temp:<10.0f}{volt:<12.2f}{bias:<10.2f}{rx:<15.2f}{tx:.2f}"

        high = (limits.temp[0], limits.voltage[0], limits.bias[0], limits.rx[0], limits.tx[0])
        low = (limits.temp[1], limits.voltage[1], limits.bias[1], limits.rx[1], limits.tx[1])
        return [
            f"{name} transceiver diagnostic information:",
            "  Current diagnostic parameters:",
            f"    {header}",
            "    " + row(found.temp_c, found.voltage_v, found.bias_ma, found.rx_dbm, found.tx_dbm),
            "  Alarm thresholds:",
            f"          {header}",
            "    High  " + row(*high),
            "    Low   " + row(*low),
        ]
