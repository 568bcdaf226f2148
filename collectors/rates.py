"""Counter arithmetic: rates from two consecutive readings, gaps instead of spikes.

Pure functions. A rate is None with a reason whenever the counters cannot be trusted
over the interval (first sample, reboot, reset, implausible jump); a chart then shows a
gap, never a spike of petabits.
"""

from __future__ import annotations

from dataclasses import dataclass

from netops.monitoring.results import DevicePoll, PortReading

WRAP = {32: 2**32, 64: 2**64}


@dataclass(frozen=True)
class PortRate:
    """Octet rates of one port over one interval, in bits per second."""

    in_bps: float | None
    out_bps: float | None
    reason: str | None = None


def counter_delta(previous: int, current: int, bits: int) -> int | None:
    """Increase of a counter; a 32-bit wrap is unwrapped, a 64-bit decrease is a reset."""
    if current >= previous:
        return current - previous
    if bits == 32:
        return current + WRAP[32] - previous
    return None


def _rate(
    previous: int | None, current: int | None, bits: int, elapsed_s: float, cap_bps: float | None
) -> tuple[float | None, str | None]:
    if previous is None or current is None:
        return None, "no counter"
    delta = counter_delta(previous, current, bits)
    if delta is None:
        return None, "counter reset"
    rate = delta * 8 / elapsed_s
    # A wrap that would mean more than the port can carry was a reset (or two wraps).
    if cap_bps is not None and rate > cap_bps:
        return None, "counter reset (rate above port speed)"
    return rate, None


def port_rate(
    previous: PortReading | None,
    current: PortReading,
    elapsed_s: float,
    *,
    rebooted: bool = False,
) -> PortRate:
    """Rates of one port between two readings ``elapsed_s`` apart."""
    if previous is None:
        return PortRate(None, None, "first sample")
    if rebooted:
        return PortRate(None, None, "device rebooted (counters restarted)")
    if elapsed_s <= 0:
        return PortRate(None, None, "no time elapsed")
    if previous.counter_bits != current.counter_bits:
        return PortRate(None, None, "counter width changed")
    speed = current.speed_mbps or previous.speed_mbps
    cap = speed * 1e6 * 1.01 if speed else None  # 1 % for clock skew between polls
    bits = current.counter_bits
    in_bps, in_why = _rate(previous.in_octets, current.in_octets, bits, elapsed_s, cap)
    out_bps, out_why = _rate(previous.out_octets, current.out_octets, bits, elapsed_s, cap)
    return PortRate(in_bps, out_bps, in_why or out_why)


def rebooted(previous: DevicePoll, current: DevicePoll) -> bool:
    """True when sysUpTime says the device restarted between the two polls."""
    if previous.uptime_s is None or current.uptime_s is None:
        return False
    if current.uptime_s < previous.uptime_s:
        return True
    # Up for less time than has passed since the last poll: it restarted in between.
    elapsed = (current.time - previous.time).total_seconds()
    return current.uptime_s + 1.0 < elapsed


def device_rates(previous: DevicePoll | None, current: DevicePoll) -> dict[str, PortRate]:
    """Port name -> rate between two polls of one device (first poll: no rates)."""
    if not current.ok:
        return {}
    if previous is None or not previous.ok:
        return {p.port: PortRate(None, None, "first sample") for p in current.ports}
    restarted = rebooted(previous, current)
    elapsed = (current.time - previous.time).total_seconds()
    before = {p.port: p for p in previous.ports}
    return {
        p.port: port_rate(before.get(p.port), p, elapsed, rebooted=restarted) for p in current.ports
    }
