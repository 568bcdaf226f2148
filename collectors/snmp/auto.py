"""The collector's default transport: v2c targets on the fast codec, v3 ones on pysnmp."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from collectors.snmp.base import SnmpTransport, Value, VarBinds
from collectors.snmp.fast import FastTransport
from collectors.snmp.transport import PysnmpTransport
from netops.monitoring.targets import PollTarget

#: ``auto``: v2c through ``FastTransport``, v3 through pysnmp; ``pysnmp``: everything
#: through pysnmp (the reference, or a fallback should an agent disagree with the codec).
Client = Literal["auto", "pysnmp"]


class AutoTransport:
    """Picks the transport per target by SNMP version; same timeouts and retries for both."""

    def __init__(self, timeout_s: float = 1.0, retries: int = 1) -> None:
        self.fast = FastTransport(timeout_s=timeout_s, retries=retries)
        self.pysnmp = PysnmpTransport(timeout_s=timeout_s, retries=retries)

    def pick(self, target: PollTarget) -> SnmpTransport:
        """pysnmp for SNMPv3 (USM: auth, privacy, engine discovery), the fast path otherwise."""
        if target.snmp is not None and target.snmp.version == "v3":
            return self.pysnmp
        return self.fast

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """GET through the target's transport."""
        return await self.pick(target).get(target, oids)

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """GETBULK through the target's transport."""
        return await self.pick(target).bulk(target, oids, repetitions)

    def close(self) -> None:
        """Close both transports' sockets (from the loop that used them)."""
        self.fast.close()
        self.pysnmp.close()


def make_transport(client: Client, timeout_s: float, retries: int) -> SnmpTransport:
    """The transport for a collector's ``client`` option."""
    if client == "pysnmp":
        return PysnmpTransport(timeout_s=timeout_s, retries=retries)
    if client == "auto":
        return AutoTransport(timeout_s=timeout_s, retries=retries)
    raise ValueError(f"unknown SNMP client {client!r} (auto or pysnmp)")
