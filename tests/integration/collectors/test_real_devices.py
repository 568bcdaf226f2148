"""The SNMP collector against agents that answer as real Huawei and H3C switches do.

snmpsim serves our fixtures (tests/fixtures/snmp/*.snmprec, each citing the public capture
it follows in ``<name>.source.md``; facts table: docs/real-devices.md) on 127.0.0.1; the
real ``SnmpCollector`` polls them, through the fast v2c codec and through pysnmp.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from collectors.snmp import FakeAgent, FakeTransport, SnmpCollector, Value, oids
from collectors.snmp.auto import Client
from netops.clock import FixedClock
from netops.lab.processes import LOCALHOST, free_port, spawn, stop
from netops.lab.snmp import probe
from netops.monitoring.results import DevicePoll, PortReading, PortRole
from netops.monitoring.targets import PollTarget, SnmpCredentials, TargetPort

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).parents[2] / "fixtures" / "snmp"
CLIENTS: list[Client] = ["auto", "pysnmp"]
UPLINK, ACCESS, TRUNK = PortRole.UPLINK, PortRole.ACCESS, PortRole.TRUNK
CORE, AGGREGATION = PortRole.CORE, PortRole.AGGREGATION


@pytest.fixture(scope="module")
def agent_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One snmpsim responder serving every fixture; community = fixture file name."""
    root = tmp_path_factory.mktemp("real-devices")
    data = root / "data"
    data.mkdir()
    for fixture in FIXTURES.glob("*.snmprec"):
        shutil.copy(fixture, data / fixture.name)
    port = free_port(socket.SOCK_DGRAM)
    responder = Path(sys.executable).parent / "snmpsim-command-responder"
    record = spawn(
        "snmpsim-real-devices",
        [
            str(responder),
            f"--data-dir={data}",
            f"--cache-dir={root / 'cache'}",
            f"--agent-udpv4-endpoint={LOCALHOST}:{port}",
            "--log-level=error",
        ],
        root / "snmpsim.log",
        env={"SNMPSIM_ALLOW_ROOT": "true"},
    )
    try:
        deadline = time.monotonic() + 60
        while not probe.answers(port, community="vrp-s5720-uw", timeout=0.3):
            if time.monotonic() > deadline:
                log = (root / "snmpsim.log").read_text(errors="replace")[-2000:]
                raise TimeoutError(f"snmpsim did not answer: {log}")
            time.sleep(0.2)
        yield port
    finally:
        stop(record)


def target(fixture: str, vendor: str, port: int, ports: dict[str, PortRole]) -> PollTarget:
    """A poll target at the fixture's agent, with the ports an inventory would list."""
    return PollTarget(
        device=fixture,
        vendor=vendor,
        platform="huawei_vrp" if vendor == "huawei" else "h3c_comware",
        host=LOCALHOST,
        snmp_port=port,
        snmp=SnmpCredentials(community=SecretStr(fixture)),
        ports=[TargetPort(name=name, role=role) for name, role in ports.items()],
    )


def poll(targets: list[PollTarget], client: Client, rounds: int = 1) -> list[DevicePoll]:
    """Poll ``rounds`` times with one collector (the second round uses its cache)."""

    async def go() -> list[DevicePoll]:
        collector = SnmpCollector(FixedClock(datetime.now(UTC)), client=client, timeout_s=2.0)
        try:
            results: list[DevicePoll] = []
            for _ in range(rounds):
                results = await collector.poll(targets)
            return results
        finally:
            collector.close()

    return asyncio.run(go())


def by_port(result: DevicePoll) -> dict[str, PortReading]:
    assert result.ok, result.reason
    return {reading.port: reading for reading in result.ports}


@pytest.mark.parametrize("client", CLIENTS)
def test_s5720_microwatt_optics_through_entity_aliases(agent_port: int, client: Client) -> None:
    ports = {
        "XGigabitEthernet0/0/1": UPLINK,
        "XGigabitEthernet0/0/2": TRUNK,
        "XGigabitEthernet0/0/3": UPLINK,  # empty cage: -1
        "GigabitEthernet0/0/1": ACCESS,
        "GigabitEthernet0/0/2": ACCESS,
        "GigabitEthernet0/0/48": ACCESS,  # not on this device
    }
    [result] = poll([target("vrp-s5720-uw", "huawei", agent_port, ports)], client)
    got = by_port(result)
    uplink = got["XGigabitEthernet0/0/1"]
    assert uplink.if_index == 54 and uplink.oper_up and uplink.admin_up
    # ifSpeed is saturated (4294967295): the speed comes from ifHighSpeed.
    assert (uplink.speed_mbps, uplink.duplex) == (10_000, "full")
    assert (uplink.in_octets, uplink.counter_bits) == (34_313_072_113, 64)
    # 536 uW and 562 uW, as the S5720 reports them.
    assert (uplink.rx_dbm, uplink.tx_dbm) == (-2.71, -2.5)  # rounded to 0.01 dB
    assert got["XGigabitEthernet0/0/2"].rx_dbm == pytest.approx(-2.19)
    assert (got["XGigabitEthernet0/0/3"].rx_dbm, got["XGigabitEthernet0/0/3"].oper_up) == (
        None,
        False,
    )
    access = got["GigabitEthernet0/0/1"]
    assert (access.speed_mbps, access.in_errors, access.rx_dbm) == (1000, 2, None)
    assert (got["GigabitEthernet0/0/2"].admin_up, got["GigabitEthernet0/0/2"].oper_up) == (
        False,
        False,
    )
    assert got["GigabitEthernet0/0/48"] == PortReading(port="GigabitEthernet0/0/48", role=ACCESS)
    assert result.uptime_s == pytest.approx(1_815_233.0)


