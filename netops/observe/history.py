"""Series for capacity: uplink traffic and its 95th percentile, receive power and its trend.

Per-port functions (``uplink_traffic``, ``optics_history``) serve one school's screen;
the bulk ones (``uplink_loads``, ``optics_trends``) serve an audit of many schools in
one query each. One port's rates come from ``interface_rate`` (written at ingest) and,
when it has none, from the ``interface`` counters; the bulk percentiles always use the
counters (a ``non_negative_derivative`` subquery), which every poll writes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from netops.observe.influxql import QueryFn, between, epoch, number
from netops.observe.models import OpticsSample, OpticsTrend, PortKey, TrafficSample, UplinkLoad
from netops.store.influxql import quote_literal

UPLINK = "uplink"
_WRAP = 1 << 63  # InfluxDB integers are signed 64-bit: counters are stored modulo 2**63
_DAY_S = 86_400.0


def percentile(values: Sequence[float], pct: float = 95.0) -> float | None:
    """Nearest-rank percentile (InfluxQL's ``percentile()``); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, min(len(ordered), math.floor(len(ordered) * pct / 100 + 0.5)))
    return ordered[rank - 1]


def _port_where(device: str, port: str, since: datetime, until: datetime) -> str:
    return (
        f"device = {quote_literal(device)} AND port = {quote_literal(port)}"
        f" AND {between(since, until)}"
    )


def _counter_rates(rows: list[dict[str, Any]]) -> list[TrafficSample]:
    samples: list[TrafficSample] = []
    for old, new in pairwise(rows):
        seconds = float(new["time"]) - float(old["time"])
        if seconds <= 0:
            continue
        rates: list[float | None] = []
        for name in ("in_octets", "out_octets"):
            a, b = old.get(name), new.get(name)
            rates.append(None if a is None or b is None else (b - a) % _WRAP * 8 / seconds)
        samples.append(TrafficSample(time=epoch(new["time"]), in_bps=rates[0], out_bps=rates[1]))
    return samples


def uplink_traffic(
    query: QueryFn, device: str, port: str, since: datetime, until: datetime
) -> list[TrafficSample]:
    """A port's traffic in bit/s between two times, oldest first (in = received).

    Raises:
        StoreError: InfluxDB is unreachable or rejected the query.
    """
    where = _port_where(device, port, since, until)
    rows = query(f"SELECT in_bps, out_bps FROM interface_rate WHERE {where} ORDER BY time")
    if rows:
        return [
            TrafficSample(
                time=epoch(r["time"]),
                in_bps=number(r.get("in_bps")),
                out_bps=number(r.get("out_bps")),
            )
            for r in rows
        ]
    counters = query(f"SELECT in_octets, out_octets FROM interface WHERE {where} ORDER BY time")
    return _counter_rates(counters)


def traffic_p95(samples: Sequence[TrafficSample]) -> tuple[float | None, float | None]:
    """95th percentile of the in and out rates of a series."""
    return (
        percentile([s.in_bps for s in samples if s.in_bps is not None]),
        percentile([s.out_bps for s in samples if s.out_bps is not None]),
    )


def uplink_load(
    query: QueryFn, device: str, port: str, until: datetime, window_s: float = 3600.0
) -> UplinkLoad:
    """One port's 95th percentile over the window ending at ``until``."""
    samples = uplink_traffic(query, device, port, until - timedelta(seconds=window_s), until)
    p_in, p_out = traffic_p95(samples)
    return UplinkLoad(
        device=device,
        port=port,
        in_bps=p_in,
        out_bps=p_out,
        samples=len(samples),
        window_s=window_s,
    )


def optics_history(
    query: QueryFn, device: str, port: str, since: datetime, until: datetime
) -> list[OpticsSample]:
    """A port's optical receive/transmit power between two times, oldest first."""
    where = _port_where(device, port, since, until)
    rows = query(f"SELECT rx_dbm, tx_dbm FROM optics WHERE {where} ORDER BY time")
    return [
        OpticsSample(
            time=epoch(r["time"]), rx_dbm=number(r.get("rx_dbm")), tx_dbm=number(r.get("tx_dbm"))
        )
        for r in rows
    ]


def _scope(county: str | None) -> str:
    where = f"role = {quote_literal(UPLINK)}"
    return f"{where} AND county = {quote_literal(county)}" if county else where


def uplink_loads(
    query: QueryFn, *, now: datetime, window_s: float = 3600.0, county: str | None = None
) -> dict[PortKey, UplinkLoad]:
    """95th percentile of every school uplink's rates over the window, in one query.

    Rates come from the ``interface`` counters (a subquery's ``non_negative_derivative``),
    so they exist whether or not the poller wrote ``interface_rate``; a counter that went
    back (wrap, reboot) drops that one sample.
    """
    where = f"{_scope(county)} AND {between(now - timedelta(seconds=window_s), now)}"
    rates = (
        "SELECT non_negative_derivative(in_octets, 1s) * 8 AS in_bps,"
        " non_negative_derivative(out_octets, 1s) * 8 AS out_bps"
        f" FROM interface WHERE {where} GROUP BY device, port"
    )
    rows = query(
        "SELECT percentile(in_bps, 95) AS in_bps, percentile(out_bps, 95) AS out_bps,"
        f" count(in_bps) AS samples FROM ({rates}) GROUP BY device, port"
    )
    loads: dict[PortKey, UplinkLoad] = {}
    for row in rows:
        key = (str(row["device"]), str(row["port"]))
        loads[key] = UplinkLoad(
            device=key[0],
            port=key[1],
            in_bps=number(row.get("in_bps")),
            out_bps=number(row.get("out_bps")),
            samples=int(row.get("samples") or 0),
            window_s=window_s,
        )
    return loads


def slope_per_day(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of (epoch seconds, value) points, per day; None below 2 points."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return None
    return sum((t - mean_t) * (v - mean_v) for t, v in points) / spread * _DAY_S


def optics_trends(
    query: QueryFn,
    *,
    now: datetime,
    window_s: float = 6 * 3600.0,
    bucket_s: float = 1800.0,
    county: str | None = None,
) -> dict[PortKey, OpticsTrend]:
    """Receive power trend of every uplink port (both ends) that reports optics, in one query."""
    since = now - timedelta(seconds=window_s)
    where = f"(role = {quote_literal(UPLINK)} OR role = 'aggregation')" + (
        f" AND county = {quote_literal(county)}" if county else ""
    )
    rows = query(
        f"SELECT mean(rx_dbm) AS rx_dbm FROM optics WHERE {where} AND {between(since, now)}"
        f" GROUP BY time({int(bucket_s)}s), device, port fill(none)"
    )
    series: dict[PortKey, list[tuple[float, float]]] = {}
    for row in rows:
        if row.get("rx_dbm") is None:
            continue
        key = (str(row["device"]), str(row["port"]))
        series.setdefault(key, []).append((epoch(row["time"]).timestamp(), float(row["rx_dbm"])))
    trends = {key: trend_of(key[0], key[1], points) for key, points in series.items()}
    return {key: trend for key, trend in trends.items() if trend is not None}


def trend_of(device: str, port: str, points: Sequence[tuple[float, float]]) -> OpticsTrend | None:
    """Latest value and slope of (epoch seconds, rx dBm) points; None for no points."""
    if not points:
        return None
    ordered = sorted(points)
    return OpticsTrend(
        device=device,
        port=port,
        latest_dbm=ordered[-1][1],
        slope_db_per_day=slope_per_day(ordered),
        samples=len(ordered),
        first=epoch(ordered[0][0]),
        last=epoch(ordered[-1][0]),
    )


def optics_trend(samples: Sequence[OpticsSample], device: str, port: str) -> OpticsTrend | None:
    """The receive power trend of one port's :func:`optics_history`."""
    points = [(s.time.timestamp(), s.rx_dbm) for s in samples if s.rx_dbm is not None]
    return trend_of(device, port, points)
