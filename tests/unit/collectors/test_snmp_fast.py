"""FastTransport against a scriptable agent on 127.0.0.1 (pysnmp's codec on the far side):
request-id matching, strays, timeouts and retries, agent errors, and per-target routing."""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import SecretStr

from collectors.snmp import (
    AutoTransport,
    FastTransport,
    PysnmpTransport,
    SnmpCollector,
    SnmpError,
    SnmpTimeoutError,
)
from collectors.snmp.codec import encode_get
from netops.clock import FixedClock
from netops.monitoring.targets import SnmpCredentials
from tests.unit.collectors.snmp_peer import Peer, peer

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyasn1.codec.ber import encoder  # type: ignore[import-untyped]
    from pysnmp.proto.api import v2c  # type: ignore[import-untyped]

UPTIME, OBJECT_ID = "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.2.0"
HC_IN = "1.3.6.1.2.1.31.1.1.1.6"
VALUES: dict[str, Any] = {
    UPTIME: v2c.TimeTicks(123_456),
    OBJECT_ID: v2c.ObjectIdentifier("1.3.6.1.4.1.2011.2.23.536"),
    f"{HC_IN}.1": v2c.Counter64(2**64 - 1),
    f"{HC_IN}.2": v2c.Counter64(17),
    "1.3.6.1.4.1.25506.2.70.1.1.1.12.1": v2c.Integer(-1234),
    "1.3.6.1.2.1.31.1.1.1.18.1": v2c.OctetString(b""),
}


def run(body: Callable[[Peer], Awaitable[None]], values: dict[str, Any] | None = None) -> None:
    async def go() -> None:
        async with peer(VALUES if values is None else values) as agent:
            await body(agent)

    asyncio.run(go())


def test_get_returns_the_collectors_plain_types() -> None:
    async def body(agent: Peer) -> None:
        transport = FastTransport(timeout_s=0.5, retries=0)
        try:
            got = await transport.get(agent.target(), [*VALUES, "1.3.6.1.2.1.1.9.0"])
        finally:
            transport.close()
        assert got == {
            UPTIME: 123_456,
            OBJECT_ID: "1.3.6.1.4.1.2011.2.23.536",
            f"{HC_IN}.1": 2**64 - 1,
            f"{HC_IN}.2": 17,
            "1.3.6.1.4.1.25506.2.70.1.1.1.12.1": -1234,
            "1.3.6.1.2.1.31.1.1.1.18.1": "",
            "1.3.6.1.2.1.1.9.0": None,
        }

    run(body)


def test_fast_and_pysnmp_give_equal_results_for_get_and_bulk() -> None:
    async def body(agent: Peer) -> None:
        results = []
        for transport in (FastTransport(0.5, 0), PysnmpTransport(0.5, 0)):
            try:
                got = await transport.get(agent.target(), [*VALUES, "1.3.6.1.2.1.1.9.0"])
                walked = await transport.bulk(agent.target(), [HC_IN], 10)
                results.append((got, walked))
            finally:
                transport.close()
        assert results[0] == results[1]
        assert results[0][1][-1] == (HC_IN, None)  # endOfMibView after the table

    run(body)


def test_concurrent_requests_get_their_own_answers_even_out_of_order() -> None:
    values = {f"{HC_IN}.{i}": v2c.Counter64(i * 1000) for i in range(1, 21)}

    async def body(agent: Peer) -> None:
        agent.batch = 20  # answers held, then sent newest first
        transport = FastTransport(timeout_s=2, retries=0)
        try:
            answers = await asyncio.gather(
                *(transport.get(agent.target(f"sw{i}"), [f"{HC_IN}.{i}"]) for i in range(1, 21))
            )
        finally:
            transport.close()
        assert answers == [{f"{HC_IN}.{i}": i * 1000} for i in range(1, 21)]
        assert len(set(agent.requests)) == 20  # one request-id each

    run(body, values)


def test_strays_garbage_and_other_communities_are_ignored() -> None:
    async def body(agent: Peer) -> None:
        # Before each answer: garbage, an answer to a request-id nobody sent, and one for
        # a request-id in flight but another community (neither may complete a request).
        agent.before = [b"\x00garbage", bytes(encode_get(b"public", 5, [UPTIME]))]
        transport = FastTransport(timeout_s=1, retries=0)
        try:
            assert await transport.get(agent.target(), [UPTIME]) == {UPTIME: 123_456}
            request_id = agent.requests[-1] + 1  # the next one the transport will use
            agent.before = [answer(request_id, b"other", 999)]
            assert await transport.get(agent.target(), [UPTIME]) == {UPTIME: 123_456}
            assert agent.requests[-1] == request_id
        finally:
            transport.close()

    run(body)


def answer(request_id: int, community: bytes, uptime: int) -> bytes:
    message = v2c.Message()
    v2c.apiMessage.set_defaults(message)
    v2c.apiMessage.set_community(message, community)
    pdu = v2c.ResponsePDU()
    v2c.apiPDU.set_defaults(pdu)
    v2c.apiPDU.set_request_id(pdu, request_id)
    v2c.apiPDU.set_varbinds(pdu, [(UPTIME, v2c.TimeTicks(uptime))])
    v2c.apiMessage.set_pdu(message, pdu)
    return bytes(encoder.encode(message))


def test_a_lost_datagram_is_sent_again_with_the_same_request_id() -> None:
    async def body(agent: Peer) -> None:
        agent.drop = 1
        transport = FastTransport(timeout_s=0.2, retries=1)
        try:
            started = time.monotonic()
            assert await transport.get(agent.target(), [UPTIME]) == {UPTIME: 123_456}
            assert 0.15 < time.monotonic() - started < 1.5
        finally:
            transport.close()
        assert len(agent.requests) == 2
        assert agent.requests[0] == agent.requests[1]

    run(body)


