"""Poll results as line protocol: exact lines, escaping, missing values."""

from __future__ import annotations

from datetime import UTC, datetime

from netops.monitoring.results import CycleSummary, DevicePoll, PortReading, PortRole
from netops.store.points import cycle_lines, device_lines, poll_lines, rate_lines

T0 = datetime(2024, 9, 1, 8, 0, 0, 700000, tzinfo=UTC)
STAMP = "1725177600"  # T0 in seconds, the fraction dropped


def reading(**changes: object) -> PortReading:
    """An uplink port with every value set."""
    values: dict[str, object] = {
        "port": "GigabitEthernet0/0/1",
        "role": PortRole.UPLINK,
        "admin_up": True,
        "oper_up": True,
        "speed_mbps": 1000,
        "duplex": "full",
        "in_octets": 1000,
        "out_octets": 2000,
        "in_errors": 0,
        "out_errors": 1,
        "in_discards": 2,
        "out_discards": 3,
        "rx_dbm": -5.5,
        "tx_dbm": -2.25,
    }
    values.update(changes)
    return PortReading.model_validate(values)


def poll(*ports: PortReading, **changes: object) -> DevicePoll:
    """A successful poll of one school switch."""
    values: dict[str, object] = {
        "device": "xy-s001-core",
        "collector": "snmp",
        "time": T0,
        "ok": True,
        "county": "xingyi",
        "school": "xy-s001",
        "duration_s": 0.5,
        "uptime_s": 3600.0,
        "varbinds": 42,
        "ports": list(ports),
    }
    values.update(changes)
    return DevicePoll.model_validate(values)


def test_one_poll_gives_exact_lines() -> None:
    lines = device_lines(poll(reading()))
    tags = "county=xingyi,device=xy-s001-core,port=GigabitEthernet0/0/1,role=uplink,school=xy-s001"
    # Fields come sorted by name; a float without a fraction has no ``i`` (still a float).
    assert lines == [
        "device,collector=snmp,county=xingyi,device=xy-s001-core,school=xy-s001 "
        f"poll_duration_s=0.5,reachable=1i,uptime_s=3600,varbinds=42i {STAMP}",
        f'interface,{tags} admin_up=1i,duplex="full",in_discards=2i,in_errors=0i,'
        "in_octets=1000i,oper_up=1i,out_discards=3i,out_errors=1i,out_octets=2000i,"
        f"speed_mbps=1000i {STAMP}",
        f"optics,{tags} rx_dbm=-5.5,tx_dbm=-2.25 {STAMP}",
    ]


def test_tags_with_spaces_commas_and_equals_are_escaped() -> None:
    lines = device_lines(poll(reading(port="GigabitEthernet 0/1,x=y", rx_dbm=None, tx_dbm=None)))
    assert lines[1].startswith(
        r"interface,county=xingyi,device=xy-s001-core,port=GigabitEthernet\ 0/1\,x\=y,"
    )


def test_missing_values_are_left_out() -> None:
    lines = device_lines(
        poll(
            reading(rx_dbm=None, tx_dbm=None, in_errors=None, duplex=None),
            ok=False,
            reason="timeout after 2 s",
            county=None,
            uptime_s=None,
        )
    )
    assert len(lines) == 2  # no optics point without optics
    assert lines[0].startswith("device,collector=snmp,device=xy-s001-core,school=xy-s001 ")
    assert 'reachable=0i,reason="timeout after 2 s",varbinds=42i ' in lines[0]
    assert "in_errors" not in lines[1] and "duplex" not in lines[1]


def test_counter64_beyond_int64_is_stored_modulo_2_63() -> None:
    line = device_lines(poll(reading(in_octets=2**64 - 1)))[1]
    assert f"in_octets={2**63 - 1}i" in line


def test_naive_time_is_utc() -> None:
    line = device_lines(poll(time=datetime(2024, 9, 1, 8, 0, 0)))[0]
    assert line.endswith(f" {STAMP}")


def test_poll_cycle_line() -> None:
    summary = CycleSummary(started=T0, duration_s=12.5, devices=3, ok=2, failed=1, varbinds=900)
    assert cycle_lines(summary) == [
        f"poll_cycle devices=3i,duration_s=12.5,failed=1i,ok=2i,varbinds=900i {STAMP}"
    ]


def test_poll_lines_keep_order() -> None:
    first, second = poll(device="a"), poll(device="b")
    lines = poll_lines([first, second])
    assert [line.split(",device=")[1].split(",")[0] for line in lines] == ["a", "b"]


def test_rates_from_two_polls_with_a_32_bit_wrap() -> None:
    before = poll(reading(in_octets=2**32 - 1000, out_octets=0, counter_bits=32))
    after = poll(
        reading(in_octets=1000, out_octets=7500, counter_bits=32),
        time=datetime(2024, 9, 1, 8, 1, 0, 700000, tzinfo=UTC),
    )
    [line] = rate_lines(before, after)
    assert line.startswith("interface_rate,county=xingyi,")
    assert "in_bps=266.6666666666667,out_bps=1000 1725177660" in line


def test_no_rates_across_a_reboot() -> None:
    before = poll(reading())
    after = poll(reading(), time=datetime(2024, 9, 1, 8, 1, tzinfo=UTC), uptime_s=5.0)
    assert rate_lines(before, after) == []
