"""A pysnmp SNMPv3 agent (authPriv, HMAC-SHA-96 + AES-128) on 127.0.0.1 for transport tests.

pysnmp's own USM answers here: engine discovery, time window, MACs, encryption and
reports are another implementation's, so a test passing through it checks ours.
It serves pysnmp's built-in SNMPv2-MIB (sysDescr, sysObjectID, sysUpTime, ...).
"""

from __future__ import annotations

import socket
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pysnmp.carrier.asyncio.dgram import udp  # type: ignore[import-untyped]
    from pysnmp.entity import config, engine  # type: ignore[import-untyped]
    from pysnmp.entity.rfc3413 import cmdrsp, context  # type: ignore[import-untyped]

from pydantic import SecretStr

from netops.monitoring.targets import PollTarget, SnmpCredentials

USER, AUTH_KEY, PRIV_KEY = "netops", "auth-pass-123", "priv-pass-456"
SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME = "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.1.3.0"


@dataclass
class V3Agent:
    """A running pysnmp agent and targets pointing at it."""

    engine: engine.SnmpEngine
    port: int

    def target(
        self,
        device: str = "sw3",
        *,
        user: str = USER,
        auth_key: str = AUTH_KEY,
        priv_key: str = PRIV_KEY,
        port: int | None = None,
    ) -> PollTarget:
        """A v3 authPriv target at this agent (or at ``port``)."""
        return PollTarget(
            device=device,
            vendor="huawei",
            platform="x",
            host="127.0.0.1",
            snmp_port=port or self.port,
            snmp=SnmpCredentials(
                version="v3",
                user=user,
                auth_key=SecretStr(auth_key),
                priv_key=SecretStr(priv_key),
            ),
            ports=[],
        )

    @property
    def engine_id(self) -> bytes:
        """The agent's snmpEngineID."""
        (engine_id,) = self.engine.get_mib_builder().import_symbols(
            "__SNMP-FRAMEWORK-MIB", "snmpEngineID"
        )
        return bytes(engine_id.syntax)


@asynccontextmanager
async def v3_agent() -> AsyncIterator[V3Agent]:
    """A pysnmp command responder on an ephemeral 127.0.0.1 port, closed afterwards."""
    snmp = engine.SnmpEngine()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = udp.UdpAsyncioTransport().open_server_mode(sock=sock)
    config.add_transport(snmp, udp.DOMAIN_NAME, server)
    config.add_v3_user(
        snmp,
        USER,
        config.USM_AUTH_HMAC96_SHA,
        AUTH_KEY,
        config.USM_PRIV_CFB128_AES,
        PRIV_KEY,
    )
    config.add_vacm_user(snmp, 3, USER, "authPriv", (1, 3, 6), (1, 3, 6))
    snmp_context = context.SnmpContext(snmp)
    cmdrsp.GetCommandResponder(snmp, snmp_context)
    cmdrsp.BulkCommandResponder(snmp, snmp_context)
    snmp.open_dispatcher()
    try:
        yield V3Agent(snmp, port)
    finally:
        snmp.close_dispatcher()
        sock.close()
