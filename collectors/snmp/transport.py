"""The pysnmp adapter: the only module that imports pysnmp.

One small class with two I/O methods in collectors' own types (``get`` and ``bulk``),
pysnmp's error indications translated into :class:`SnmpError` with a reason an
engineer acts on. ``FakeTransport`` (``collectors.snmp.fake``) stands in for it in
unit tests.
"""

from __future__ import annotations

import asyncio
import warnings
import weakref
from collections.abc import Sequence
from typing import Any

with warnings.catch_warnings():
    # pysnmp 7.1 imports pysmi's camelCase names, which pysmi 1.5+ deprecates; nothing
    # of ours uses them, so only that warning of that import is silenced.
    warnings.filterwarnings(
        "ignore", r"\w+ is deprecated\. Please use \w+ instead", DeprecationWarning
    )
    from pyasn1.type import univ  # type: ignore[import-untyped]
    from pysnmp.entity.engine import SnmpEngine  # type: ignore[import-untyped]
    from pysnmp.entity.rfc3413 import cmdgen  # type: ignore[import-untyped]
    from pysnmp.hlapi.v3arch.asyncio import (  # type: ignore[import-untyped]
        USM_AUTH_HMAC96_SHA,
        USM_AUTH_HMAC128_SHA224,
        USM_AUTH_HMAC192_SHA256,
        USM_AUTH_HMAC256_SHA384,
        USM_AUTH_HMAC384_SHA512,
        USM_PRIV_CFB128_AES,
        CommunityData,
        UdpTransportTarget,
        UsmUserData,
    )
    from pysnmp.hlapi.v3arch.asyncio.cmdgen import LCD  # type: ignore[import-untyped]
    from pysnmp.proto import errind, rfc1902, rfc1905  # type: ignore[import-untyped]

from collectors.snmp.base import (
    SnmpAuthError,
    SnmpError,
    SnmpTimeoutError,
    SnmpTransport,
    Value,
    VarBinds,
    timeout_error,
)
from netops.monitoring.targets import PollTarget

#: pysnmp's USM authentication protocols by the names of the settings.
AUTH_PROTOCOLS = {
    "SHA": USM_AUTH_HMAC96_SHA,
    "SHA224": USM_AUTH_HMAC128_SHA224,
    "SHA256": USM_AUTH_HMAC192_SHA256,
    "SHA384": USM_AUTH_HMAC256_SHA384,
    "SHA512": USM_AUTH_HMAC384_SHA512,
}

# The shared types live in ``base`` (no pysnmp there); they stay importable from here.
__all__ = [
    "PysnmpTransport",
    "SnmpAuthError",
    "SnmpError",
    "SnmpTimeoutError",
    "SnmpTransport",
    "Value",
    "VarBinds",
]

_AUTH_ERRORS = (
    errind.WrongDigest,
    errind.AuthenticationFailure,
    errind.AuthenticationError,
    errind.UnknownUserName,
    errind.UnknownSecurityName,
    errind.DecryptionError,
    errind.UnsupportedSecurityLevel,
    errind.NotInTimeWindow,
)


def _value(raw: Any) -> Value:
    if isinstance(raw, rfc1905.NoSuchObject | rfc1905.NoSuchInstance | rfc1905.EndOfMibView):
        return None
    if isinstance(raw, univ.OctetString):
        return bytes(raw.asOctets()).decode("utf-8", "replace")
    if isinstance(raw, univ.ObjectIdentifier):
        return ".".join(str(n) for n in raw)
    return int(raw)


def _reason(indication: object, target: PollTarget, timeout: float, tries: int) -> SnmpError:
    if isinstance(indication, errind.RequestTimedOut):
        return timeout_error(timeout, tries)
    if isinstance(indication, _AUTH_ERRORS):
        return SnmpAuthError(f"authentication failed ({indication})")
    return SnmpError(f"snmp error: {indication}")


