"""The device-wide part of a VRP or Comware running configuration, as verify needs it.

The CLI collector parses the ports (description, link type, PVID); this reads what it
leaves in the text: ``sysname``, VLANs, VLAN interfaces and their addresses, trunk VLAN
lists, the SNMP agent, NTP and syslog servers. Both platforms print the same
statements; Comware indents the global ones by a space, which changes nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface

from netops.vlans import vlan_ids

_VLANIF = re.compile(r"^interface\s+(?:Vlanif|Vlan-interface)\s*(\d+)\s*$", re.IGNORECASE)
_INTERFACE = re.compile(r"^interface\s+(\S+)\s*$")
_VLAN_BLOCK = re.compile(r"^vlan\s+(\d+)\s*$")


def vlan_list(text: str) -> set[int]:
    """``10 100 200 to 202`` -> {10, 100, 200, 201, 202}; an unreadable list is empty."""
    try:
        return set(vlan_ids(text))
    except ValueError:
        return set()


@dataclass
class RunningState:
    """What a running configuration says outside the physical ports' basics."""

    sysname: str | None = None
    vlans: dict[int, str] = field(default_factory=dict)  # id -> name ("" when unnamed)
    vlan_addresses: dict[int, IPv4Interface | None] = field(default_factory=dict)
    trunk_vlans: dict[str, set[int]] = field(default_factory=dict)
    snmp_agent: bool = False
    snmp_communities: list[str] = field(default_factory=list)  # their access: read/write
    snmp_versions: set[str] = field(default_factory=set)
    snmp_users: list[str] = field(default_factory=list)
    ntp_servers: list[IPv4Address] = field(default_factory=list)
    loghosts: list[IPv4Address] = field(default_factory=list)


def _address(words: list[str]) -> IPv4Interface | None:
    try:
        return IPv4Interface(f"{words[0]}/{words[1]}")
    except (ValueError, IndexError):
        return None


def _server(text: str) -> IPv4Address | None:
    try:
        return IPv4Address(text.split(maxsplit=1)[0])
    except (ValueError, IndexError):
        return None


def _is_vlan_list(words: list[str]) -> bool:
    """``port trunk allow-pass vlan ...`` (VRP) or ``port trunk permit vlan ...`` (Comware)."""
    return words[2:3] in (["allow-pass"], ["permit"]) and words[3:4] == ["vlan"]


class _Reader:
    """Walks the configuration once; the block (``interface``, ``vlan``) tells what a line means."""

    def __init__(self) -> None:
        self.state = RunningState()
        self.block: tuple[str, str] | None = None  # ("vlanif", "10"), ("port", name), ...

    def line(self, raw: str) -> None:
        text = raw.rstrip()
        if not text.strip() or text.startswith(("#", "!")) or text == "return":
            self.block = None if text.startswith("#") or text == "return" else self.block
            return
        if not text[0].isspace():
            self.block = None
            if self._opens_block(text):
                return
        if self.block is not None and text[0].isspace():
            self._in_block(text.strip())
        else:
            self._global(text.strip())

    def _opens_block(self, text: str) -> bool:
        if match := _VLANIF.match(text):
            self.block = ("vlanif", str(int(match[1])))
            self.state.vlan_addresses.setdefault(int(match[1]), None)
        elif match := _VLAN_BLOCK.match(text):
            self.block = ("vlan", match[1])
            self.state.vlans.setdefault(int(match[1]), "")
        elif match := _INTERFACE.match(text):
            self.block = ("port", match[1])
        else:
            return False
        return True

    def _in_block(self, text: str) -> None:
        assert self.block is not None
        kind, key = self.block
        words = text.split()
        if kind == "vlanif" and words[:2] == ["ip", "address"]:
            self.state.vlan_addresses[int(key)] = _address(words[2:])
        elif kind == "vlan" and words[0] == "name":
            self.state.vlans[int(key)] = text.split(maxsplit=1)[1] if len(words) > 1 else ""
        elif kind == "port" and words[:2] == ["port", "trunk"] and _is_vlan_list(words):
            vlans = vlan_list(" ".join(words[4:]))
            self.state.trunk_vlans.setdefault(key, set()).update(vlans)

    def _global(self, text: str) -> None:
        state = self.state
        words = text.split()
        rest = " ".join(words[2:])
        if words[0] == "sysname" and len(words) > 1:
            state.sysname = words[1]
        elif words[:2] == ["vlan", "batch"]:
            for vlan in vlan_list(rest):
                state.vlans.setdefault(vlan, "")
        elif words[0] == "snmp-agent":
            self._snmp(words)
        elif words[:2] == ["ntp-service", "unicast-server"] and (server := _server(rest)):
            state.ntp_servers.append(server)
        elif words[:2] == ["info-center", "loghost"] and (server := _server(rest)):
            state.loghosts.append(server)

    def _snmp(self, words: list[str]) -> None:
        state = self.state
        state.snmp_agent = True
        if words[1:2] == ["community"] and len(words) > 2:
            state.snmp_communities.append(words[2])
        elif words[1:3] == ["sys-info", "version"]:
            state.snmp_versions.update(words[3:])
        elif words[1:3] == ["usm-user", "v3"] and len(words) > 3:
            state.snmp_users.append(words[3])


def parse_running(text: str) -> RunningState:
    """The device-wide state a VRP or Comware ``display current-configuration`` shows."""
    reader = _Reader()
    for raw in text.splitlines():
        reader.line(raw)
    return reader.state
