"""A scriptable SNMPv2c agent on 127.0.0.1 for transport tests, built on pysnmp's codec.

pysnmp (pyasn1) encodes and decodes here, independently of ``collectors.snmp.codec``,
so a test that passes through this peer checks our bytes against another implementation.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyasn1.codec.ber import decoder, encoder  # type: ignore[import-untyped]
    from pysnmp.proto.api import v2c  # type: ignore[import-untyped]

from pydantic import SecretStr

from netops.monitoring.targets import PollTarget, SnmpCredentials


def _key(oid: str) -> tuple[int, ...]:
    return tuple(int(n) for n in oid.split("."))


class Peer(asyncio.DatagramProtocol):
    """Answers GET/GETBULK from ``values`` (OID -> pyasn1 value); misbehaves on demand."""

    def __init__(self, values: dict[str, Any], community: bytes = b"public") -> None:
        self.values = values
        self.community = community
        self.transport: asyncio.DatagramTransport | None = None
        self.port = 0
        self.requests: list[int] = []
        """Request-ids of every datagram received (retries included)."""
        self.drop = 0
        """Datagrams to ignore before answering again (-1: never answer)."""
        self.error_status = 0
        self.batch = 0
        """Hold answers until this many are pending, then send them newest first."""
        self.held: list[tuple[bytes, Any]] = []
        self.before: list[bytes] = []
        """Datagrams sent to the client before each answer (strays, garbage)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.port = transport.get_extra_info("sockname")[1]

    def target(self, device: str = "sw1", community: str = "public") -> PollTarget:
        """A v2c target pointing at this peer."""
        return PollTarget(
            device=device,
            vendor="huawei",
            platform="x",
            host="127.0.0.1",
            snmp_port=self.port,
            snmp=SnmpCredentials(version="v2c", community=SecretStr(community)),
            ports=[],
        )

    def datagram_received(self, data: bytes, addr: Any) -> None:
        message, _ = decoder.decode(data, asn1Spec=v2c.Message())
        if bytes(v2c.apiMessage.get_community(message)) != self.community:
            return  # as agents do: a wrong community gets no answer
        pdu = v2c.apiMessage.get_pdu(message)
        self.requests.append(int(v2c.apiPDU.get_request_id(pdu)))
        if self.drop:
            self.drop -= 1
            return
        assert self.transport is not None
        for datagram in self.before:
            self.transport.sendto(datagram, addr)
        answer = self.answer(message)
        if not self.batch:
            self.transport.sendto(answer, addr)
            return
        self.held.append((answer, addr))
        if len(self.held) >= self.batch:
            for held, to in reversed(self.held):
                self.transport.sendto(held, to)
            self.held.clear()

    def answer(self, message: Any) -> bytes:
        """The BER of the Response to ``message``."""
        pdu = v2c.apiMessage.get_pdu(message)
        response = v2c.apiMessage.get_response(message)
        rsp = v2c.apiMessage.get_pdu(response)
        asked = [str(oid) for oid, _ in v2c.apiPDU.get_varbinds(pdu)]
        if self.error_status:
            v2c.apiPDU.set_error_status(rsp, self.error_status)
            v2c.apiPDU.set_error_index(rsp, 1)
            varbinds = [(oid, v2c.Null("")) for oid in asked]
        elif isinstance(pdu, v2c.GetBulkRequestPDU):
            varbinds = self._bulk(asked, int(v2c.apiBulkPDU.get_max_repetitions(pdu)))
        else:
            varbinds = [(oid, self.values.get(oid, v2c.NoSuchInstance(""))) for oid in asked]
        v2c.apiPDU.set_varbinds(rsp, varbinds)
        return bytes(encoder.encode(response))

    def _bulk(self, asked: list[str], repetitions: int) -> list[tuple[str, Any]]:
        ordered = sorted(self.values, key=_key)
        out: list[tuple[str, Any]] = []
        for oid in asked:
            after = [o for o in ordered if _key(o) > _key(oid)][:repetitions]
            out += [(o, self.values[o]) for o in after]
            if len(after) < repetitions:
                out.append((oid, v2c.EndOfMibView("")))
        return out


@asynccontextmanager
async def peer(values: dict[str, Any], community: bytes = b"public") -> AsyncIterator[Peer]:
    """A running Peer on 127.0.0.1 (an ephemeral port), closed afterwards."""
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_datagram_endpoint(
        lambda: Peer(values, community), local_addr=("127.0.0.1", 0)
    )
    try:
        yield protocol
    finally:
        transport.close()
