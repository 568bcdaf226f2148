"""SNMPv2c and SNMPv3 (USM authPriv) without pysnmp: hand-written codecs, one shared socket.

``FastTransport`` implements ``SnmpTransport``. Every request of an event loop goes out
of one UDP socket per address family (``endpoint.Endpoint``: matching by request-id /
msgID, a resend timer per request, pysnmp's timeout reason); a non-zero error-status
becomes ``SnmpError("agent error tooBig at 0")`` as in ``PysnmpTransport``.

SNMPv3 (RFC 3412, RFC 3414, RFC 3826; ``v3codec`` and ``usm``):

- the first request to an agent address discovers its engine (an empty-engine-ID
  request answered by a usmStatsUnknownEngineIDs report carrying engine ID, boots and
  time); concurrent requests share one discovery, and the engine is remembered for the
  transport's life (across cycles), so a warm cycle sends no discovery at all.
- requests are authPriv (HMAC-SHA-96, AES-128-CFB) with keys localized once per
  (password, engine ID); the time sent is the engine's, moved on by the local clock.
- an authenticated notInTimeWindow report (the agent rebooted, or our notion drifted)
  resets the engine's boots/time and the request is sent once more; an unknownEngineIDs
  report forgets the engine and discovers it again, once.
- other reports are failures with a reason (``usm.report_error``): a wrong auth key is
  ``SNMPv3 authentication failed (wrong auth key?)``, never a timeout.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import socket
import weakref
from collections.abc import Sequence

from collectors.snmp.base import SnmpError, SnmpTimeoutError, Value, VarBinds
from collectors.snmp.codec import (
    GET_BULK_REQUEST,
    GET_REQUEST,
    RESPONSE,
    Pdu,
    encode_message,
    encode_pdu,
    error_status_name,
)
from collectors.snmp.endpoint import Address, Endpoint, Reply, Request
from collectors.snmp.usm import (
    NOT_IN_TIME_WINDOWS,
    UNKNOWN_ENGINE_IDS,
    EngineClock,
    report_error,
    usm_keys,
)
from collectors.snmp.v3codec import AUTH_FLAG, encode_discovery, encode_request
from netops.monitoring.targets import PollTarget, SnmpCredentials

log = logging.getLogger(__name__)

#: (PDU type, non-repeaters or 0, max-repetitions or 0, OIDs) of one request.
PduSpec = tuple[int, int, int, Sequence[str]]
_SALTS = 1 << 64


class _LoopSockets:
    """A loop's endpoints by address family, the lock that opens each only once, and the
    engine discoveries under way (futures belong to a loop too)."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.endpoints: dict[int, Endpoint] = {}
        self.discoveries: dict[Address, asyncio.Future[EngineClock]] = {}


