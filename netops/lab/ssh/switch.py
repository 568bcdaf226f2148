"""What VRP and Comware switches share: configuration in the lab state, config display, save.

Every configuration command writes the device's state at once (the SNMP view reads
the same rows), so a change is seen by SNMP and by any later session. ``save``
stamps ``saved_epoch`` and keeps the configuration text beside the state. Port
settings live in the port rows; device-wide ones come from ``sysconfig``.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any, ClassVar

from netops.lab.ssh.cli_base import CONFIG, IFACE, CliShell, Command, ShellIO, View
from netops.lab.ssh.grammar import CliError, ErrorKind
from netops.lab.ssh.services import ServiceConfig
from netops.lab.ssh.sysconfig import DeviceConfig
from netops.lab.state import DeviceState, LabState, PortState

#: Speeds the `speed` command takes (Mb/s); a port refuses those above its maximum.
SPEEDS = (10, 100, 1000, 10_000, 25_000, 40_000, 100_000)
#: The lab's switches keep China Standard Time.
UTC_OFFSET_S = 8 * 3600


def clock(epoch: float) -> str:
    """``2024-05-01 08:30:00+08:00``: the device's local time."""
    return time.strftime("%Y-%m-%d %H:%M:%S+08:00", time.gmtime(epoch + UTC_OFFSET_S))


