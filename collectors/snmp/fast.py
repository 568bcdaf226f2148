"""SNMPv2c without pysnmp: the hand-written codec over one shared asyncio UDP socket.

``FastTransport`` implements ``SnmpTransport`` for v2c targets. Every request of an
event loop goes out of one UDP socket per address family; answers are matched to their
request by request-id (and checked against the address and community it was sent to),
so thousands of devices cost one file descriptor and no per-device state. Each request
has its own ``loop.call_later`` timer: after ``timeout_s`` the same datagram is sent
again (same request-id: a late answer to the first try is as good), and after
``retries`` resends the request fails with the same reason pysnmp's adapter gives,
``timeout after 2 s (2 tries)``. A non-zero error-status becomes
``SnmpError("agent error tooBig at 0")`` as in ``PysnmpTransport``.

SNMPv3 targets are refused here: ``AutoTransport`` (``auto.py``) sends them to pysnmp.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import socket
import weakref
from collections.abc import Callable, Sequence
from typing import Any, cast

from collectors.snmp.base import SnmpError, Value, VarBinds, timeout_error
from collectors.snmp.codec import (
    DecodeError,
    Response,
    decode_response,
    encode_bulk,
    encode_get,
    error_status_name,
)
from netops.monitoring.targets import PollTarget

log = logging.getLogger(__name__)

#: Socket buffers asked for (the kernel caps them at net.core.[rw]mem_max): a cycle's
#: answers arrive in bursts from many agents at once.
RECEIVE_BUFFER = 4 << 20
SEND_BUFFER = 1 << 20
_REQUEST_IDS = 1 << 31  # request-id is an INTEGER (-2^31..2^31-1): stay positive

Address = tuple[str, int]


class _Request:
    """One request in flight: what to resend, where, and who waits for the answer."""

    __slots__ = ("address", "community", "future", "packet", "timer", "tries_left")

    def __init__(
        self, future: asyncio.Future[Response], address: Address, community: bytes, packet: bytes
    ) -> None:
        self.future = future
        self.address = address
        self.community = community
        self.packet = packet
        self.tries_left = 0
        self.timer: asyncio.TimerHandle | None = None


class _Endpoint(asyncio.DatagramProtocol):
    """One UDP socket and the requests waiting on it, keyed by request-id."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout_s: float, tries: int) -> None:
        self.loop = loop
        self.timeout_s = timeout_s
        self.tries = tries
        self.transport: asyncio.DatagramTransport | None = None
        self.pending: dict[int, _Request] = {}
        self._next_id = secrets.randbelow(_REQUEST_IDS - 1) + 1

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Keep the transport; ask for big buffers (best effort)."""
        self.transport = cast(asyncio.DatagramTransport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            for option, size in (
                (socket.SO_RCVBUF, RECEIVE_BUFFER),
                (socket.SO_SNDBUF, SEND_BUFFER),
            ):
                try:
                    sock.setsockopt(socket.SOL_SOCKET, option, size)
                except OSError:  # pragma: no cover - a platform refusing the size
                    log.debug("socket buffer %s not set", option)

    def connection_lost(self, exc: Exception | None) -> None:
        """Fail whatever still waits: no answer can come any more."""
        self.transport = None
        for request_id in list(self.pending):
            self._fail(request_id, SnmpError("snmp error: transport closed"))

    def error_received(self, exc: Exception) -> None:
        """ICMP errors of an unconnected socket say nothing about which request: timers decide."""
        log.debug("udp error: %s", exc)

    def new_id(self) -> int:
        """The next request-id not in flight."""
        while True:
            request_id = self._next_id
            self._next_id = request_id + 1 if request_id + 1 < _REQUEST_IDS else 1
            if request_id not in self.pending:
                return request_id

    def start(self, request_id: int, request: _Request) -> None:
        """Send the first try and arm its timer."""
        request.tries_left = self.tries
        self.pending[request_id] = request
        self._send(request_id, request)

    def _send(self, request_id: int, request: _Request) -> None:
        if self.transport is None:
            self._fail(request_id, SnmpError("snmp error: transport closed"))
            return
        request.tries_left -= 1
        self.transport.sendto(request.packet, request.address)
        request.timer = self.loop.call_later(self.timeout_s, self._expire, request_id)

    def _expire(self, request_id: int) -> None:
        request = self.pending.get(request_id)
        if request is None:
            return
        if request.tries_left > 0:
            self._send(request_id, request)
        else:
            self._fail(request_id, timeout_error(self.timeout_s, self.tries))

    def _fail(self, request_id: int, error: SnmpError) -> None:
        request = self.forget(request_id)
        if request is not None and not request.future.done():
            request.future.set_exception(error)

    def forget(self, request_id: int) -> _Request | None:
        """Drop a request (answered, failed or cancelled) and its timer."""
        request = self.pending.pop(request_id, None)
        if request is not None and request.timer is not None:
            request.timer.cancel()
        return request

    def datagram_received(self, data: bytes, addr: Any) -> None:
        """Hand an answer to its request; strays, late answers and spoofs are dropped."""
        try:
            response = decode_response(data)
        except DecodeError as exc:
            request = self.pending.get(exc.request_id) if exc.request_id is not None else None
            if request is not None and tuple(addr[:2]) == request.address:
                self._fail(exc.request_id or 0, SnmpError(f"unreadable response: {exc}"))
            else:
                log.debug("undecodable datagram from %s: %s", addr, exc)
            return
        request = self.pending.get(response.request_id)
        if (
            request is None
            or tuple(addr[:2]) != request.address
            or response.community != request.community
        ):
            log.debug("stray response from %s (request-id %s)", addr, response.request_id)
            return
        self.forget(response.request_id)
        if not request.future.done():
            request.future.set_result(response)


class _LoopSockets:
    """A loop's endpoints by address family, and the lock that opens each only once."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.endpoints: dict[int, _Endpoint] = {}


