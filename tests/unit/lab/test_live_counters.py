"""The responders' counters: the traffic model's, and a load fault's steady rate."""

from __future__ import annotations

import pytest

from netops.lab.snmp.live import IN_OCTETS, OUT_OCTETS, carry_over, port_live
from netops.lab.state import PortState

BOOT = 1_700_000_000.0


def uplink(**changes: object) -> PortState:
    """A lit gigabit fiber port with the traffic model's 50 Mb/s each way."""
    fields: dict[str, object] = {
        "hostname": "sw1",
        "if_index": 1,
        "name": "GigabitEthernet0/0/1",
        "medium": "fiber",
        "max_mbps": 1000,
        "link_up": True,
        "in_bps": 50e6,
        "out_bps": 50e6,
    }
    return PortState.model_validate({**fields, **changes})


def test_load_counts_its_share_of_the_speed_every_second_of_the_day() -> None:
    live = port_live(uplink(load_pct=95.0))
    carry_over(None, live, BOOT, False, BOOT)
    # Teaching hours (17:13 in China) or the night (01:13): the same octets per second.
    for start in (BOOT + 11 * 3600, BOOT + 19 * 3600):
        got = live.counter(IN_OCTETS, start + 60) - live.counter(IN_OCTETS, start)
        assert got == pytest.approx(950e6 / 8 * 60)
        out = live.counter(OUT_OCTETS, start + 60) - live.counter(OUT_OCTETS, start)
        assert out == pytest.approx(got)


def test_load_follows_the_negotiated_speed_and_stops_when_the_link_is_down() -> None:
    slow = port_live(uplink(load_pct=50.0, speed_mbps=100))
    assert slow.steady[IN_OCTETS] == pytest.approx(100e6 * 0.5 / 8)
    down = port_live(uplink(load_pct=50.0, link_up=False))
    assert down.steady == (0.0,) * 6 and down.rates == (0.0,) * 6


def test_counters_never_go_back_when_a_load_starts_or_ends() -> None:
    model = port_live(uplink())
    carry_over(None, model, BOOT, False, BOOT)
    start = BOOT + 3600
    loaded = port_live(uplink(load_pct=95.0))
    carry_over(model, loaded, BOOT, False, start)
    assert loaded.counter(IN_OCTETS, start) == pytest.approx(model.counter(IN_OCTETS, start))
    end = start + 600
    again = port_live(uplink())
    carry_over(loaded, again, BOOT, False, end)
    assert again.counter(IN_OCTETS, end) == pytest.approx(loaded.counter(IN_OCTETS, end))
    assert again.counter(IN_OCTETS, end + 60) > again.counter(IN_OCTETS, end)
    # Unchanged rows keep their segment: no jump at a reload.
    same = port_live(uplink())
    carry_over(again, same, BOOT, False, end + 60)
    assert (same.base, same.since) == (again.base, again.since)