def uptime_parts(seconds: float) -> tuple[int, int, int, int]:
    """(weeks, days, hours, minutes) of an uptime."""
    minutes = int(max(seconds, 0) // 60)
    return minutes // 10_080, minutes // 1440 % 7, minutes // 60 % 24, minutes % 60


def mac(hostname: str, oui: str) -> str:
    """A stable MAC of a device in the vendor's dotted form (``00e0-fc12-3456``)."""
    digest = hashlib.blake2b(hostname.encode(), digest_size=3).hexdigest()
    return f"{oui[:4]}-{oui[4:]}{digest[:2]}-{digest[2:]}"


def utilization(bps: float, mbps: int) -> str:
    """``0%``, ``0.38%``, ``13.57%``: a rate as a share of the port speed."""
    if mbps <= 0 or bps <= 0:
        return "0%"
    share = max(bps / (mbps * 10_000), 0.01)
    return f"{min(share, 100.0):.2f}".rstrip("0").rstrip(".") + "%"


class SwitchShell(ServiceConfig, CliShell):
    """A switch CLI whose configuration is the lab state."""

    COMMANDS: ClassVar[tuple[Command, ...]] = (
        *CliShell.COMMANDS,
        *ServiceConfig.COMMANDS,
        Command("display version", "display_version"),
        Command("display interface brief", "display_brief"),
        Command("display interface", "display_interface"),
        Command("display interface <if>", "display_interface"),
        Command("display current-configuration", "display_config"),
        Command("display current-configuration interface <if>", "display_config_interface"),
        Command("display saved-configuration", "display_saved"),
        Command("display this", "display_this", CONFIG),
        Command("save", "save"),
        Command("description <text>", "description", IFACE),
        Command("undo description", "undo_description", IFACE),
        Command("shutdown", "shutdown", IFACE),
        Command("undo shutdown", "undo_shutdown", IFACE),
        Command("port link-type {access|trunk}", "link_type", IFACE),
        Command("undo port link-type", "undo_link_type", IFACE),
        Command("port trunk pvid vlan <vlan>", "pvid", IFACE),
        Command("undo port trunk pvid vlan", "undo_pvid", IFACE),
        Command("speed <n>", "speed", IFACE),
        Command("undo speed", "undo_speed", IFACE),
        Command("duplex {full|half|auto}", "duplex", IFACE),
        Command("undo duplex", "undo_duplex", IFACE),
    )

    def __init__(
        self, state: LabState, hostname: str, io: ShellIO, saved_dir: Path | None = None
    ) -> None:
        super().__init__(state, hostname, io)
        self.saved_dir = saved_dir if saved_dir is not None else state.path.parent / "ssh-saved"
        self.sysname = self.config().sysname

    # -- what each vendor prints its own way --------------------------------------------

    def config_header(self, device: DeviceState) -> list[str]:
        """The configuration before the interfaces (version, sysname)."""
        return ["#", f"sysname {device.hostname}"]

    def interface_config(self, port: PortState, trunk_vlans: list[int]) -> list[str]:
        """The configuration lines under ``interface X`` (indented one space)."""
        raise NotImplementedError

    def global_sections(self, config: DeviceConfig) -> list[list[str]]:
        """Device-wide blocks before the interfaces (each printed after a ``#``)."""
        raise NotImplementedError

    def trailing_sections(self, config: DeviceConfig) -> list[list[str]]:
        """Device-wide blocks after the interfaces."""
        raise NotImplementedError

    def vlanif_block(self, vlan: int, address: str) -> list[str]:
        """``interface Vlanif10`` and its address."""
        return [f"interface {self.VLANIF}{vlan}", *([f" ip address {address}"] if address else [])]

    def version_lines(self, device: DeviceState) -> list[str]:
        """``display version``."""
        raise NotImplementedError

    def brief_lines(self, ports: list[PortState]) -> list[str]:
        """``display interface brief``."""
        raise NotImplementedError

    def interface_lines(self, port: PortState) -> list[str]:
        """``display interface X``: state, description, speed, duplex, VLAN, rates."""
        raise NotImplementedError

    # -- configuration as text ----------------------------------------------------------

    def running_config(self) -> list[str]:
        """The whole running configuration, as ``display current-configuration`` prints it."""
        config = self.config()
        lines = self.config_header(self.device())
        for section in self.global_sections(config):
            lines += ["#", *section]
        for vlan, address in config.vlanifs.items():
            lines += ["#", *self.vlanif_block(vlan, address)]
        for port in self.state.ports(self.hostname):
            lines += ["#", *self.interface_block(port, config)]
        for section in self.trailing_sections(config):
            lines += ["#", *section]
        return [*lines, "#", "return"]

    def interface_block(self, port: PortState, config: DeviceConfig | None = None) -> list[str]:
        """``interface X`` and its configuration."""
        vlans = (config or self.config()).trunk_vlans.get(port.name, [])
        return [f"interface {port.name}", *self.interface_config(port, vlans)]

    def resolve_interface(self, words: list[str], i: int) -> tuple[str, int] | None:
        """Physical ports, then VLAN interfaces (``Vlanif10``)."""
        return self.names.resolve(words, i) or self.resolve_vlanif(words, i)

    def current_port(self) -> PortState:
        """The port of the interface view.

        Raises:
            CliError: the view is a VLAN interface's (no port settings there).
        """
        if self.vlanif(self.port) is not None:
            raise CliError(ErrorKind.UNRECOGNIZED, 0)
        return self.state.port(self.hostname, self.port)

    def set_port(self, **changes: Any) -> list[str]:
        """Write configuration of the current port to the lab state."""
        self.current_port()
        self.state.update_port(self.hostname, self.port, **changes)
        return []

    def saved_file(self) -> Path:
        """Where ``save`` keeps this device's configuration text."""
        return self.saved_dir / f"{self.hostname}.cfg"

    def save(self) -> None:
        """Keep the running configuration and stamp the save time in the state."""
        self.saved_dir.mkdir(parents=True, exist_ok=True)
        self.saved_file().write_text("\n".join(self.running_config()) + "\n", encoding="utf-8")
        self.state.update_device(self.hostname, saved_epoch=time.time())

    # -- display ------------------------------------------------------------------------

    async def do_display_version(self) -> list[str]:
        """Software, model and uptime."""
        return self.version_lines(self.device())

    async def do_display_brief(self) -> list[str]:
        """One line per interface."""
        return self.brief_lines(self.state.ports(self.hostname))

    async def do_display_interface(self, name: str | None = None) -> list[str]:
        """Details of one interface, or of all."""
        if name and self.vlanif(name) is not None:
            raise CliError(ErrorKind.WRONG_PARAMETER, self.line.rfind(name.split()[0][:4]))
        ports = [self.state.port(self.hostname, name)] if name else self.state.ports(self.hostname)
        return [line for port in ports for line in [*self.interface_lines(port), ""]]

    async def do_display_config(self) -> list[str]:
        """The running configuration."""
        return self.running_config()

    async def do_display_config_interface(self, name: str) -> list[str]:
        """The running configuration of one interface."""
        vlan = self.vlanif(name)
        if vlan is not None:
            address = self.config().vlanifs.get(vlan, "")
            return ["#", *self.vlanif_block(vlan, address), "#", "return"]
        return ["#", *self.interface_block(self.state.port(self.hostname, name)), "#", "return"]

    async def do_display_saved(self) -> list[str]:
        """The configuration as last saved (nothing before the first save)."""
        path = self.saved_file()
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    async def do_display_this(self) -> list[str]:
        """The configuration of the current view."""
        config = self.config()
        if self.view is View.INTERFACE and self.vlanif(self.port) is not None:
            vlan = int(self.vlanif(self.port) or 0)
            return ["#", *self.vlanif_block(vlan, config.vlanifs.get(vlan, "")), "#", "return"]
        if self.view is View.INTERFACE:
            return ["#", *self.interface_block(self.current_port(), config), "#", "return"]
        if self.view is View.VLAN:
            name = config.vlans.get(int(self.port), "")
            return ["#", f"vlan {self.port}", *([f" name {name}"] if name else []), "#", "return"]
        return [*self.config_header(self.device()), "#", "return"]

    async def do_interface(self, name: str) -> list[str]:
        """Enter an interface view; a VLAN interface is created on first use."""
        self.enter_vlanif(name)
        return await super().do_interface(name)

    # -- interface configuration --------------------------------------------------------

    async def do_description(self, text: str) -> list[str]:
        """Set the description (ifAlias)."""
        return self.set_port(alias=text)

    async def do_undo_description(self) -> list[str]:
        """Clear the description."""
        return self.set_port(alias="")

    async def do_shutdown(self) -> list[str]:
        """Administratively down."""
        return self.set_port(admin_up=False)

    async def do_undo_shutdown(self) -> list[str]:
        """Administratively up."""
        return self.set_port(admin_up=True)

    async def do_link_type(self, kind: str) -> list[str]:
        """Access or trunk; PVID back to 1 and trunk VLANs dropped, as on the device."""
        if self.current_port().link_type == kind:
            return []
        self.state.unset_config(self.hostname, "trunk", self.port)
        return self.set_port(link_type=kind, pvid=1)

    async def do_undo_link_type(self) -> list[str]:
        """Back to an access port in VLAN 1."""
        self.state.unset_config(self.hostname, "trunk", self.port)
        return self.set_port(link_type="access", pvid=1)

    async def do_pvid(self, vlan: str) -> list[str]:
        """The VLAN of untagged frames on a trunk."""
        return self.set_port(pvid=int(vlan))

    async def do_undo_pvid(self) -> list[str]:
        """PVID back to VLAN 1."""
        return self.set_port(pvid=1)

    async def do_speed(self, value: str) -> list[str]:
        """Force a speed the port supports.

        Raises:
            CliError: a speed the port cannot run at.
        """
        mbps = int(value)
        if mbps not in SPEEDS or mbps > self.current_port().max_mbps:
            raise CliError(ErrorKind.WRONG_PARAMETER, self.line.rfind(value))
        return self.set_port(speed_mbps=mbps)

    async def do_undo_speed(self) -> list[str]:
        """Auto-negotiate the speed."""
        return self.set_port(speed_mbps=None)

    async def do_duplex(self, mode: str) -> list[str]:
        """Force full or half duplex, or auto-negotiate."""
        return self.set_port(duplex=None if mode == "auto" else mode)

    async def do_undo_duplex(self) -> list[str]:
        """Auto-negotiate the duplex."""
        return self.set_port(duplex=None)
