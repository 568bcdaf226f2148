"""The SNMP collector against the session lab's agents (v2c and v3, Huawei/H3C/Ruijie/Cisco)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from collectors.rates import device_rates
from collectors.snmp import AutoTransport, PysnmpTransport, SnmpCollector
from netops.clock import FixedClock
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.lab.state import LabState
from netops.monitoring.results import DevicePoll
from netops.monitoring.targets import PollTarget
from tests.integration.conftest import RunningLab

pytestmark = pytest.mark.integration


def run(
    targets: list[PollTarget], clock: FixedClock | None = None, **options: float
) -> list[DevicePoll]:
    async def go() -> list[DevicePoll]:
        collector = SnmpCollector(clock or FixedClock(datetime.now(UTC)), **options)  # type: ignore[arg-type]
        try:
            return await collector.poll(targets)
        finally:
            collector.close()

    return asyncio.run(go())


def test_every_device_ok_and_values_match_the_lab_state(lab: RunningLab) -> None:
    results = run(lab.targets)
    assert {r.device: r.reason for r in results if not r.ok} == {}
    assert any(t.snmp is not None and t.snmp.version == "v3" for t in lab.targets)
    state = LabState(lab.file.state)
    try:
        for result in results:
            ports = {p.name: p for p in state.ports(result.device)}
            for reading in result.ports:
                truth = ports[reading.port]
                assert reading.if_index == truth.if_index
                assert reading.oper_up == truth.oper_up, (result.device, reading.port)
                assert reading.admin_up == truth.admin_up
                if truth.oper_up:
                    assert reading.speed_mbps == truth.oper_mbps
                    assert reading.duplex == truth.oper_duplex
                if truth.rx_dbm is not None and result.device.split("-")[0] in {"qxn", "xy"}:
                    pass  # optics are checked below for the vendors that serve them
    finally:
        state.close()
    with_optics = [p for r in results for p in r.ports if p.rx_dbm is not None]
    assert with_optics, "Huawei/H3C fiber ports report optics"
    assert all(-40 < (p.rx_dbm or 0) < 5 for p in with_optics)
    assert sum(r.varbinds for r in results) > 0


def test_wrong_v3_key_is_an_authentication_failure(lab: RunningLab) -> None:
    v3 = next(t for t in lab.targets if t.snmp is not None and t.snmp.version == "v3")
    assert v3.snmp is not None
    wrong = v3.model_copy(
        update={"snmp": v3.snmp.model_copy(update={"auth_key": SecretStr("wrong-key-123")})}
    )
    [result] = run([wrong])
    assert not result.ok
    assert "authentication" in (result.reason or "")
    assert "wrong-key" not in (result.reason or "")


def test_device_down_fails_within_budget_others_ok(clean_lab: RunningLab) -> None:
    victim = clean_lab.targets[1].device
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, victim)
    started = time.monotonic()
    results = run(clean_lab.targets, timeout_s=1.0, retries=1)
    elapsed = time.monotonic() - started
    failed = {r.device: r.reason for r in results if not r.ok}
    assert list(failed) == [victim]
    assert (failed[victim] or "").startswith("timeout after")
    # Within its budget (timeout x tries x 5), though the loop is busy with the others.
    assert next(r for r in results if r.device == victim).duration_s < 10
    assert elapsed < 30


def test_counter_reset_gives_a_gap_not_a_spike(clean_lab: RunningLab) -> None:
    target = next(t for t in clean_lab.targets if t.ports)
    clock = FixedClock(datetime.now(UTC))
    collector = SnmpCollector(clock)

    async def two_polls() -> tuple[DevicePoll, DevicePoll]:
        try:
            [before] = await collector.poll([target])
            inject_fault(
                clean_lab.inventory, clean_lab.directory, FaultKind.COUNTER_RESET, target.device
            )
            await asyncio.sleep(1.5)  # the responder re-reads the state at its next request
            clock.advance(60)
            [after] = await collector.poll([target])
            return before, after
        finally:
            collector.close()

    before, after = asyncio.run(two_polls())
    assert before.ok and after.ok
    rates = device_rates(before, after)
    assert rates and all(r.in_bps is None and r.out_bps is None for r in rates.values())


def test_a_fifth_of_devices_down_cycle_still_completes_quickly(clean_lab: RunningLab) -> None:
    down = [t.device for t in clean_lab.targets[::5]]
    for device in down:
        inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, device)
    started = time.monotonic()
    results = run(clean_lab.targets)
    elapsed = time.monotonic() - started
    assert {r.device for r in results if not r.ok} == set(down)
    assert elapsed < 30


def test_fast_path_reads_what_pysnmp_reads(lab: RunningLab) -> None:
    """pysnmp, fast, pysnmp on the same v2c devices: equal state, counters never going back."""
    v2c = [t for t in lab.targets if t.snmp is not None and t.snmp.version == "v2c" and t.ports]
    targets = [*v2c[:4], *(t for t in v2c if t.vendor in {"huawei", "h3c"})][:8]

    def poll(client: str) -> dict[str, DevicePoll]:
        async def go() -> list[DevicePoll]:
            clock = FixedClock(datetime.now(UTC))
            collector = SnmpCollector(clock, client=client)  # type: ignore[arg-type]
            assert isinstance(collector.transport, AutoTransport | PysnmpTransport)
            try:
                return await collector.poll(targets)
            finally:
                collector.close()

        return {r.device: r for r in asyncio.run(go())}

    first, fast, last = poll("pysnmp"), poll("auto"), poll("pysnmp")
    counters = ("in_octets", "out_octets", "in_errors", "out_errors", "in_discards", "out_discards")
    state = ("if_index", "admin_up", "oper_up", "speed_mbps", "duplex", "counter_bits")
    assert any(p.rx_dbm is not None for r in fast.values() for p in r.ports)
    for device, reading in fast.items():
        assert reading.ok and first[device].ok and last[device].ok, reading.reason
        assert reading.varbinds == last[device].varbinds
        assert reading.uptime_s is not None
        assert first[device].uptime_s <= reading.uptime_s <= last[device].uptime_s  # type: ignore[operator]
        for before, port, after in zip(
            first[device].ports, reading.ports, last[device].ports, strict=True
        ):
            assert port.port == before.port == after.port
            for name in state:
                assert getattr(before, name) == getattr(port, name) == getattr(after, name), name
            for name in counters:
                low, mid, high = (getattr(p, name) for p in (before, port, after))
                assert (low is None) == (mid is None) == (high is None), name
                assert low is None or low <= mid <= high, (device, port.port, name)
            for name in ("rx_dbm", "tx_dbm"):  # optics may move a little between polls
                assert (getattr(before, name) is None) == (getattr(port, name) is None), name
