"""A transport without a network, for unit tests (httpx's MockTransport, for SNMP)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from collectors.snmp.transport import SnmpError, Value, VarBinds
from netops.monitoring.targets import PollTarget


def _key(oid: str) -> tuple[int, ...]:
    return tuple(int(n) for n in oid.split("."))


@dataclass
class FakeAgent:
    """One simulated agent: its MIB as ``{oid: value}``, and how it misbehaves."""

    values: dict[str, Value] = field(default_factory=dict)
    error: SnmpError | None = None
    """Raised by every request (a timeout, an auth failure...)."""
    delay_s: float = 0.0
    max_response: int = 64


class FakeTransport:
    """Answers GET and GETBULK from FakeAgents by device name; records every request."""

    def __init__(self, agents: dict[str, FakeAgent]) -> None:
        self.agents = agents
        self.requests: list[tuple[str, str, list[str]]] = []

    async def _agent(self, target: PollTarget, kind: str, oids: Sequence[str]) -> FakeAgent:
        self.requests.append((target.device, kind, list(oids)))
        agent = self.agents.get(target.device)
        if agent is None:
            raise SnmpError(f"timeout after 0 s: no fake agent {target.device}")
        if agent.delay_s:
            await asyncio.sleep(agent.delay_s)
        if agent.error is not None:
            raise agent.error
        return agent

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """The agent's values; absent OIDs are None (noSuchInstance)."""
        agent = await self._agent(target, "get", oids)
        return {oid: agent.values.get(oid) for oid in oids}

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """The next ``repetitions`` OIDs after each requested one, lexicographic by number."""
        agent = await self._agent(target, "bulk", oids)
        ordered = sorted(agent.values, key=_key)
        out: VarBinds = []
        for oid in oids:
            after = [o for o in ordered if _key(o) > _key(oid)][:repetitions]
            out += [(o, agent.values[o]) for o in after]
            if len(after) < repetitions:
                out.append((oid, None))  # endOfMibView
        return out[: agent.max_response]