def test_no_answer_is_the_same_timeout_as_pysnmps() -> None:
    async def body(agent: Peer) -> None:
        agent.drop = -1  # never answers
        reasons = []
        for transport in (FastTransport(0.2, 2), PysnmpTransport(0.2, 2)):
            started = time.monotonic()
            try:
                with pytest.raises(SnmpTimeoutError) as caught:
                    await transport.get(agent.target(), [UPTIME])
            finally:
                transport.close()
            reasons.append(str(caught.value))
            assert 0.5 < time.monotonic() - started < 3
        assert reasons == ["timeout after 0.6 s (3 tries)"] * 2
        assert len(agent.requests) == 6  # 3 tries each

    run(body)


def test_a_wrong_community_times_out() -> None:
    async def body(agent: Peer) -> None:
        transport = FastTransport(timeout_s=0.1, retries=0)
        try:
            with pytest.raises(SnmpTimeoutError, match=r"timeout after 0.1 s \(1 tries\)"):
                await transport.get(agent.target(community="wrong"), [UPTIME])
        finally:
            transport.close()

    run(body)


def test_an_error_status_is_the_same_snmp_error_as_pysnmps() -> None:
    async def body(agent: Peer) -> None:
        agent.error_status = 1  # tooBig
        reasons = []
        for transport in (FastTransport(0.5, 0), PysnmpTransport(0.5, 0)):
            try:
                with pytest.raises(SnmpError) as caught:
                    await transport.get(agent.target(), [UPTIME, OBJECT_ID])
            finally:
                transport.close()
            reasons.append(str(caught.value))
        assert reasons == ["agent error tooBig at 1"] * 2

    run(body)


def test_a_cancelled_request_leaves_nothing_pending() -> None:
    async def body(agent: Peer) -> None:
        agent.drop = -1
        transport = FastTransport(timeout_s=5, retries=3)
        try:
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.1):  # the collector's device budget
                    await transport.get(agent.target(), [UPTIME])
            [sockets] = transport._loops.values()
            assert all(not e.pending for e in sockets.endpoints.values())
            assert len(agent.requests) == 1
        finally:
            transport.close()

    run(body)


def test_closing_fails_requests_in_flight() -> None:
    async def body(agent: Peer) -> None:
        agent.drop = -1
        transport = FastTransport(timeout_s=5, retries=0)
        task = asyncio.create_task(transport.get(agent.target(), [UPTIME]))
        while not agent.requests:
            await asyncio.sleep(0.01)
        transport.close()
        with pytest.raises(SnmpError, match="transport closed"):
            await task

    run(body)


def test_one_socket_serves_every_device_and_a_new_loop_gets_its_own() -> None:
    transport = FastTransport(timeout_s=1, retries=0)

    async def body(agent: Peer) -> None:
        try:
            for device in ("a", "b", "c"):
                await transport.get(agent.target(device), [UPTIME])
            [sockets] = transport._loops.values()
            assert len(sockets.endpoints) == 1
        finally:
            transport.close()

    run(body)
    run(body)  # asyncio.run again: a fresh loop, fresh socket


def test_auto_routes_v3_to_the_fast_path_and_v3_pysnmp_to_pysnmp() -> None:
    async def body(agent: Peer) -> None:
        v2 = agent.target()
        v3 = v2.model_copy(
            update={"snmp": SnmpCredentials(version="v3", user="u", auth_key=SecretStr("k" * 8))}
        )
        auto = AutoTransport(timeout_s=0.2, retries=0)
        legacy = AutoTransport(timeout_s=0.2, retries=0, v3_on_pysnmp=True)
        try:
            assert auto.pick(v2) is auto.fast and auto.pick(v3) is auto.fast
            assert legacy.pick(v2) is legacy.fast and legacy.pick(v3) is legacy.pysnmp
            assert await auto.get(v2, [UPTIME]) == {UPTIME: 123_456}
        finally:
            auto.close()
            legacy.close()

    run(body)


def test_no_credentials_is_the_same_error_as_pysnmps() -> None:
    async def body(agent: Peer) -> None:
        target = agent.target().model_copy(update={"snmp": None})
        reasons = []
        for transport in (FastTransport(0.2, 0), PysnmpTransport(0.2, 0)):
            try:
                with pytest.raises(SnmpError) as caught:
                    await transport.get(target, [UPTIME])
            finally:
                transport.close()
            reasons.append(str(caught.value))
        assert reasons == ["sw1: no SNMP credentials in the inventory"] * 2

    run(body)


def test_the_collector_picks_auto_by_default_and_pysnmp_on_request() -> None:
    clock = FixedClock(datetime(2025, 3, 1, tzinfo=UTC))
    assert isinstance(SnmpCollector(clock).transport, AutoTransport)
    assert isinstance(SnmpCollector(clock, client="pysnmp").transport, PysnmpTransport)
    with pytest.raises(ValueError, match="unknown SNMP client"):
        SnmpCollector(clock, client="net-snmp")  # type: ignore[arg-type]


def test_the_collector_polls_through_the_fast_path() -> None:
    values = dict(VALUES)
    values["1.3.6.1.2.1.31.1.1.1.1.1"] = v2c.OctetString("GE0/0/1")

    async def body(agent: Peer) -> None:
        collector = SnmpCollector(FixedClock(datetime(2025, 3, 1, tzinfo=UTC)), timeout_s=0.5)
        try:
            [result] = await collector.poll([agent.target()])
        finally:
            collector.close()
        assert result.ok, result.reason
        assert result.uptime_s == 1234.56

    run(body, values)