class PysnmpTransport:
    """SNMP over UDP through pysnmp 7.1, one SnmpEngine per event loop.

    Requests go through pysnmp's command generators with raw numeric OIDs, skipping
    the hlapi's MIB resolution of every varbind (the costliest part of a small GET).
    """

    def __init__(self, timeout_s: float = 1.0, retries: int = 1) -> None:
        self.timeout_s = timeout_s
        self.retries = retries
        # An SnmpEngine is bound to the loop it first ran in: a second loop would hang.
        self._engines: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, SnmpEngine] = (
            weakref.WeakKeyDictionary()
        )
        self._targets: dict[tuple[str, int], UdpTransportTarget] = {}

    def _engine(self) -> SnmpEngine:
        loop = asyncio.get_running_loop()
        engine = self._engines.get(loop)
        if engine is None:
            engine = self._engines[loop] = SnmpEngine()
        return engine

    def close(self) -> None:
        """Close the sockets of every engine (call it from the loop that used it)."""
        for engine in list(self._engines.values()):
            engine.close_dispatcher()
        self._engines.clear()

    async def _address(self, engine: SnmpEngine, target: PollTarget) -> tuple[str, bytes]:
        key = (target.host, target.snmp_port)
        udp = self._targets.get(key)
        if udp is None:
            udp = await UdpTransportTarget.create(
                (target.host, target.snmp_port), timeout=self.timeout_s, retries=self.retries
            )
            self._targets[key] = udp
        creds = target.snmp
        if creds is None:
            raise SnmpError(f"{target.device}: no SNMP credentials in the inventory")
        auth: CommunityData | UsmUserData
        if creds.version == "v3":
            auth = UsmUserData(
                creds.user or "",
                authKey=creds.auth_key.get_secret_value() if creds.auth_key else None,
                privKey=creds.priv_key.get_secret_value() if creds.priv_key else None,
                authProtocol=AUTH_PROTOCOLS[creds.auth_protocol],
                privProtocol=USM_PRIV_CFB128_AES,
            )
        else:
            community = creds.community.get_secret_value() if creds.community else "public"
            auth = CommunityData(community, mpModel=1)
        context = creds.context.encode() if creds.version == "v3" else b""
        addr_name, _ = LCD.configure(engine, auth, udp, context)
        return addr_name, context

    async def _send(self, target: PollTarget, build: Any) -> VarBinds:
        engine = self._engine()
        addr_name, context = await self._address(engine, target)
        future: asyncio.Future[VarBinds] = asyncio.get_running_loop().create_future()

        def done(
            _engine: Any, _handle: Any, indication: Any, status: Any, index: Any, vbs: Any, _: Any
        ) -> None:
            if future.cancelled():
                return
            if indication:
                tries = self.retries + 1
                future.set_exception(_reason(indication, target, self.timeout_s, tries))
            elif status and int(status):
                future.set_exception(SnmpError(f"agent error {status.prettyPrint()} at {index}"))
            else:
                try:
                    future.set_result([(str(name), _value(value)) for name, value in vbs])
                except (TypeError, ValueError) as exc:  # a value type we do not know
                    future.set_exception(SnmpError(f"unreadable response: {exc}"))

        build(engine, addr_name, context, done)
        return await future

    async def get(self, target: PollTarget, oids: Sequence[str]) -> dict[str, Value]:
        """GET ``oids`` in one PDU; noSuchObject/noSuchInstance map to None."""
        varbinds = [(rfc1902.ObjectName(oid), rfc1902.Null("")) for oid in oids]
        result = await self._send(
            target,
            lambda e, a, c, cb: cmdgen.GetCommandGenerator().send_varbinds(
                e, a, None, c, varbinds, cb
            ),
        )
        return dict(result)

    async def bulk(self, target: PollTarget, oids: Sequence[str], repetitions: int) -> VarBinds:
        """GETBULK with no non-repeaters; endOfMibView maps to None."""
        varbinds = [(rfc1902.ObjectName(oid), rfc1902.Null("")) for oid in oids]
        return await self._send(
            target,
            lambda e, a, c, cb: cmdgen.BulkCommandGenerator().send_varbinds(
                e, a, None, c, 0, repetitions, varbinds, cb
            ),
        )
