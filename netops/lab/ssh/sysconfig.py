"""Device-wide configuration both platforms share: sysname, VLANs, VLAN interfaces, trunk VLAN
lists, SNMP, NTP and syslog servers, kept in the lab state's ``device_config`` rows.

Vendor shells mix ``SystemConfig`` in and say how their commands are spelt (``allow-pass`` or
``permit``, ``Vlanif`` or ``Vlan-interface``) and how the configuration is printed. Secrets
(SNMP communities, SNMPv3 keys) are kept and shown only as the device's cipher text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface
from typing import ClassVar

from netops.lab.ssh.cli_base import IFACE, SYSTEM, VLAN, Command, View
from netops.lab.ssh.grammar import CliError, ErrorKind
from netops.lab.state import LabState
from netops.vlans import vlan_ids


@dataclass
class SnmpUser:
    """An SNMPv3 user; keys only as cipher text."""

    group: str
    auth_mode: str
    auth: str
    priv_mode: str
    priv: str


@dataclass
class DeviceConfig:
    """The device-wide configuration of one device, parsed from its state rows."""

    sysname: str
    vlans: dict[int, str] = field(default_factory=dict)
    vlanifs: dict[int, str] = field(default_factory=dict)  # VLAN -> "address mask" or ""
    trunk_vlans: dict[str, list[int]] = field(default_factory=dict)
    snmp: dict[str, str] = field(default_factory=dict)  # agent, contact, location, version
    communities: dict[str, str] = field(default_factory=dict)  # cipher -> read|write
    groups: dict[str, str] = field(default_factory=dict)  # name -> security level
    users: dict[str, SnmpUser] = field(default_factory=dict)
    ntp: list[str] = field(default_factory=list)
    loghosts: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, state: LabState, hostname: str) -> DeviceConfig:
        """The device's configuration as the state holds it."""
        rows = state.config(hostname)
        return cls(
            sysname=rows.get("sysname", {}).get("", hostname),
            vlans={int(k): v for k, v in sorted(rows.get("vlan", {}).items(), key=_int_key)},
            vlanifs={int(k): v for k, v in sorted(rows.get("vlanif", {}).items(), key=_int_key)},
            trunk_vlans={k: [int(v) for v in s.split()] for k, s in rows.get("trunk", {}).items()},
            snmp=rows.get("snmp", {}),
            communities=rows.get("snmp_community", {}),
            groups=rows.get("snmp_group", {}),
            users={k: SnmpUser(**json.loads(v)) for k, v in rows.get("snmp_user", {}).items()},
            ntp=_by_address(rows.get("ntp", {})),
            loghosts=_by_address(rows.get("loghost", {})),
        )


def snmp_lines(config: DeviceConfig, user_keys: str, indent: str = "") -> list[str]:
    """The SNMP agent's configuration lines, none while the agent is off.

    ``user_keys`` spells a v3 user's modes and keys after ``usm-user v3 NAME GROUP`` (a
    ``str.format`` template of ``SnmpUser`` fields): VRP and Comware put ``cipher`` apart.
    """
    if "agent" not in config.snmp:
        return []
    lines = ["snmp-agent"]
    lines += [
        f"snmp-agent community {access} cipher {cipher}"
        for cipher, access in config.communities.items()
    ]
    lines += [
        f"snmp-agent sys-info {item} {config.snmp[item]}"
        for item in ("contact", "location", "version")
        if item in config.snmp
    ]
    lines += [f"snmp-agent group v3 {name} {level}" for name, level in config.groups.items()]
    lines += [
        f"snmp-agent usm-user v3 {name} {user.group} {user_keys.format_map(vars(user))}"
        for name, user in config.users.items()
    ]
    return [indent + line for line in lines]


def _by_address(addresses: dict[str, str]) -> list[str]:
    return sorted(addresses, key=IPv4Address)


def _int_key(item: tuple[str, str]) -> int:
    return int(item[0])


