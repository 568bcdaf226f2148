"""Poll results as line protocol: the measurements of docs/measurements.md."""

from __future__ import annotations

from collections.abc import Iterable

from netops.monitoring.results import CycleSummary, DevicePoll, PortReading
from netops.store.adapter import FieldValue, to_line

INTERFACE = "interface"
OPTICS = "optics"
DEVICE = "device"
POLL_CYCLE = "poll_cycle"
INTERFACE_RATE = "interface_rate"

#: InfluxDB 1.x integers are signed 64-bit; a Counter64 beyond that is stored
#: modulo 2**63, which rate queries see as one counter wrap.
_INT64_MASK = (1 << 63) - 1


def _flag(value: bool | None) -> int | None:
    # 0/1 integers, not booleans: InfluxQL can mean() them into an up-ratio per hour.
    return None if value is None else int(value)


def _counter(value: int | None) -> int | None:
    return None if value is None else value & _INT64_MASK


def _tags(poll: DevicePoll, reading: PortReading) -> dict[str, str | None]:
    return {
        "county": poll.county,
        "school": poll.school,
        "device": poll.device,
        "port": reading.port,
        "role": reading.role.value,
    }


def interface_fields(reading: PortReading) -> dict[str, FieldValue | None]:
    """Fields of one ``interface`` point."""
    return {
        "admin_up": _flag(reading.admin_up),
        "oper_up": _flag(reading.oper_up),
        "speed_mbps": reading.speed_mbps,
        "duplex": reading.duplex,
        "in_octets": _counter(reading.in_octets),
        "out_octets": _counter(reading.out_octets),
        "in_errors": _counter(reading.in_errors),
        "out_errors": _counter(reading.out_errors),
        "in_discards": _counter(reading.in_discards),
        "out_discards": _counter(reading.out_discards),
    }


def device_lines(poll: DevicePoll) -> list[str]:
    """The ``device`` point and the ``interface``/``optics`` points of one poll."""
    lines = [
        to_line(
            DEVICE,
            {
                "county": poll.county,
                "school": poll.school,
                "device": poll.device,
                "collector": poll.collector,
            },
            {
                "reachable": _flag(poll.ok),
                "uptime_s": poll.uptime_s,
                "poll_duration_s": float(poll.duration_s),
                "varbinds": poll.varbinds,
                "reason": poll.reason,
            },
            poll.time,
        )
    ]
    for reading in poll.ports:
        tags = _tags(poll, reading)
        lines.append(to_line(INTERFACE, tags, interface_fields(reading), poll.time))
        optics = {"rx_dbm": reading.rx_dbm, "tx_dbm": reading.tx_dbm}
        lines.append(to_line(OPTICS, tags, optics, poll.time))
    return [line for line in lines if line]


def poll_lines(polls: Iterable[DevicePoll]) -> list[str]:
    """Lines of many polls, in order."""
    return [line for poll in polls for line in device_lines(poll)]


def cycle_lines(summary: CycleSummary) -> list[str]:
    """The ``poll_cycle`` point of one cycle."""
    fields: dict[str, FieldValue | None] = {
        "devices": summary.devices,
        "ok": summary.ok,
        "failed": summary.failed,
        "varbinds": summary.varbinds,
        "duration_s": float(summary.duration_s),
    }
    line = to_line(POLL_CYCLE, {}, fields, summary.started)
    return [line] if line else []


def _delta(old: int | None, new: int | None, bits: int) -> int | None:
    if old is None or new is None:
        return None
    return (new - old) % (1 << bits)  # one wrap between polls is a normal counter wrap


def rate_lines(previous: DevicePoll, current: DevicePoll) -> list[str]:
    """``interface_rate`` points (in_bps, out_bps) from two polls of one device.

    The hook for rates computed at ingest; ports missing from either poll, a
    reboot in between (uptime went back) or no time elapsed give no point.
    """
    seconds = (current.time - previous.time).total_seconds()
    rebooted = (
        previous.uptime_s is not None
        and current.uptime_s is not None
        and current.uptime_s < previous.uptime_s
    )
    if seconds <= 0 or rebooted:
        return []
    before = {reading.port: reading for reading in previous.ports}
    lines = []
    for reading in current.ports:
        old = before.get(reading.port)
        if old is None:
            continue
        bits = reading.counter_bits
        in_delta = _delta(old.in_octets, reading.in_octets, bits)
        out_delta = _delta(old.out_octets, reading.out_octets, bits)
        fields: dict[str, FieldValue | None] = {
            "in_bps": None if in_delta is None else in_delta * 8 / seconds,
            "out_bps": None if out_delta is None else out_delta * 8 / seconds,
        }
        lines.append(to_line(INTERFACE_RATE, _tags(current, reading), fields, current.time))
    return [line for line in lines if line]
