"""FastTransport's SNMPv3 (USM authPriv) against pysnmp's agent on 127.0.0.1: discovery,
time window, reports as reasons, engine changes, and what pysnmp's client reads."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from collectors.snmp import (
    AutoTransport,
    FastTransport,
    PysnmpTransport,
    SnmpAuthError,
    SnmpCollector,
    SnmpTimeoutError,
)
from collectors.snmp.codec import GET_REQUEST, DecodeError, encode_pdu
from collectors.snmp.usm import usm_keys
from collectors.snmp.v3codec import (
    AUTH_PRIV,
    REPORTABLE_FLAG,
    UnauthenticMessageError,
    decode_message,
    encode_discovery,
    encode_request,
    open_scoped_pdu,
)
from netops.clock import FixedClock
from tests.unit.collectors.snmp_v3_peer import (
    AUTH_KEY,
    PRIV_KEY,
    SYS_DESCR,
    SYS_OBJECT_ID,
    SYS_UPTIME,
    USER,
    V3Agent,
    v3_agent,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyasn1.codec.ber import decoder  # type: ignore[import-untyped]
    from pysnmp.proto.mpmod.rfc3412 import SNMPv3Message  # type: ignore[import-untyped]
    from pysnmp.proto.secmod.rfc3414.service import (  # type: ignore[import-untyped]
        UsmSecurityParameters,
    )

SYSTEM = "1.3.6.1.2.1.1"


def run(body: Callable[[V3Agent, FastTransport], Awaitable[None]]) -> None:
    async def go() -> None:
        async with v3_agent() as agent:
            transport = FastTransport(timeout_s=0.5, retries=1)
            try:
                await body(agent, transport)
            finally:
                transport.close()

    asyncio.run(go())


def test_get_and_bulk_read_what_pysnmp_reads() -> None:
    async def body(agent: V3Agent, fast: FastTransport) -> None:
        reference = PysnmpTransport(timeout_s=0.5, retries=1)
        try:
            theirs = await reference.get(agent.target(), [SYS_DESCR, SYS_OBJECT_ID, "1.3.6.9.9.0"])
            their_walk = await reference.bulk(agent.target(), [SYSTEM], 4)
        finally:
            reference.close()
        ours = await fast.get(agent.target(), [SYS_DESCR, SYS_OBJECT_ID, "1.3.6.9.9.0"])
        walk = await fast.bulk(agent.target(), [SYSTEM], 4)
        assert ours == theirs and ours["1.3.6.9.9.0"] is None
        assert str(ours[SYS_DESCR]).startswith("PySNMP engine")
        assert [oid for oid, _ in walk] == [oid for oid, _ in their_walk]
        assert [v for o, v in walk if o != SYS_UPTIME] == [
            v for o, v in their_walk if o != SYS_UPTIME
        ]
        [engine] = fast.engines.values()
        assert engine.engine_id == agent.engine_id

    run(body)


def test_one_discovery_for_concurrent_requests_and_none_when_warm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    discoveries = []
    original = FastTransport._discover

    async def counting(self: FastTransport, *args: object) -> object:
        discoveries.append(args)
        return await original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(FastTransport, "_discover", counting)

    async def body(agent: V3Agent, fast: FastTransport) -> None:
        targets = [agent.target(f"sw{n}") for n in range(20)]
        first = await asyncio.gather(*(fast.get(t, [SYS_UPTIME]) for t in targets))
        second = await asyncio.gather(*(fast.get(t, [SYS_UPTIME]) for t in targets))
        assert all(isinstance(r[SYS_UPTIME], int) for r in first + second)
        assert len(discoveries) == 1
        [engine] = fast.engines.values()
        assert engine.confirmed

    run(body)


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        ({"auth_key": "wrong-auth-key"}, "SNMPv3 authentication failed (wrong auth key?)"),
        ({"priv_key": "wrong-priv-key"}, "SNMPv3 decryption failed (wrong privacy key?)"),
        ({"user": "intruder"}, "SNMPv3 authentication failed (unknown user name 'intruder')"),
        ({"auth_key": "short"}, "SNMPv3 key shorter than 8 characters"),
    ],
)
def test_wrong_credentials_are_reported_not_timed_out(
    credentials: dict[str, str], reason: str
) -> None:
    async def body(agent: V3Agent, fast: FastTransport) -> None:
        with pytest.raises(SnmpAuthError) as caught:
            await fast.get(agent.target(**credentials), [SYS_UPTIME])  # type: ignore[arg-type]
        assert str(caught.value) == reason
        assert all(secret not in reason for secret in ("wrong-auth-key", "wrong-priv-key"))
        assert await fast.get(agent.target(), [SYS_DESCR])  # the right ones still work

    run(body)


def test_not_in_time_window_resynchronizes_once_and_succeeds() -> None:
    async def body(agent: V3Agent, fast: FastTransport) -> None:
        await fast.get(agent.target(), [SYS_UPTIME])
        [engine] = fast.engines.values()
        boots, now = engine.now()
        engine.set(boots, now + 5000)  # our notion drifted (or the agent restarted)
        assert isinstance((await fast.get(agent.target(), [SYS_UPTIME]))[SYS_UPTIME], int)
        assert abs(engine.now()[1] - now) < 5
        engine.set(boots + 1, now)  # boots ahead of the agent's: it reports, we follow
        assert await fast.get(agent.target(), [SYS_UPTIME])
        assert engine.now()[0] == boots

    run(body)


def test_a_changed_engine_is_discovered_again() -> None:
    async def body(agent: V3Agent, fast: FastTransport) -> None:
        await fast.get(agent.target(), [SYS_UPTIME])
        [address] = fast.engines
        fast.engines[address].engine_id = bytes.fromhex("800000000102030405")  # stale
        assert await fast.get(agent.target(), [SYS_UPTIME])
        assert fast.engines[address].engine_id == agent.engine_id

    run(body)


def test_no_agent_is_a_plain_timeout() -> None:
    async def body(agent: V3Agent, fast: FastTransport) -> None:
        with pytest.raises(SnmpTimeoutError, match=r"^timeout after 1 s \(2 tries\)$"):
            await fast.get(agent.target(port=9), [SYS_UPTIME])

    run(body)


def test_the_collector_reports_a_wrong_key_and_polls_on_the_fast_path() -> None:
    async def body(agent: V3Agent, _: FastTransport) -> None:
        collector = SnmpCollector(FixedClock(datetime(2025, 3, 1, tzinfo=UTC)), timeout_s=0.5)
        assert isinstance(collector.transport, AutoTransport)
        assert collector.transport.pick(agent.target()) is collector.transport.fast
        try:
            good, bad = await collector.poll(
                [agent.target(), agent.target("sw4", auth_key="wrong-auth-key")]
            )
        finally:
            collector.close()
        assert good.ok and good.uptime_s is not None, good.reason
        assert not bad.ok and bad.reason == "SNMPv3 authentication failed (wrong auth key?)"

    run(body)


def test_v3_pysnmp_client_keeps_v3_on_pysnmp() -> None:
    async def body(agent: V3Agent, _: FastTransport) -> None:
        collector = SnmpCollector(FixedClock(datetime(2025, 3, 1, tzinfo=UTC)), client="v3-pysnmp")
        assert isinstance(collector.transport, AutoTransport)
        assert collector.transport.pick(agent.target()) is collector.transport.pysnmp
        try:
            [result] = await collector.poll([agent.target()])
        finally:
            collector.close()
        assert result.ok, result.reason

    run(body)


# --- messages, byte for byte against pysnmp's ASN.1 specs ------------------------------

ENGINE = bytes.fromhex("80004fb805636c6f75644d4142")


def test_requests_decode_with_pysnmps_message_spec() -> None:
    keys = usm_keys(USER, AUTH_KEY, PRIV_KEY, ENGINE)
    pdu = encode_pdu(GET_REQUEST, 77, 0, 0, [SYS_UPTIME])
    packet = encode_request(77, keys, (ENGINE, 3, 4567), bytes(range(8)), b"ctx", pdu)
    message, rest = decoder.decode(packet, asn1Spec=SNMPv3Message())
    assert rest == b""
    header = message["msgGlobalData"]
    assert int(header["msgID"]) == 77
    assert bytes(header["msgFlags"]) == bytes([AUTH_PRIV | REPORTABLE_FLAG])
    assert int(header["msgSecurityModel"]) == 3
    usm, _ = decoder.decode(
        bytes(message["msgSecurityParameters"]), asn1Spec=UsmSecurityParameters()
    )
    assert bytes(usm["msgAuthoritativeEngineId"]) == ENGINE
    assert (int(usm["msgAuthoritativeEngineBoots"]), int(usm["msgAuthoritativeEngineTime"])) == (
        3,
        4567,
    )
    assert bytes(usm["msgUserName"]) == USER.encode()
    assert bytes(usm["msgPrivacyParameters"]) == bytes(range(8))
    assert len(bytes(usm["msgAuthenticationParameters"])) == 12

    ours = decode_message(packet)
    assert (ours.msg_id, ours.engine_id, ours.boots, ours.engine_time) == (77, ENGINE, 3, 4567)
    with pytest.raises(DecodeError, match="got 0xa0"):  # authentic, decrypted: a GET, not an answer
        open_scoped_pdu(ours, packet, keys)
    tampered = bytearray(packet)
    tampered[-1] ^= 1
    with pytest.raises(UnauthenticMessageError):
        open_scoped_pdu(decode_message(bytes(tampered)), bytes(tampered), keys)
    with pytest.raises(UnauthenticMessageError):
        open_scoped_pdu(ours, packet, None)


def test_discovery_is_a_plain_empty_get() -> None:
    message, _ = decoder.decode(encode_discovery(5), asn1Spec=SNMPv3Message())
    assert bytes(message["msgGlobalData"]["msgFlags"]) == bytes([REPORTABLE_FLAG])
    usm, _ = decoder.decode(
        bytes(message["msgSecurityParameters"]), asn1Spec=UsmSecurityParameters()
    )
    assert bytes(usm["msgAuthoritativeEngineId"]) == b"" and bytes(usm["msgUserName"]) == b""
    scoped = message["msgData"]["plaintext"]
    pdu = scoped["data"].getComponent()
    assert int(pdu["request-id"]) == 5 and len(pdu["variable-bindings"]) == 0
