"""Read the whole network's last state from the store in a few wide InfluxQL queries.

One query per measurement (``interface``, ``optics``, ``device``), each ``last()`` per
series over a short window, plus two for capacity (uplink traffic percentiles and
receive power trends, see :mod:`netops.observe.history`). A selector with extra
fields (``SELECT last(oper_up), speed_mbps ...``) returns the other fields of the
same point and its real time, which is what freshness needs.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from netops.observe.history import optics_trends, uplink_loads
from netops.observe.influxql import QueryFn, TimedQuery, between, epoch, flag, integer, number
from netops.observe.models import (
    DeviceObservation,
    PortKey,
    PortObservation,
    QueryStats,
    Snapshot,
)
from netops.store.influxql import quote_literal

INTERFACE = "interface"
OPTICS = "optics"
DEVICE = "device"


def _where(since: datetime, until: datetime, county: str | None) -> str:
    where = between(since, until)
    return f"{where} AND county = {quote_literal(county)}" if county else where


def _tag(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    return str(value) if value else None


def _ports(
    interface: list[dict[str, Any]], optics: list[dict[str, Any]], fresh_after: datetime
) -> dict[PortKey, PortObservation]:
    power = {(str(r["device"]), str(r["port"])): r for r in optics}
    ports: dict[PortKey, PortObservation] = {}
    for row in interface:
        key = (str(row["device"]), str(row["port"]))
        seen = epoch(row["time"])
        known = ports.get(key)
        if known is not None and known.time >= seen:
            continue  # the same port under another tag set (a role changed): keep the newest
        light = power.get(key, {})
        ports[key] = PortObservation(
            device=key[0],
            port=key[1],
            time=seen,
            role=_tag(row, "role"),
            admin_up=flag(row.get("admin_up")),
            oper_up=flag(row.get("oper_up")),
            speed_mbps=integer(row.get("speed_mbps")),
            duplex=row.get("duplex"),
            rx_dbm=number(light.get("rx_dbm")),
            tx_dbm=number(light.get("tx_dbm")),
            county=_tag(row, "county"),
            school=_tag(row, "school"),
            fresh=seen >= fresh_after,
        )
    return ports


def _devices(rows: list[dict[str, Any]], fresh_after: datetime) -> dict[str, DeviceObservation]:
    devices: dict[str, DeviceObservation] = {}
    for row in rows:
        name, seen = str(row["device"]), epoch(row["time"])
        known = devices.get(name)
        if known is not None and known.time >= seen:
            continue  # polled by two collectors: the newest poll counts
        devices[name] = DeviceObservation(
            device=name,
            time=seen,
            reachable=bool(row.get("reachable")),
            reason=row.get("reason"),
            county=_tag(row, "county"),
            school=_tag(row, "school"),
            fresh=seen >= fresh_after,
        )
    return devices


def read_snapshot(
    query: QueryFn,
    *,
    now: datetime,
    max_age_s: float,
    window_s: float = 900.0,
    county: str | None = None,
    capacity_window_s: float | None = 3600.0,
    optics_window_s: float | None = 6 * 3600.0,
    optics_bucket_s: float = 1800.0,
) -> Snapshot:
    """The last observation of every device and port (of one county, if given).

    Args:
        query: runs InfluxQL (see :data:`~netops.observe.influxql.QueryFn`).
        now: the snapshot's time (from the caller's clock).
        max_age_s: observations older than this are kept but marked not fresh.
        window_s: how far back to look (at least ``max_age_s``).
        county: read one county only (its schools and its aggregation switches).
        capacity_window_s: window of the uplinks' traffic percentile; None skips it.
        optics_window_s: window of the uplinks' receive power trend; None skips it.
        optics_bucket_s: the trend's sample spacing (means per bucket).

    Raises:
        StoreError: InfluxDB is unreachable or rejected a query.
    """
    timed = TimedQuery(query)
    since = now - timedelta(seconds=max(window_s, max_age_s))
    where = _where(since, now, county)
    interface = timed(
        "SELECT last(oper_up) AS oper_up, admin_up, speed_mbps, duplex"
        f" FROM {INTERFACE} WHERE {where} GROUP BY *"
    )
    optics = timed(
        f"SELECT last(rx_dbm) AS rx_dbm, tx_dbm FROM {OPTICS} WHERE {where} GROUP BY device, port"
    )
    device = timed(
        f"SELECT last(reachable) AS reachable, reason FROM {DEVICE} WHERE {where} GROUP BY *"
    )
    started = time.perf_counter()
    fresh_after = now - timedelta(seconds=max_age_s)
    ports = _ports(interface, optics, fresh_after)
    devices = _devices(device, fresh_after)
    parse_s = time.perf_counter() - started
    loads = (
        uplink_loads(timed, now=now, window_s=capacity_window_s, county=county)
        if capacity_window_s
        else {}
    )
    trends = (
        optics_trends(
            timed, now=now, window_s=optics_window_s, bucket_s=optics_bucket_s, county=county
        )
        if optics_window_s
        else {}
    )
    return Snapshot(
        taken_at=now,
        max_age_s=max_age_s,
        devices=devices,
        ports=ports,
        loads=loads,
        optics=trends,
        stats=QueryStats(
            queries=timed.calls, query_s=timed.seconds, parse_s=parse_s, rows=timed.rows
        ),
    )
