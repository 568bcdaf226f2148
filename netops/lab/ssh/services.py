"""SNMP agent, NTP and syslog servers: the device-wide service commands both platforms share.

Secrets (communities, SNMPv3 keys) are stored and shown only as the device's cipher text
(``SystemConfig.cipher``), never as typed.
"""

from __future__ import annotations

import json
from ipaddress import IPv4Address
from typing import ClassVar

from netops.lab.ssh.cli_base import SYSTEM, Command
from netops.lab.ssh.grammar import ErrorKind
from netops.lab.ssh.sysconfig import SnmpUser, SystemConfig


class ServiceConfig(SystemConfig):
    """Handlers of ``snmp-agent``, ``ntp-service`` and ``info-center`` commands."""

    COMMANDS: ClassVar[tuple[Command, ...]] = (
        *SystemConfig.COMMANDS,
        Command("snmp-agent", "snmp_agent", SYSTEM),
        Command("undo snmp-agent", "undo_snmp_agent", SYSTEM),
        Command("snmp-agent sys-info {contact|location|version} <text>", "sys_info", SYSTEM),
        Command("undo snmp-agent sys-info {contact|location}", "undo_sys_info", SYSTEM),
        Command("snmp-agent community {read|write} <text>", "community", SYSTEM),
        Command("undo snmp-agent community <text>", "undo_community", SYSTEM),
        Command("snmp-agent group v3 <text>", "snmp_group", SYSTEM),
        Command("undo snmp-agent group v3 <text>", "undo_snmp_group", SYSTEM),
        Command("snmp-agent usm-user v3 <text>", "usm_user", SYSTEM),
        Command("undo snmp-agent usm-user v3 <text>", "undo_usm_user", SYSTEM),
        Command("ntp-service unicast-server <text>", "ntp", SYSTEM),
        Command("undo ntp-service unicast-server <text>", "undo_ntp", SYSTEM),
        Command("info-center loghost <text>", "loghost", SYSTEM),
        Command("undo info-center loghost <text>", "undo_loghost", SYSTEM),
    )

    async def do_snmp_agent(self) -> list[str]:
        """Start the agent."""
        self.state.set_config(self.hostname, "snmp", "agent", "")
        return []

    async def do_undo_snmp_agent(self) -> list[str]:
        """Stop the agent."""
        self.state.unset_config(self.hostname, "snmp", "agent")
        return []

    async def do_sys_info(self, item: str, text: str) -> list[str]:
        """Contact, location or the SNMP versions the agent speaks."""
        if item == "version":
            words = text.split()
            if not words or any(w not in ("v1", "v2c", "v3", "all") for w in words):
                raise self.refuse(text)
        self.state.set_config(self.hostname, "snmp", item, text)
        self.state.set_config(self.hostname, "snmp", "agent", "")
        return []

    async def do_undo_sys_info(self, item: str) -> list[str]:
        """Clear contact or location."""
        self.state.unset_config(self.hostname, "snmp", item)
        return []

    async def do_community(self, access: str, text: str) -> list[str]:
        """A v2c community, typed plain (``simple``/``cipher`` keyword optional)."""
        words = text.split()
        if words and words[0] in ("simple", "cipher"):
            words = words[1:]
        if len(words) != 1:
            raise self.refuse(text, ErrorKind.INCOMPLETE if not words else ErrorKind.TOO_MANY)
        self.state.set_config(self.hostname, "snmp_community", self.cipher(words[0]), access)
        self.state.set_config(self.hostname, "snmp", "agent", "")
        return []

    async def do_undo_community(self, text: str) -> list[str]:
        """Remove a community, given plain or as the cipher text the device shows."""
        words = text.split()
        secret = words[-1]
        key = secret if secret in self.config().communities else self.cipher(secret)
        self.state.unset_config(self.hostname, "snmp_community", key)
        return []

    async def do_snmp_group(self, text: str) -> list[str]:
        """``snmp-agent group v3 NAME [authentication|privacy]``."""
        words = text.split()
        level = words[1] if len(words) > 1 else "noauthentication"
        if len(words) > 2 or level not in ("authentication", "privacy", "noauthentication"):
            raise self.refuse(words[-1])
        self.state.set_config(self.hostname, "snmp_group", words[0], level)
        return []

    async def do_undo_snmp_group(self, text: str) -> list[str]:
        """Remove an SNMPv3 group."""
        self.state.unset_config(self.hostname, "snmp_group", text.split(maxsplit=1)[0])
        return []

    async def do_usm_user(self, text: str) -> list[str]:
        """``USER GROUP [simple|cipher] authentication-mode sha KEY privacy-mode aes128 KEY``."""
        words = [w for w in text.split() if w not in ("simple", "cipher")]
        if len(words) != 8 or words[2:3] != ["authentication-mode"] or words[5] != "privacy-mode":
            raise self.refuse(text, ErrorKind.INCOMPLETE if len(words) < 8 else ErrorKind.TOO_MANY)
        if words[3] not in ("md5", "sha", "sha2-256") or words[6] not in ("des56", "aes128"):
            raise self.refuse(words[3] if words[3] not in ("md5", "sha") else words[6])
        user = SnmpUser(
            group=words[1],
            auth_mode=words[3],
            auth=self.cipher(words[4]),
            priv_mode=words[6],
            priv=self.cipher(words[7]),
        )
        self.state.set_config(self.hostname, "snmp_user", words[0], json.dumps(user.__dict__))
        return []

    async def do_undo_usm_user(self, text: str) -> list[str]:
        """Remove an SNMPv3 user."""
        self.state.unset_config(self.hostname, "snmp_user", text.split(maxsplit=1)[0])
        return []

    def _address(self, text: str) -> str:
        words = text.split()
        try:
            return str(IPv4Address(words[0]))
        except ValueError:
            raise self.refuse(words[0]) from None

    async def do_ntp(self, text: str) -> list[str]:
        """An NTP server to synchronise with."""
        self.state.set_config(self.hostname, "ntp", self._address(text))
        return []

    async def do_undo_ntp(self, text: str) -> list[str]:
        """Forget an NTP server."""
        self.state.unset_config(self.hostname, "ntp", self._address(text))
        return []

    async def do_loghost(self, text: str) -> list[str]:
        """A syslog server."""
        self.state.set_config(self.hostname, "loghost", self._address(text))
        return []

    async def do_undo_loghost(self, text: str) -> list[str]:
        """Forget a syslog server."""
        self.state.unset_config(self.hostname, "loghost", self._address(text))
        return []
