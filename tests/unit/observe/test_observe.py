"""Reading snapshots and series from a fake query function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from netops.observe.history import (
    optics_history,
    optics_trend,
    percentile,
    slope_per_day,
    traffic_p95,
    uplink_traffic,
)
from netops.observe.snapshot import read_snapshot

NOW = datetime(2025, 3, 10, 2, 30, tzinfo=UTC)
T = int(NOW.timestamp())


class Rows:
    """A query function answering by measurement; records queries."""

    def __init__(self, **answers: list[dict[str, Any]]) -> None:
        self.answers = answers
        self.queries: list[str] = []

    def __call__(self, influxql: str) -> list[dict[str, Any]]:
        self.queries.append(influxql)
        for marker, rows in self.answers.items():
            if f"FROM {marker} " in influxql:
                return rows
        return []


def test_percentile_is_nearest_rank() -> None:
    assert percentile([]) is None
    assert percentile([5.0]) == 5.0
    assert percentile([float(v) for v in range(1, 101)]) == 95.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0


def test_slope_per_day() -> None:
    assert slope_per_day([(0, -5.0)]) is None
    assert slope_per_day([(0, -5.0), (3600, -6.0)]) == -24.0


def test_snapshot_keeps_the_newest_point_and_marks_freshness() -> None:
    query = Rows(
        interface=[
            {"device": "sw", "port": "p1", "role": "access", "time": T - 30, "oper_up": 1,
             "admin_up": 1, "speed_mbps": 100, "duplex": "full", "county": "xingyi", "school": "s"},
            {"device": "sw", "port": "p1", "role": "trunk", "time": T - 90, "oper_up": 0},
            {"device": "sw", "port": "p2", "role": "access", "time": T - 600, "oper_up": 1},
        ],
        optics=[{"device": "sw", "port": "p1", "time": T - 30, "rx_dbm": -6.5, "tx_dbm": None}],
        device=[
            {"device": "sw", "collector": "cli", "time": T - 300, "reachable": 0, "reason": "x"},
            {"device": "sw", "collector": "snmp", "time": T - 30, "reachable": 1, "reason": None},
        ],
    )  # fmt: skip
    snap = read_snapshot(query, now=NOW, max_age_s=180, county="xingyi")
    p1 = snap.fresh_port("sw", "p1")
    assert p1 is not None and p1.role == "access" and p1.oper_up is True and p1.rx_dbm == -6.5
    assert p1.speed_mbps == 100 and p1.school == "s"
    assert snap.fresh_port("sw", "p2") is None and snap.port("sw", "p2") is not None
    assert snap.devices["sw"].reachable and snap.devices["sw"].fresh
    assert snap.stats.queries == 5
    assert all("county = 'xingyi'" in q for q in query.queries)
    assert "time <= '2025-03-10T02:30:00.000000Z'" in query.queries[0]


def test_uplink_traffic_prefers_rates_then_counters() -> None:
    rates = Rows(interface_rate=[{"time": T - 60, "in_bps": 5e6, "out_bps": 1e6}])
    samples = uplink_traffic(rates, "sw", "p1", NOW - timedelta(hours=1), NOW)
    assert [(s.in_bps, s.out_bps) for s in samples] == [(5e6, 1e6)]
    wrap = (1 << 63) - 100
    counters = Rows(
        interface=[
            {"time": T - 120, "in_octets": 1000, "out_octets": wrap},
            {"time": T - 60, "in_octets": 1000 + 60 * 125_000, "out_octets": 50},
        ]
    )
    [sample] = uplink_traffic(counters, "sw", "p1", NOW - timedelta(hours=1), NOW)
    assert sample.in_bps == 1e6 and sample.out_bps == 150 * 8 / 60
    assert traffic_p95([sample]) == (1e6, 150 * 8 / 60)
    assert "port = 'p1'" in counters.queries[-1]


def test_optics_history_and_trend() -> None:
    query = Rows(
        optics=[
            {"time": T - 7200, "rx_dbm": -6.0, "tx_dbm": -2.0},
            {"time": T - 3600, "rx_dbm": -7.0, "tx_dbm": -2.0},
            {"time": T, "rx_dbm": -8.0, "tx_dbm": -2.0},
        ]
    )
    samples = optics_history(query, "sw", "p'1", NOW - timedelta(hours=3), NOW)
    assert "port = 'p\\'1'" in query.queries[0]
    trend = optics_trend(samples, "sw", "p'1")
    assert trend is not None and trend.latest_dbm == -8.0 and trend.slope_db_per_day == -24.0
    assert optics_trend([], "sw", "p") is None
