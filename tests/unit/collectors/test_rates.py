"""Counter arithmetic: wraps, resets, first samples, the speed cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from collectors.rates import counter_delta, device_rates, port_rate, rebooted
from netops.monitoring.results import DevicePoll, PortReading, PortRole

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def reading(in_octets: int, out_octets: int = 0, bits: int = 64, speed: int = 1000) -> PortReading:
    return PortReading(
        port="GE0/0/1",
        role=PortRole.UPLINK,
        in_octets=in_octets,
        out_octets=out_octets,
        counter_bits=32 if bits == 32 else 64,
        speed_mbps=speed,
    )


def poll(at_s: float, uptime_s: float, port: PortReading) -> DevicePoll:
    return DevicePoll(
        device="sw",
        collector="snmp",
        time=T0 + timedelta(seconds=at_s),
        ok=True,
        uptime_s=uptime_s,
        ports=[port],
    )


def test_delta_grows_and_wraps_only_on_32_bits() -> None:
    assert counter_delta(100, 250, 64) == 150
    assert counter_delta(2**32 - 100, 50, 32) == 150
    assert counter_delta(2**40, 5, 64) is None


def test_rate_in_bits_per_second() -> None:
    rate = port_rate(reading(0, 1_000), reading(7_500_000, 2_000), 60)
    assert rate.in_bps == 1_000_000
    assert rate.out_bps == 8_000 / 60
    assert rate.reason is None


def test_plausible_32_bit_wrap_gives_the_right_rate() -> None:
    rate = port_rate(reading(2**32 - 1_000, bits=32), reading(74_000, bits=32), 60)
    assert rate.in_bps == 75_000 * 8 / 60


def test_implausible_32_bit_wrap_is_a_reset() -> None:
    # Unwrapped, 4.0e9 -> 10 would be 295 MB in 60 s (39 Mb/s) on a 10M port: a reset.
    rate = port_rate(reading(4_000_000_000, bits=32, speed=10), reading(10, bits=32, speed=10), 60)
    assert rate.in_bps is None
    assert "reset" in (rate.reason or "")


def test_64_bit_decrease_is_a_gap_not_a_spike() -> None:
    rate = port_rate(reading(10**12), reading(10), 60)
    assert rate.in_bps is None
    assert rate.reason == "counter reset"


def test_rate_above_port_speed_is_a_reset() -> None:
    rate = port_rate(reading(0, speed=100), reading(10**10, speed=100), 60)
    assert rate.in_bps is None
    assert "port speed" in (rate.reason or "")


def test_first_sample_has_no_rate() -> None:
    assert port_rate(None, reading(5), 60).reason == "first sample"
    rates = device_rates(None, poll(0, 100, reading(5)))
    assert rates["GE0/0/1"].in_bps is None


def test_reboot_seen_from_uptime_is_a_gap() -> None:
    before, after = poll(0, 5_000, reading(10**9)), poll(60, 30, reading(10**9 + 10))
    assert rebooted(before, after)
    rate = device_rates(before, after)["GE0/0/1"]
    assert rate.in_bps is None
    assert "rebooted" in (rate.reason or "")


def test_reboot_between_polls_even_with_higher_uptime() -> None:
    # Polled at uptime 10 s, then an hour later the uptime is 20 s: it restarted meanwhile.
    assert rebooted(poll(0, 10, reading(0)), poll(3_600, 20, reading(0)))
    assert not rebooted(poll(0, 10, reading(0)), poll(60, 70, reading(0)))


def test_device_rates_over_two_polls() -> None:
    rates = device_rates(poll(0, 100, reading(0)), poll(60, 160, reading(750_000)))
    assert rates["GE0/0/1"].in_bps == 100_000
