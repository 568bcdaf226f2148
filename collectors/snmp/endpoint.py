"""One shared UDP socket and the SNMP requests waiting on it (the fast path's I/O).

Requests are keyed by an id that is the request-id of a v2c PDU and the msgID of an
SNMPv3 message (the fast path uses one number for both), so thousands of devices cost
one file descriptor and no per-device state. Each request has its own
``loop.call_later`` timer: after ``timeout_s`` the same datagram is sent again (same id:
a late answer to the first try is as good), and after the last try the request fails
with pysnmp's reason, ``timeout after 2 s (2 tries)``.

An answer is handed to its request only if it comes from the address asked and, for
v2c, carries the community sent; an SNMPv3 answer must carry a MAC the request's keys
confirm whenever it claims one (anything else is dropped and left to the timer).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
from typing import Any, NamedTuple, cast

from collectors.snmp.base import SnmpError, timeout_error
from collectors.snmp.codec import RESPONSE, DecodeError, Pdu, decode_response, message_version
from collectors.snmp.usm import UsmKeys
from collectors.snmp.v3codec import (
    AUTH_PRIV,
    VERSION_3,
    UnauthenticMessageError,
    V3Message,
    decode_message,
    open_scoped_pdu,
)

log = logging.getLogger(__name__)

#: Socket buffers asked for (the kernel caps them at net.core.[rw]mem_max): a cycle's
#: answers arrive in bursts from many agents at once.
RECEIVE_BUFFER = 4 << 20
SEND_BUFFER = 1 << 20
_REQUEST_IDS = 1 << 31  # request-id and msgID are INTEGER (0..2^31-1): stay positive

Address = tuple[str, int]


class Reply(NamedTuple):
    """An answer: its PDU, and for SNMPv3 the message's clear part (engine, flags)."""

    pdu: Pdu
    message: V3Message | None = None


class Request:
    """One request in flight: what to resend, where, and who waits for the answer.

    ``community`` is set for v2c; SNMPv3 requests have ``v3`` set and ``keys`` (None
    for an engine discovery, whose answer is not authenticated).
    """

    __slots__ = ("address", "community", "future", "keys", "packet", "timer", "tries_left", "v3")

    def __init__(
        self,
        future: asyncio.Future[Reply],
        address: Address,
        packet: bytes,
        community: bytes = b"",
        *,
        v3: bool = False,
        keys: UsmKeys | None = None,
    ) -> None:
        self.future = future
        self.address = address
        self.packet = packet
        self.community = community
        self.v3 = v3
        self.keys = keys
        self.tries_left = 0
        self.timer: asyncio.TimerHandle | None = None


class Endpoint(asyncio.DatagramProtocol):
    """One UDP socket and the requests waiting on it, keyed by request-id / msgID."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout_s: float, tries: int) -> None:
        self.loop = loop
        self.timeout_s = timeout_s
        self.tries = tries
        self.transport: asyncio.DatagramTransport | None = None
        self.pending: dict[int, Request] = {}
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

    def start(self, request_id: int, request: Request) -> None:
        """Send the first try and arm its timer."""
        request.tries_left = self.tries
        self.pending[request_id] = request
        self._send(request_id, request)

    def _send(self, request_id: int, request: Request) -> None:
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

    def _answer(self, request_id: int, reply: Reply) -> None:
        request = self.forget(request_id)
        if request is not None and not request.future.done():
            request.future.set_result(reply)

    def forget(self, request_id: int) -> Request | None:
        """Drop a request (answered, failed or cancelled) and its timer."""
        request = self.pending.pop(request_id, None)
        if request is not None and request.timer is not None:
            request.timer.cancel()
        return request

    def _unreadable(self, exc: DecodeError, addr: Any) -> None:
        """Fail the request a broken answer names (if from its address), else drop it."""
        request = self.pending.get(exc.request_id) if exc.request_id is not None else None
        if request is not None and tuple(addr[:2]) == request.address:
            self._fail(exc.request_id or 0, SnmpError(f"unreadable response: {exc}"))
        else:
            log.debug("undecodable datagram from %s: %s", addr, exc)

    def datagram_received(self, data: bytes, addr: Any) -> None:
        """Hand an answer to its request; strays, late answers and spoofs are dropped."""
        try:
            if message_version(data) == VERSION_3:
                self._v3_received(data, addr)
                return
            response = decode_response(data)
        except DecodeError as exc:
            self._unreadable(exc, addr)
            return
        request = self.pending.get(response.request_id)
        if (
            request is None
            or request.v3
            or tuple(addr[:2]) != request.address
            or response.community != request.community
        ):
            log.debug("stray response from %s (request-id %s)", addr, response.request_id)
            return
        self._answer(response.request_id, Reply(Pdu(RESPONSE, *response[1:])))

    def _v3_received(self, data: bytes, addr: Any) -> None:
        message = decode_message(data)
        request = self.pending.get(message.msg_id)
        if request is None or not request.v3 or tuple(addr[:2]) != request.address:
            log.debug("stray SNMPv3 message from %s (msgID %s)", addr, message.msg_id)
            return
        try:
            scoped = open_scoped_pdu(message, data, request.keys)
        except UnauthenticMessageError as exc:
            log.debug("SNMPv3 message from %s dropped: %s", addr, exc)
            return
        if (
            scoped.pdu.tag == RESPONSE
            and request.keys is not None
            and message.flags & AUTH_PRIV != AUTH_PRIV
        ):
            log.debug("SNMPv3 response from %s not authPriv: dropped", addr)
            return
        self._answer(message.msg_id, Reply(scoped.pdu, message))