class SystemConfig:
    """Handlers of the device-wide commands; mixed into a ``SwitchShell``."""

    #: The logical interface of a VLAN: ``Vlanif`` (VRP) or ``Vlan-interface`` (Comware).
    VLANIF: ClassVar[str] = "Vlanif"
    #: How the device prints a secret it keeps: ``{}`` is the cipher body.
    CIPHER: ClassVar[str] = "%^%#{}%^%#"
    COMMANDS: ClassVar[tuple[Command, ...]] = (
        Command("sysname <text>", "sysname", SYSTEM),
        Command("undo sysname", "undo_sysname", SYSTEM),
        Command("vlan <vlan>", "vlan", SYSTEM),
        Command("undo vlan <vlan>", "undo_vlan", SYSTEM),
        Command("name <text>", "vlan_name", VLAN),
        Command("undo name", "undo_vlan_name", VLAN),
        Command("undo interface <if>", "undo_interface", SYSTEM),
        Command("ip address <text>", "ip_address", IFACE),
        Command("undo ip address", "undo_ip_address", IFACE),
    )

    # Provided by the shell this is mixed into.
    state: LabState
    hostname: str
    sysname: str
    view: View
    port: str
    line: str

    def config(self) -> DeviceConfig:
        """The device-wide configuration now."""
        return DeviceConfig.load(self.state, self.hostname)

    def cipher(self, secret: str) -> str:
        """The device's cipher text of a secret (stable per device and secret, never the secret)."""
        digest = hashlib.blake2b(f"{self.hostname}\0{secret}".encode(), digest_size=24).digest()
        return self.CIPHER.format(base64.b64encode(digest, altchars=b"+!").decode())

    def vlanif(self, name: str) -> int | None:
        """The VLAN of a VLAN interface name (``Vlanif10``), None for other interfaces."""
        match = re.fullmatch(rf"{re.escape(self.VLANIF)}(\d+)", name, re.IGNORECASE)
        return int(match[1]) if match else None

    def resolve_vlanif(self, words: list[str], i: int) -> tuple[str, int] | None:
        """``Vlanif10``, ``vlanif 10``, ``Vlan-interface10`` or a unique prefix of the type."""
        match = re.fullmatch(r"([A-Za-z-]+?)-?(\d+)?", words[i])
        if not match:
            return None
        typed, number, used = match[1].lower(), match[2], 1
        if number is None and i + 1 < len(words) and words[i + 1].isdigit():
            number, used = words[i + 1], 2
        if number is None or len(typed) < 5 or not self.VLANIF.lower().startswith(typed):
            return None
        if not 1 <= int(number) <= 4094:
            return None
        return f"{self.VLANIF}{int(number)}", used

    def refuse(self, word: str, kind: ErrorKind = ErrorKind.WRONG_PARAMETER) -> CliError:
        """An error with the caret under ``word`` of the command line."""
        return CliError(kind, max(self.line.find(word), 0))

    # -- sysname and VLANs -----------------------------------------------------------

    async def do_sysname(self, name: str) -> list[str]:
        """Rename the device (the prompt follows at once)."""
        if " " in name:
            raise self.refuse(name.split()[1], ErrorKind.TOO_MANY)
        self.state.set_config(self.hostname, "sysname", "", name)
        self.sysname = name
        return []

    async def do_undo_sysname(self) -> list[str]:
        """Back to the default name."""
        self.state.unset_config(self.hostname, "sysname", "")
        self.sysname = self.hostname
        return []

    async def do_vlan(self, vlan: str) -> list[str]:
        """Create a VLAN (if new) and enter its view."""
        if int(vlan) not in self.config().vlans:
            self.state.set_config(self.hostname, "vlan", str(int(vlan)), "")
        self.view, self.port = View.VLAN, str(int(vlan))
        return []

    async def do_undo_vlan(self, vlan: str) -> list[str]:
        """Delete a VLAN."""
        self.state.unset_config(self.hostname, "vlan", str(int(vlan)))
        return []

    async def do_vlan_batch(self, text: str) -> list[str]:
        """Create many VLANs at once."""
        known = self.config().vlans
        for vlan in self._vlans(text):
            if vlan not in known:
                self.state.set_config(self.hostname, "vlan", str(vlan), "")
        return []

    async def do_undo_vlan_batch(self, text: str) -> list[str]:
        """Delete many VLANs at once."""
        for vlan in self._vlans(text):
            self.state.unset_config(self.hostname, "vlan", str(vlan))
        return []

    async def do_vlan_name(self, name: str) -> list[str]:
        """Name the VLAN of the VLAN view."""
        self.state.set_config(self.hostname, "vlan", self.port, name)
        return []

    async def do_undo_vlan_name(self) -> list[str]:
        """Clear the VLAN's name."""
        self.state.set_config(self.hostname, "vlan", self.port, "")
        return []

    def _vlans(self, text: str) -> list[int]:
        try:
            return vlan_ids(text)
        except ValueError:
            raise self.refuse(text) from None

    # -- VLAN interfaces ---------------------------------------------------------------

    def enter_vlanif(self, name: str) -> bool:
        """Create the VLAN interface ``name`` if it is one; False for a physical port."""
        vlan = self.vlanif(name)
        if vlan is None:
            return False
        if vlan not in self.config().vlanifs:
            self.state.set_config(self.hostname, "vlanif", str(vlan), "")
        return True

    async def do_undo_interface(self, name: str) -> list[str]:
        """Delete a VLAN interface (physical ports cannot be deleted)."""
        vlan = self.vlanif(name)
        if vlan is None:
            raise self.refuse(self.line.split()[2])
        self.state.unset_config(self.hostname, "vlanif", str(vlan))
        return []

    async def do_ip_address(self, text: str) -> list[str]:
        """``ip address A.B.C.D MASK`` or ``ip address A.B.C.D LEN`` on a VLAN interface."""
        vlan = self.vlanif(self.port)
        words = text.split()
        if vlan is None:
            raise self.refuse("ip", ErrorKind.UNRECOGNIZED)
        if len(words) != 2:
            raise self.refuse(text, ErrorKind.INCOMPLETE if len(words) < 2 else ErrorKind.TOO_MANY)
        try:
            address = IPv4Interface(f"{words[0]}/{words[1]}")
        except ValueError:
            raise self.refuse(words[0]) from None
        self.state.set_config(
            self.hostname, "vlanif", str(vlan), f"{address.ip} {address.network.netmask}"
        )
        return []

    async def do_undo_ip_address(self) -> list[str]:
        """Remove the address of the VLAN interface."""
        vlan = self.vlanif(self.port)
        if vlan is None:
            raise self.refuse("ip", ErrorKind.UNRECOGNIZED)
        self.state.set_config(self.hostname, "vlanif", str(vlan), "")
        return []

    # -- trunk VLAN lists --------------------------------------------------------------

    def trunk_allow(self, text: str, add: bool) -> list[str]:
        """Add VLANs to (or remove them from) the current trunk port's list."""
        port = self.port
        if self.state.port(self.hostname, port).link_type != "trunk":
            raise self.refuse("port", ErrorKind.UNRECOGNIZED)
        current = set(self.config().trunk_vlans.get(port, []))
        wanted = current | set(self._vlans(text)) if add else current - set(self._vlans(text))
        if wanted:
            self.state.set_config(self.hostname, "trunk", port, " ".join(map(str, sorted(wanted))))
        else:
            self.state.unset_config(self.hostname, "trunk", port)
        return []
