"""The collector's default transport: every target on the fast codec, pysnmp on request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from collectors.snmp.base import SnmpTransport, Value, VarBinds
from collectors.snmp.fast import FastTransport
from collectors.snmp.transport import PysnmpTransport
from netops.monitoring.targets import PollTarget

#: ``auto``: v2c and v3 (USM authPriv) through ``FastTransport``; ``v3-pysnmp``: v2c
#: through ``FastTransport``, v3 through pysnmp (should an agent disagree with our USM);
#: ``pysnmp``: everything through pysnmp (the reference).
Client = Literal["auto", "v3-pysnmp", "pysnmp"]
CLIENTS: tuple[Client, ...] = ("auto", "v3-pysnmp", "pysnmp")


class AutoTransport:
    """Picks the transport per target by SNMP version; same timeouts and retries for both.

    pysnmp's engine is only made when a target is routed to it.
    """

    def __init__(self, timeout_s: float = 1.0, retries: int = 1, *, v3_on_pysnmp: bool = False):
        self.fast = FastTransport(timeout_s=timeout_s, retries=retries)
        self.pysnmp = PysnmpTransport(timeout_s=timeout_s, retries=retries)
        self.v3_on_pysnmp = v3_on_pysnmp

    def pick(self, target: PollTarget) -> SnmpTransport:
        """The fast path, or pysnmp for SNMPv3 when ``v3_on_pysnmp``."""
        if self.v3_on_pysnmp and target.snmp is not None and target.snmp.version == "v3":
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
    if client in ("auto", "v3-pysnmp"):
        return AutoTransport(timeout_s, retries, v3_on_pysnmp=client == "v3-pysnmp")
    raise ValueError(f"unknown SNMP client {client!r} ({', '.join(CLIENTS)})")