class FastTransport:
    """SNMP GET/GETBULK through the hand-written codecs: one UDP socket per loop and family."""

    def __init__(self, timeout_s: float = 1.0, retries: int = 1) -> None:
        self.timeout_s = timeout_s
        self.retries = retries
        # Sockets belong to the loop that opened them: one set per loop, like pysnmp engines.
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopSockets] = (
            weakref.WeakKeyDictionary()
        )
        self._addresses: dict[tuple[str, int], tuple[int, Address]] = {}
        # What each agent address's SNMPv3 engine is: kept across loops and cycles.
        self.engines: dict[Address, EngineClock] = {}
        self._salt = secrets.randbelow(_SALTS)

    def close(self) -> None:
        """Close the sockets (call it from the loop that used them); waiting requests fail."""
        for sockets in list(self._loops.values()):
            for endpoint in sockets.endpoints.values():
                if endpoint.transport is not None:
                    endpoint.transport.close()
        self._loops.clear()

    def _sockets(self) -> _LoopSockets:
        loop = asyncio.get_running_loop()
        sockets = self._loops.get(loop)
        if sockets is None:
            sockets = self._loops[loop] = _LoopSockets()
        return sockets

    async def _endpoint(self, family: int) -> Endpoint:
        sockets = self._sockets()
        endpoint = sockets.endpoints.get(family)
        if endpoint is not None and endpoint.transport is not None:
            return endpoint
        async with sockets.lock:  # the first requests of a cycle all arrive here at once
            endpoint = sockets.endpoints.get(family)
            if endpoint is None or endpoint.transport is None:
                loop = asyncio.get_running_loop()
                endpoint = Endpoint(loop, self.timeout_s, self.retries + 1)
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

    async def _exchange(self, endpoint: Endpoint, request_id: int, request: Request) -> Reply:
        """Send one request (with its retries) and wait for the answer."""
        endpoint.start(request_id, request)
        try:
            return await request.future
        finally:
            endpoint.forget(request_id)  # cancelled (device budget): no timer left behind

    async def _request(self, target: PollTarget, spec: PduSpec) -> VarBinds:
        creds = target.snmp
        if creds is None:
            raise SnmpError(f"{target.device}: no SNMP credentials in the inventory")
        try:
            family, address = await self._address(target)
        except OSError as exc:
            raise SnmpError(f"cannot resolve {target.host}: {exc}") from None
        endpoint = await self._endpoint(family)
        if creds.version == "v3":
            pdu = await self._v3_request(endpoint, address, creds, spec)
        else:
            community = (
                creds.community.get_secret_value() if creds.community else "public"
            ).encode()
            request_id = endpoint.new_id()
            packet = encode_message(community, spec[0], request_id, *spec[1:])
            future: asyncio.Future[Reply] = endpoint.loop.create_future()
            request = Request(future, address, packet, community)
            pdu = (await self._exchange(endpoint, request_id, request)).pdu
        if pdu.error_status:
            name = error_status_name(pdu.error_status)
            raise SnmpError(f"agent error {name} at {pdu.error_index}")
        return pdu.varbinds

    # --- SNMPv3 ---------------------------------------------------------------------------

    async def _v3_request(
        self, endpoint: Endpoint, address: Address, creds: SnmpCredentials, spec: PduSpec
    ) -> Pdu:
        """One authPriv request: discovery if needed, one resend after a time-window report."""
        user = creds.user or ""
        context = creds.context.encode()
        retried = False
        while True:
            engine = await self._engine(endpoint, address)
            keys = usm_keys(
                user,
                creds.auth_key.get_secret_value() if creds.auth_key else "",
                creds.priv_key.get_secret_value() if creds.priv_key else "",
                engine.engine_id,
                creds.auth_protocol,
            )
            msg_id = endpoint.new_id()
            self._salt = (self._salt + 1) % _SALTS
            packet = encode_request(
                msg_id,
                keys,
                (engine.engine_id, *engine.now()),
                self._salt.to_bytes(8, "big"),
                context,
                encode_pdu(spec[0], msg_id, *spec[1:]),
            )
            future: asyncio.Future[Reply] = endpoint.loop.create_future()
            request = Request(future, address, packet, v3=True, keys=keys)
            reply = await self._v3_exchange(endpoint, msg_id, request, engine)
            message = reply.message
            assert message is not None  # a v3 request gets v3 answers only (Endpoint)
            if reply.pdu.tag == RESPONSE:
                if not engine.in_window(message.boots, message.engine_time):
                    raise SnmpError("SNMPv3 response outside the time window (replayed?)")
                engine.heard(message.boots, message.engine_time)
                engine.confirmed = True
                return reply.pdu
            oid = reply.pdu.varbinds[0][0] if reply.pdu.varbinds else None
            changed = message.engine_id not in (b"", engine.engine_id)
            if oid == NOT_IN_TIME_WINDOWS and message.flags & AUTH_FLAG and not retried:
                engine.set(message.boots, message.engine_time)
            elif (oid == UNKNOWN_ENGINE_IDS or changed) and not retried:
                # Another engine answers at this address (device replaced, engine ID
                # regenerated): net-snmp reports unknownEngineIDs, pysnmp unknownUserNames
                # from its own engine ID. Discover it again, once.
                self.engines.pop(address, None)
            else:
                raise report_error(oid, user, creds.context)
            retried = True
            log.debug("%s: SNMPv3 report %s, sending again", address, oid)

    async def _v3_exchange(
        self, endpoint: Endpoint, msg_id: int, request: Request, engine: EngineClock
    ) -> Reply:
        """``_exchange``; a timeout from an engine that never answered authPriv says so."""
        try:
            return await self._exchange(endpoint, msg_id, request)
        except SnmpTimeoutError as exc:
            if engine.confirmed:
                raise
            # The engine answered discovery but not this: pysnmp and net-snmp agents drop a
            # request whose user or privacy key they cannot use after counting it.
            raise SnmpTimeoutError(
                f"{exc} (the SNMPv3 engine answered discovery, not authPriv requests: "
                "wrong privacy key or user?)"
            ) from None

    async def _engine(self, endpoint: Endpoint, address: Address) -> EngineClock:
        """The engine at ``address``, discovered once (concurrent callers share it)."""
        engine = self.engines.get(address)
        if engine is not None:
            return engine
        sockets = self._sockets()
        discovery = sockets.discoveries.get(address)
        if discovery is None:
            discovery = asyncio.ensure_future(self._discover(endpoint, address))
            sockets.discoveries[address] = discovery

            def done(finished: asyncio.Future[EngineClock]) -> None:
                sockets.discoveries.pop(address, None)
                if not finished.cancelled():
                    finished.exception()  # retrieved: waiters may all have been cancelled

            discovery.add_done_callback(done)
        # One waiter given up (device budget) must not cancel the others' discovery.
        return await asyncio.shield(discovery)

    async def _discover(self, endpoint: Endpoint, address: Address) -> EngineClock:
        msg_id = endpoint.new_id()
        future: asyncio.Future[Reply] = endpoint.loop.create_future()
        request = Request(future, address, encode_discovery(msg_id), v3=True)
        reply = await self._exchange(endpoint, msg_id, request)
        message = reply.message
        if message is None or not message.engine_id:
            raise SnmpError("SNMPv3 engine discovery: the agent gave no engine ID")
        engine = EngineClock(message.engine_id, message.boots, message.engine_time)
        self.engines[address] = engine
        log.debug("%s: SNMPv3 engine %s discovered", address, message.engine_id.hex())
        return engine

    # --- the SnmpTransport protocol ----------------------------------------------------

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """GET ``oids`` in one PDU; noSuchObject/noSuchInstance map to None."""
        return dict(await self._request(target, (GET_REQUEST, 0, 0, oids)))

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """GETBULK with no non-repeaters; endOfMibView maps to None."""
        return await self._request(target, (GET_BULK_REQUEST, 0, repetitions, oids))
