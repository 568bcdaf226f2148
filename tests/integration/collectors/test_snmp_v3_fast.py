"""SNMPv3 on the fast path against the lab's agents (snmpsim, pysnmp's USM, contextName per
device): what pysnmp reads, one discovery per responder, wrong credentials as reasons."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from collectors.snmp import AutoTransport, SnmpCollector
from netops.clock import FixedClock
from netops.monitoring.results import DevicePoll
from netops.monitoring.targets import PollTarget
from tests.integration.conftest import RunningLab

pytestmark = pytest.mark.integration


def v3_targets(lab: RunningLab) -> list[PollTarget]:
    targets = [t for t in lab.targets if t.snmp is not None and t.snmp.version == "v3"]
    assert targets, "the session lab has v3 devices (v3_share=0.2)"
    return targets


def poll(client: str, targets: list[PollTarget]) -> tuple[dict[str, DevicePoll], SnmpCollector]:
    async def go() -> tuple[list[DevicePoll], SnmpCollector]:
        collector = SnmpCollector(FixedClock(datetime.now(UTC)), client=client)  # type: ignore[arg-type]
        try:
            return await collector.poll(targets), collector
        finally:
            collector.close()

    results, collector = asyncio.run(go())
    return {r.device: r for r in results}, collector


def test_fast_v3_reads_what_pysnmp_reads_with_one_discovery_per_responder(
    lab: RunningLab,
) -> None:
    targets = v3_targets(lab)
    first, _ = poll("pysnmp", targets)
    fast, collector = poll("auto", targets)
    last, _ = poll("pysnmp", targets)
    assert isinstance(collector.transport, AutoTransport)
    engines = collector.transport.fast.engines
    assert len(engines) == len({(t.host, t.snmp_port) for t in targets})  # one per responder
    state = ("if_index", "admin_up", "oper_up", "speed_mbps", "duplex", "counter_bits")
    for device, reading in fast.items():
        assert reading.ok and first[device].ok and last[device].ok, reading.reason
        assert reading.varbinds == last[device].varbinds
        assert first[device].uptime_s <= reading.uptime_s <= last[device].uptime_s  # type: ignore[operator]
        for before, port, after in zip(
            first[device].ports, reading.ports, last[device].ports, strict=True
        ):
            for name in state:
                assert getattr(before, name) == getattr(port, name) == getattr(after, name), name
            low, mid, high = before.in_octets, port.in_octets, after.in_octets
            assert low is None or low <= mid <= high  # type: ignore[operator]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"auth_key": "wrong-key-123"}, "SNMPv3 authentication failed (wrong auth key?)"),
        ({"priv_key": "wrong-key-123"}, "SNMPv3 decryption failed (wrong privacy key?)"),
        ({"user": "intruder"}, "SNMPv3 authentication failed (unknown user name 'intruder')"),
    ],
)
def test_wrong_v3_credentials_are_reported_on_the_fast_path(
    lab: RunningLab, change: dict[str, str], reason: str
) -> None:
    target = v3_targets(lab)[0]
    assert target.snmp is not None
    update: dict[str, object] = {
        k: SecretStr(v) if k.endswith("_key") else v for k, v in change.items()
    }
    wrong = target.model_copy(update={"snmp": target.snmp.model_copy(update=update)})
    results, _ = poll("auto", [wrong])
    bad = results[wrong.device]
    assert not bad.ok
    assert bad.reason == reason
    assert "wrong-key" not in (bad.reason or "")
