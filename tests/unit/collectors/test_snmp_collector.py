"""The SNMP collector against FakeTransport: discovery, re-discovery, optics, old gear, errors.

Device facts reproduced from public captures (LibreNMS tests/snmpsim): Huawei VRP ifName
is the short form (``GE0/0/1``) while ifDescr is long; H3C Comware names 10G ports
``Ten-GigabitEthernet1/0/49`` (comware.snmprec); Huawei optics are indexed by
entPhysicalIndex and mapped to ifIndex through entAliasMappingIdentifier; old VRP
firmware reports hwEntityOpticalRxPower in uW (LibreNMS vrp.inc.php converts values >= 0
with uw_to_dbm) and -1 when it cannot measure.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from collectors.snmp import (
    FakeAgent,
    FakeTransport,
    SnmpAuthError,
    SnmpCollector,
    SnmpTimeoutError,
    oids,
)
from collectors.snmp.names import canonical
from collectors.snmp.transport import Value
from netops.clock import FixedClock
from netops.monitoring.results import DevicePoll, PortRole
from netops.monitoring.targets import PollTarget, TargetPort

CLOCK = FixedClock(datetime(2025, 3, 1, tzinfo=UTC))
HUAWEI, H3C = "1.3.6.1.4.1.2011.2.23.536", "1.3.6.1.4.1.25506.11.1.172"


def target(device: str, *ports: tuple[str, PortRole], vendor: str = "huawei") -> PollTarget:
    return PollTarget(
        device=device,
        vendor=vendor,
        platform="x",
        host="127.0.0.1",
        ports=[TargetPort(name=n, role=r) for n, r in ports],
    )


def interface(values: dict[str, Value], index: int, name: str, *, hc: bool = True) -> None:
    row: dict[str, Value] = {
        oids.IF_NAME: name,
        oids.IF_ADMIN_STATUS: 1,
        oids.IF_OPER_STATUS: 1,
        oids.DOT3_DUPLEX: 3,
        oids.IF_IN_ERRORS: 1,
        oids.IF_OUT_ERRORS: 2,
        oids.IF_IN_DISCARDS: 3,
        oids.IF_OUT_DISCARDS: 4,
        oids.IF_IN_OCTETS: 1_000 + index,
        oids.IF_OUT_OCTETS: 2_000 + index,
        oids.IF_SPEED: 100_000_000,
    }
    if hc:
        row |= {
            oids.IF_HIGH_SPEED: 1000,
            oids.IF_HC_IN_OCTETS: 2**40 + index,
            oids.IF_HC_OUT_OCTETS: 2**41 + index,
        }
    for column, value in row.items():
        values[f"{column}.{index}"] = value


def agent(sys_object_id: str, uptime: int = 100_000) -> FakeAgent:
    return FakeAgent(values={oids.SYS_UPTIME: uptime, oids.SYS_OBJECT_ID: sys_object_id})


def poll(collector: SnmpCollector, *targets: PollTarget) -> list[DevicePoll]:
    return asyncio.run(collector.poll(targets))


def test_discovers_if_index_by_name_and_reads_every_column() -> None:
    sw = agent(HUAWEI)
    interface(sw.values, 7, "GE0/0/1")  # VRP ifName is the short form
    interface(sw.values, 9, "GE0/0/2")
    fake = FakeTransport({"sw": sw})
    collector = SnmpCollector(CLOCK, transport=fake)
    [result] = poll(collector, target("sw", ("GigabitEthernet0/0/2", PortRole.ACCESS)))
    assert result.ok, result.reason
    assert result.uptime_s == 1_000
    [port] = result.ports
    assert (port.if_index, port.admin_up, port.oper_up, port.duplex) == (9, True, True, "full")
    assert (port.speed_mbps, port.in_octets, port.counter_bits) == (1000, 2**40 + 9, 64)
    assert (port.in_errors, port.out_errors, port.in_discards, port.out_discards) == (1, 2, 3, 4)
    assert result.varbinds > 11
    # The next poll is one GET: the ifIndex is cached.
    fake.requests.clear()
    poll(collector, target("sw", ("GigabitEthernet0/0/2", PortRole.ACCESS)))
    assert [kind for _, kind, _ in fake.requests] == ["get"]


def test_packs_at_most_max_varbinds_per_get() -> None:
    sw = agent(HUAWEI)
    names = [f"GE0/0/{n}" for n in range(1, 25)]
    for n, name in enumerate(names, 1):
        interface(sw.values, n, name)
    fake = FakeTransport({"sw": sw})
    tgt = target("sw", *((n, PortRole.ACCESS) for n in names))
    poll(SnmpCollector(CLOCK, transport=fake, max_varbinds=60), tgt)
    gets = [o for _, kind, o in fake.requests if kind == "get"]
    assert max(len(o) for o in gets) <= 60
    assert sum(len(o) for o in gets[1:]) == 1 + 24 * 11


def test_rediscovers_after_reboot_with_new_numbering() -> None:
    sw = agent(HUAWEI, uptime=500_000)
    interface(sw.values, 5, "GE0/0/1")
    collector = SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw}))
    tgt = target("sw", ("GE0/0/1", PortRole.UPLINK))
    assert poll(collector, tgt)[0].ports[0].if_index == 5
    # Reboot: uptime goes back, the port is now ifIndex 12.
    sw.values = {oids.SYS_UPTIME: 300, oids.SYS_OBJECT_ID: HUAWEI}
    interface(sw.values, 12, "GE0/0/1")
    interface(sw.values, 5, "Vlanif1")
    [result] = poll(collector, tgt)
    assert result.ok and result.ports[0].if_index == 12


def test_rediscovers_when_cached_index_names_another_port() -> None:
    sw = agent(H3C)
    interface(sw.values, 3, "GigabitEthernet1/0/3")
    collector = SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw}))
    tgt = target("sw", ("GigabitEthernet1/0/3", PortRole.ACCESS), vendor="h3c")
    poll(collector, tgt)
    del sw.values[f"{oids.IF_NAME}.3"]  # noSuchInstance on the cached index
    interface(sw.values, 30, "GigabitEthernet1/0/3")
    assert poll(collector, tgt)[0].ports[0].if_index == 30


def test_huawei_optics_through_entity_map_in_hundredths_of_dbm() -> None:
    sw = agent(HUAWEI)
    interface(sw.values, 5, "XGigabitEthernet0/0/1")
    interface(sw.values, 6, "XGigabitEthernet0/0/2")
    sw.values[f"{oids.ENT_ALIAS_MAPPING}.67174401.0"] = f"{oids.IF_INDEX_COLUMN}.5"
    sw.values[f"{oids.ENT_ALIAS_MAPPING}.67174402.0"] = f"{oids.IF_INDEX_COLUMN}.6"
    sw.values[f"{oids.HW_OPTICAL_RX}.67174401"] = -346
    sw.values[f"{oids.HW_OPTICAL_TX}.67174401"] = 120
    collector = SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw}))
    tgt = target(
        "sw", ("XGigabitEthernet0/0/1", PortRole.UPLINK), ("XGigabitEthernet0/0/2", PortRole.UPLINK)
    )
    first, second = poll(collector, tgt)[0].ports
    assert (first.rx_dbm, first.tx_dbm) == (-3.46, 1.2)
    assert (second.rx_dbm, second.tx_dbm) == (None, None)  # no module: no row, not an error


def test_old_huawei_firmware_reports_microwatts() -> None:
    sw = agent(HUAWEI)
    interface(sw.values, 5, "GigabitEthernet0/0/25")
    sw.values[f"{oids.ENT_ALIAS_MAPPING}.16850463.0"] = f"{oids.IF_INDEX_COLUMN}.5"
    sw.values[f"{oids.HW_OPTICAL_RX}.16850463"] = 452  # uW: -3.45 dBm
    sw.values[f"{oids.HW_OPTICAL_TX}.16850463"] = -1  # cannot measure
    collector = SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw}))
    [port] = poll(collector, target("sw", ("GigabitEthernet0/0/25", PortRole.UPLINK)))[0].ports
    assert (port.rx_dbm, port.tx_dbm) == (-3.45, None)


def test_h3c_optics_by_if_index_and_unavailable_marker() -> None:
    sw = agent(H3C)
    interface(sw.values, 49, "Ten-GigabitEthernet1/0/49")
    sw.values[f"{oids.H3C_TRANSCEIVER_RX}.49"] = -712
    sw.values[f"{oids.H3C_TRANSCEIVER_TX}.49"] = 2147483647
    collector = SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw}))
    tgt = target("sw", ("XGigabitEthernet1/0/49", PortRole.UPLINK), vendor="h3c")
    [port] = poll(collector, tgt)[0].ports
    assert (port.if_index, port.rx_dbm, port.tx_dbm) == (49, -7.12, None)


def test_old_gear_without_hc_counters_falls_back_to_32_bits() -> None:
    sw = agent("1.3.6.1.4.1.25506.1.1")  # no ifXTable at all: names from ifDescr
    interface(sw.values, 4, "Ethernet1/0/4", hc=False)
    sw.values[f"{oids.IF_DESCR}.4"] = sw.values.pop(f"{oids.IF_NAME}.4")
    fake = FakeTransport({"sw": sw})
    collector = SnmpCollector(CLOCK, transport=fake)
    tgt = target("sw", ("Ethernet1/0/4", PortRole.ACCESS), vendor="h3c")
    for _ in range(2):  # the second poll asks the 32-bit columns straight away
        [port] = poll(collector, tgt)[0].ports
        assert (port.counter_bits, port.in_octets, port.speed_mbps) == (32, 1004, 100)
    assert len([1 for _, kind, _ in fake.requests if kind == "get"]) == 4  # 1 + 2 + 1


def test_port_missing_on_the_device_is_empty_not_an_error() -> None:
    sw = agent(HUAWEI)
    interface(sw.values, 5, "GE0/0/1")
    [result] = poll(
        SnmpCollector(CLOCK, transport=FakeTransport({"sw": sw})),
        target("sw", ("GE0/0/9", PortRole.ACCESS)),
    )
    assert result.ok and result.ports[0].if_index is None and result.ports[0].oper_up is None


def test_errors_become_results_and_do_not_delay_others() -> None:
    good = agent(HUAWEI)
    interface(good.values, 5, "GE0/0/1")
    dead = FakeAgent(error=SnmpTimeoutError("timeout after 2 s (2 tries)"))
    denied = FakeAgent(error=SnmpAuthError("authentication failed (wrongDigest)"))
    slow = FakeAgent(values=dict(good.values), delay_s=5)
    fake = FakeTransport({"good": good, "dead": dead, "denied": denied, "slow": slow})
    collector = SnmpCollector(CLOCK, transport=fake, device_budget_s=0.2)
    names = ("good", "dead", "denied", "slow")
    started = time.monotonic()
    results = poll(collector, *(target(n, ("GE0/0/1", PortRole.ACCESS)) for n in names))
    assert time.monotonic() - started < 1.0
    assert [r.device for r in results] == list(names)
    assert [r.ok for r in results] == [True, False, False, False]
    assert results[1].reason == "timeout after 2 s (2 tries)"
    assert "authentication failed" in (results[2].reason or "")
    assert results[3].reason == "timeout after 0.2 s (device budget)"


def test_canonical_names_agree_across_vendors() -> None:
    assert canonical("GE0/0/1") == canonical("GigabitEthernet0/0/1")
    assert canonical("Ten-GigabitEthernet1/0/49") == canonical("XGigabitEthernet1/0/49")
    assert canonical("TenGigabitEthernet 0/1") == canonical("XGE0/1")
    assert canonical("Eth-Trunk1") != canonical("Ethernet1")