@pytest.mark.parametrize("client", CLIENTS)
def test_ce_switch_hundredths_of_dbm_and_vrp8_names(agent_port: int, client: Client) -> None:
    ports = {
        "10GE1/0/1": UPLINK,
        "10GE1/0/2": AGGREGATION,
        "100GE1/0/1": CORE,
        "Eth-Trunk1": TRUNK,
    }
    [result] = poll([target("vrp-ce-centidbm", "huawei", agent_port, ports)], client)
    got = by_port(result)
    assert (got["10GE1/0/1"].rx_dbm, got["10GE1/0/1"].tx_dbm) == (-2.45, -1.8)
    assert (got["10GE1/0/1"].in_discards, got["10GE1/0/1"].out_discards) == (3, 11)
    assert (got["100GE1/0/1"].rx_dbm, got["100GE1/0/1"].tx_dbm) == (-1.21, -0.25)
    assert got["100GE1/0/1"].speed_mbps == 100_000
    assert got["10GE1/0/2"].rx_dbm is None  # -1: no module
    trunk = got["Eth-Trunk1"]
    assert (trunk.speed_mbps, trunk.duplex, trunk.rx_dbm) == (20_000, None, None)


@pytest.mark.parametrize("client", CLIENTS)
def test_old_huawei_without_ifxtable_uses_ifdescr_and_32_bits(
    agent_port: int, client: Client
) -> None:
    ports = {"Ethernet0/0/1": ACCESS, "Ethernet0/0/2": ACCESS, "GigabitEthernet0/0/1": UPLINK}
    targets = [target("vrp-s2700-legacy", "huawei", agent_port, ports)]
    for result in (poll(targets, client)[0], poll(targets, client, rounds=2)[0]):
        got = by_port(result)
        fe = got["Ethernet0/0/1"]
        assert (fe.if_index, fe.counter_bits, fe.in_octets, fe.out_octets) == (
            3,
            32,
            4_294_960_000,
            1_234_567,
        )
        assert (fe.speed_mbps, fe.duplex, fe.in_errors, fe.out_errors) == (100, "half", 7, 1)
        # A row without ifSpeed, octets, errors or duplex: state only, no crash.
        bare = got["Ethernet0/0/2"]
        assert (bare.oper_up, bare.speed_mbps, bare.in_octets, bare.duplex) == (
            True,
            None,
            None,
            None,
        )
        assert bare.in_errors is None
        uplink = got["GigabitEthernet0/0/1"]
        assert (uplink.speed_mbps, uplink.counter_bits, uplink.rx_dbm) == (1000, 32, None)


@pytest.mark.parametrize("client", CLIENTS)
def test_comware7_transceivers_by_ifindex(agent_port: int, client: Client) -> None:
    ports = {
        "Ten-GigabitEthernet1/0/1": UPLINK,
        "Ten-GigabitEthernet1/0/3": UPLINK,
        "Route-Aggregation25": CORE,
    }
    [result] = poll([target("comware-5700", "h3c", agent_port, ports)], client)
    got = by_port(result)
    uplink = got["Ten-GigabitEthernet1/0/1"]
    assert (uplink.rx_dbm, uplink.tx_dbm) == (-8.34, -2.51)
    assert (uplink.speed_mbps, uplink.in_octets, uplink.counter_bits) == (10_000, 123456789012, 64)
    assert got["Ten-GigabitEthernet1/0/3"].rx_dbm is None  # 2147483647: unavailable
    agg = got["Route-Aggregation25"]
    assert (agg.speed_mbps, agg.duplex, agg.rx_dbm) == (20_000, None, None)