class FastTransport:
    """SNMPv2c GET/GETBULK through ``codec``: one UDP socket per loop and address family."""

    def __init__(self, timeout_s: float = 1.0, retries: int = 1) -> None:
        self.timeout_s = timeout_s
        self.retries = retries
        # Sockets belong to the loop that opened them: one set per loop, like pysnmp engines.
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopSockets] = (
            weakref.WeakKeyDictionary()
        )
        self._addresses: dict[tuple[str, int], tuple[int, Address]] = {}

    def close(self) -> None:
        """Close the sockets (call it from the loop that used them); waiting requests fail."""
        for sockets in list(self._loops.values()):
            for endpoint in sockets.endpoints.values():
                if endpoint.transport is not None:
                    endpoint.transport.close()
        self._loops.clear()

    async def _endpoint(self, family: int) -> _Endpoint:
        loop = asyncio.get_running_loop()
        sockets = self._loops.get(loop)
        if sockets is None:
            sockets = self._loops[loop] = _LoopSockets()
        endpoint = sockets.endpoints.get(family)
        if endpoint is not None and endpoint.transport is not None:
            return endpoint
        async with sockets.lock:  # the first requests of a cycle all arrive here at once
            endpoint = sockets.endpoints.get(family)
            if endpoint is None or endpoint.transport is None:
                endpoint = _Endpoint(loop, self.timeout_s, self.retries + 1)
                await loop.create_datagram_endpoint(lambda: endpoint, family=family)
                sockets.endpoints[family] = endpoint
        return endpoint

    async def _address(self, target: PollTarget) -> tuple[int, Address]:
        """(address family, (ip, port)) of a target, its host name resolved once."""
        key = (target.host, target.snmp_port)
        found = self._addresses.get(key)
        if found is None:
            try:
                ip = ipaddress.ip_address(target.host)
            except ValueError:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    target.host, target.snmp_port, type=socket.SOCK_DGRAM
                )
                if not infos:
                    raise SnmpError(f"cannot resolve {target.host}") from None
                family, *_, sockaddr = infos[0]
                found = (family, (str(sockaddr[0]), int(sockaddr[1])))
            else:
                family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
                found = (family, (str(ip), target.snmp_port))
            self._addresses[key] = found
        return found

    async def _request(self, target: PollTarget, build: Callable[[bytes, int], bytes]) -> VarBinds:
        creds = target.snmp
        if creds is None:
            raise SnmpError(f"{target.device}: no SNMP credentials in the inventory")
        if creds.version != "v2c":
            raise SnmpError(f"{target.device}: the fast transport speaks SNMPv2c only")
        community = (creds.community.get_secret_value() if creds.community else "public").encode()
        try:
            family, address = await self._address(target)
        except OSError as exc:
            raise SnmpError(f"cannot resolve {target.host}: {exc}") from None
        endpoint = await self._endpoint(family)
        request_id = endpoint.new_id()
        future: asyncio.Future[Response] = endpoint.loop.create_future()
        endpoint.start(
            request_id, _Request(future, address, community, build(community, request_id))
        )
        try:
            response = await future
        finally:
            endpoint.forget(request_id)  # cancelled (device budget): no timer left behind
        if response.error_status:
            name = error_status_name(response.error_status)
            raise SnmpError(f"agent error {name} at {response.error_index}")
        return response.varbinds

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """GET ``oids`` in one PDU; noSuchObject/noSuchInstance map to None."""
        varbinds = await self._request(target, lambda c, i: encode_get(c, i, oids))
        return dict(varbinds)

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """GETBULK with no non-repeaters; endOfMibView maps to None."""
        return await self._request(target, lambda c, i: encode_bulk(c, i, oids, repetitions))
