"""What every SNMP transport shares: value types, errors and the ``SnmpTransport`` protocol.

Kept apart from ``transport.py`` (pysnmp) so that the fast v2c path (``fast.py``) and
the fakes need no pysnmp import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from netops.monitoring.targets import PollTarget

#: A value as collectors see it: int (all integer types), str (strings, OIDs), or None
#: for noSuchObject / noSuchInstance / endOfMibView.
Value = int | str | None
VarBinds = list[tuple[str, Value]]


class SnmpError(Exception):
    """An expected SNMP failure; ``str(error)`` is the reason put in a DevicePoll."""


class SnmpTimeoutError(SnmpError):
    """The agent did not answer within timeout x tries."""


class SnmpAuthError(SnmpError):
    """The agent rejected the credentials (wrong community gives a timeout instead)."""


class SnmpTransport(Protocol):
    """What the collector needs from SNMP: GET and GETBULK of numeric OIDs."""

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """GET ``oids`` (one PDU); missing instances map to None."""
        ...

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """GETBULK (no non-repeaters): the varbinds in the order the agent sent them."""
        ...


def timeout_error(timeout_s: float, tries: int) -> SnmpTimeoutError:
    """The timeout every transport reports: ``timeout after 2 s (2 tries)``."""
    return SnmpTimeoutError(f"timeout after {timeout_s * tries:g} s ({tries} tries)")