@pytest.mark.parametrize("client", CLIENTS)
def test_comware_access_switch_names_duplex_and_missing_readings(
    agent_port: int, client: Client
) -> None:
    ports = {
        "GE1/0/2": ACCESS,  # inventory short form of GigabitEthernet1/0/2
        "GigabitEthernet1/0/3": ACCESS,
        "Ten-GigabitEthernet1/0/25": UPLINK,
        "Ten-GigabitEthernet1/0/26": TRUNK,
    }
    [result] = poll([target("comware-s5130", "h3c", agent_port, ports)], client)
    got = by_port(result)
    terminal = got["GE1/0/2"]
    assert (terminal.if_index, terminal.speed_mbps, terminal.duplex) == (2, 100, "half")
    assert (terminal.in_errors, terminal.out_errors) == (41, 3)
    down = got["GigabitEthernet1/0/3"]
    assert (down.admin_up, down.oper_up, down.duplex) == (False, False, "unknown")
    assert (got["Ten-GigabitEthernet1/0/25"].rx_dbm, got["Ten-GigabitEthernet1/0/25"].tx_dbm) == (
        -7.12,
        -2.45,
    )
    # A module without a receive reading still reports its transmit power.
    assert (got["Ten-GigabitEthernet1/0/26"].rx_dbm, got["Ten-GigabitEthernet1/0/26"].tx_dbm) == (
        None,
        -2.33,
    )


@pytest.mark.parametrize("client", CLIENTS)
def test_comware3_without_hc_counters_or_transceiver_mib(agent_port: int, client: Client) -> None:
    ports = {"Ethernet1/0/1": ACCESS, "GigabitEthernet1/1/1": UPLINK}
    [result] = poll([target("comware3-legacy", "h3c", agent_port, ports)], client, rounds=2)
    got = by_port(result)
    fe = got["Ethernet1/0/1"]
    assert (fe.counter_bits, fe.in_octets, fe.speed_mbps, fe.duplex) == (
        32,
        2_000_000_000,
        100,
        "full",
    )
    uplink = got["GigabitEthernet1/1/1"]
    assert (uplink.counter_bits, uplink.speed_mbps, uplink.rx_dbm, uplink.tx_dbm) == (
        32,
        1000,
        None,
        None,
    )


def test_all_real_devices_in_one_cycle(agent_port: int) -> None:
    targets = [
        target("vrp-s5720-uw", "huawei", agent_port, {"XGigabitEthernet0/0/1": UPLINK}),
        target("vrp-ce-centidbm", "huawei", agent_port, {"10GE1/0/1": UPLINK}),
        target("vrp-s2700-legacy", "huawei", agent_port, {"GigabitEthernet0/0/1": UPLINK}),
        target("comware-5700", "h3c", agent_port, {"Ten-GigabitEthernet1/0/1": UPLINK}),
        target("comware-s5130", "h3c", agent_port, {"Ten-GigabitEthernet1/0/25": UPLINK}),
        target("comware3-legacy", "h3c", agent_port, {"GigabitEthernet1/1/1": UPLINK}),
    ]
    results = poll(targets, "auto")
    assert {r.device: r.reason for r in results if not r.ok} == {}
    assert [r.ports[0].oper_up for r in results] == [True] * 6


def load_snmprec(name: str) -> dict[str, Value]:
    """A fixture's records as collector values (comment lines skipped, as snmpsim does)."""
    values: dict[str, Value] = {}
    for line in (FIXTURES / f"{name}.snmprec").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        oid, tag, raw = line.split("|", 2)
        if tag in {"2", "65", "66", "67", "70"}:
            values[oid] = int(raw)
        elif tag == "4x":
            values[oid] = bytes.fromhex(raw).decode("utf-8", "replace")
        else:
            values[oid] = raw
    return values


def test_no_ifhighspeed_falls_back_to_ifspeed_unless_saturated() -> None:
    # The S5720's records without its ifHighSpeed column: 1G ports take ifSpeed, 10G ports
    # (ifSpeed saturated at 4294967295) stay unknown rather than "4294 Mb/s".
    values = {
        oid: value
        for oid, value in load_snmprec("vrp-s5720-uw").items()
        if not oid.startswith(oids.IF_HIGH_SPEED + ".")
    }
    device = target("vrp-s5720-uw", "huawei", 161, {"GigabitEthernet0/0/1": ACCESS})
    device = device.model_copy(
        update={"ports": [*device.ports, TargetPort(name="XGigabitEthernet0/0/1", role=UPLINK)]}
    )
    transport = FakeTransport({device.device: FakeAgent(values=values)})

    async def go() -> DevicePoll:
        collector = SnmpCollector(FixedClock(datetime.now(UTC)), transport=transport)
        return (await collector.poll([device]))[0]

    got = by_port(asyncio.run(go()))
    assert (got["GigabitEthernet0/0/1"].speed_mbps, got["GigabitEthernet0/0/1"].counter_bits) == (
        1000,
        64,
    )
    assert got["XGigabitEthernet0/0/1"].speed_mbps is None
