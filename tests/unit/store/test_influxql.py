"""InfluxQL text: escaping, time literals, and the exact statements sent to InfluxDB."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from netops.observe.history import optics_trends, uplink_loads, uplink_traffic
from netops.observe.snapshot import read_snapshot
from netops.reports.history import InfluxHistory, InfluxNames
from netops.reports.period import Period
from netops.store import retention
from netops.store.influxql import qualified, quote_identifier, quote_literal, time_literal
from netops.store.retention import RetentionPlan, setup_database

#: 06:30:15.25 UTC, given in another zone: literals are converted to UTC.
T0 = datetime(2024, 5, 2, 14, 30, 15, 250000, tzinfo=timezone(timedelta(hours=8)))
HOUR = timedelta(hours=1)

CQ_INTERFACE = (
    'CREATE CONTINUOUS QUERY "cq_interface_1h" ON "netops" BEGIN SELECT'
    " last(in_octets) AS in_octets, last(out_octets) AS out_octets,"
    " last(in_errors) AS in_errors, last(out_errors) AS out_errors,"
    " last(in_discards) AS in_discards, last(out_discards) AS out_discards,"
    " mean(oper_up) AS oper_up_ratio, min(oper_up) AS oper_up_min,"
    " min(speed_mbps) AS speed_mbps_min, count(oper_up) AS samples"
    ' INTO "netops"."long"."interface_1h" FROM "netops"."raw"."interface"'
    " GROUP BY time(1h), * END"
)
CQ_DEVICE = (
    'CREATE CONTINUOUS QUERY "cq_device_1h" ON "netops" BEGIN SELECT'
    " mean(reachable) AS reachable_ratio, mean(poll_duration_s) AS poll_duration_s,"
    " max(uptime_s) AS uptime_s, count(reachable) AS samples"
    ' INTO "netops"."long"."device_1h" FROM "netops"."raw"."device"'
    " GROUP BY time(1h), * END"
)


class Recorder:
    """A query function that answers nothing and keeps the statements."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, statement: str) -> list[dict[str, Any]]:
        self.statements.append(statement)
        return []


# -- quoting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        ("netops", '"netops"'),
        ('a"b', '"a\\"b"'),
        ("a\\b", '"a\\\\b"'),
        ('a\\"b', '"a\\\\\\"b"'),  # the backslash first, then the quote
        ("it's", '"it\'s"'),  # single quotes stay as they are
    ],
)
def test_quote_identifier(name: str, quoted: str) -> None:
    assert quote_identifier(name) == quoted


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("uplink", "'uplink'"),
        ("it's", "'it\\'s'"),
        ("a\\b", "'a\\\\b'"),
        ("a\\'b", "'a\\\\\\'b'"),
        ('say "hi"', "'say \"hi\"'"),  # double quotes stay as they are
    ],
)
def test_quote_literal(value: str, quoted: str) -> None:
    assert quote_literal(value) == quoted


def test_time_literal_is_utc() -> None:
    assert time_literal(T0) == "'2024-05-02T06:30:15.250000Z'"
    assert time_literal(T0, microseconds=False) == "'2024-05-02T06:30:15Z'"  # truncated


def test_qualified() -> None:
    assert qualified("netops", "long", "interface_1h") == '"netops"."long"."interface_1h"'
    assert qualified('a"b', "r", "m") == '"a\\"b"."r"."m"'


# -- retention ---------------------------------------------------------------------


def test_continuous_queries() -> None:
    assert RetentionPlan().continuous_queries() == {
        "cq_interface_1h": CQ_INTERFACE,
        "cq_device_1h": CQ_DEVICE,
    }


def test_continuous_query_names_are_escaped() -> None:
    statement = RetentionPlan(database='net"ops', long_policy="lo\\ng").continuous_queries()[
        "cq_device_1h"
    ]
    assert statement.startswith('CREATE CONTINUOUS QUERY "cq_device_1h" ON "net\\"ops" BEGIN')
    assert ' INTO "net\\"ops"."lo\\\\ng"."device_1h" FROM "net\\"ops"."raw"."device"' in statement


@pytest.mark.parametrize(
    ("policies", "cqs", "expected"),
    [
        (
            [],
            [],
            [
                'CREATE DATABASE "netops"',
                'SHOW RETENTION POLICIES ON "netops"',
                'CREATE RETENTION POLICY "raw" ON "netops" DURATION 30d REPLICATION 1 DEFAULT',
                'CREATE RETENTION POLICY "long" ON "netops" DURATION 400d REPLICATION 1',
                "SHOW CONTINUOUS QUERIES",
                CQ_INTERFACE,
                CQ_DEVICE,
            ],
        ),
        (
            [{"name": "raw"}],
            [
                {"name": "cq_interface_1h", "measurement": "netops"},
                {"name": "cq_device_1h", "measurement": "other"},
            ],
            [
                'CREATE DATABASE "netops"',
                'SHOW RETENTION POLICIES ON "netops"',
                'ALTER RETENTION POLICY "raw" ON "netops" DURATION 30d DEFAULT',
                'CREATE RETENTION POLICY "long" ON "netops" DURATION 400d REPLICATION 1',
                "SHOW CONTINUOUS QUERIES",
                'DROP CONTINUOUS QUERY "cq_interface_1h" ON "netops"',
                CQ_INTERFACE,
                CQ_DEVICE,
            ],
        ),
    ],
)
def test_setup_database_statements(
    monkeypatch: pytest.MonkeyPatch,
    policies: list[dict[str, Any]],
    cqs: list[dict[str, Any]],
    expected: list[str],
) -> None:
    sent: list[str] = []

    def fake(url: str, statement: str, **_: object) -> list[dict[str, Any]]:
        sent.append(statement)
        if statement.startswith("SHOW RETENTION"):
            return policies
        return cqs if statement == "SHOW CONTINUOUS QUERIES" else []

    monkeypatch.setattr(retention, "query", fake)
    setup_database("http://influx", RetentionPlan())
    assert sent == expected


# -- report history ----------------------------------------------------------------


def test_history_statements() -> None:
    recorder = Recorder()
    history = InfluxHistory(recorder, InfluxNames(), {"a": "a-core"}, now=T0)
    day = Period(kind="day", label="2024-05-02", start=T0, end=T0 + 24 * HOUR)
    history.connected(day)
    history.samples(T0, T0 + HOUR)  # recent: raw points are asked for too
    span = "time >= '2024-05-02T06:30:15Z' AND time < '2024-05-02T07:30:15Z'"
    assert recorder.statements == [
        'SELECT max("oper_up_ratio") AS up FROM "netops"."long"."interface_1h"'
        " WHERE \"role\" = 'uplink' AND time >= '2024-05-02T06:30:15Z'"
        " AND time < '2024-05-03T06:30:15Z' GROUP BY \"school\"",
        'SELECT max("oper_up") AS up FROM "netops"."raw"."interface"'
        " WHERE \"role\" = 'uplink' AND time >= '2024-05-02T06:30:15Z'"
        " AND time < '2024-05-03T06:30:15Z' GROUP BY \"school\"",
        'SELECT "oper_up_ratio" AS ratio FROM "netops"."long"."interface_1h"'
        f' WHERE "role" = \'uplink\' AND {span} GROUP BY "school"',
        'SELECT "reachable_ratio" AS ratio FROM "netops"."long"."device_1h"'
        f' WHERE {span} GROUP BY "school", "device"',
        'SELECT mean("oper_up") AS ratio FROM "netops"."raw"."interface"'
        f' WHERE "role" = \'uplink\' AND {span} GROUP BY time(1h), "school" fill(none)',
        'SELECT mean("reachable") AS ratio FROM "netops"."raw"."device"'
        f' WHERE {span} GROUP BY time(1h), "school", "device" fill(none)',
    ]


def test_history_names() -> None:
    names = InfluxNames(database="db", raw_policy="r", long_policy="l", every="5m")
    assert names.raw("device") == '"db"."r"."device"'
    assert names.long("interface") == '"db"."l"."interface_5m"'


# -- observe -----------------------------------------------------------------------


def test_uplink_traffic_statements_escape_tag_values() -> None:
    recorder = Recorder()
    uplink_traffic(recorder, "sw'1", "Gi0/1\\x", T0, T0 + HOUR)
    where = (
        "device = 'sw\\'1' AND port = 'Gi0/1\\\\x'"
        " AND time > '2024-05-02T06:30:15.250000Z' AND time <= '2024-05-02T07:30:15.250000Z'"
    )
    assert recorder.statements == [
        f"SELECT in_bps, out_bps FROM interface_rate WHERE {where} ORDER BY time",
        f"SELECT in_octets, out_octets FROM interface WHERE {where} ORDER BY time",
    ]


def test_bulk_statements() -> None:
    recorder = Recorder()
    uplink_loads(recorder, now=T0, county="x'y")
    optics_trends(recorder, now=T0)
    assert recorder.statements == [
        "SELECT percentile(in_bps, 95) AS in_bps, percentile(out_bps, 95) AS out_bps,"
        " count(in_bps) AS samples FROM (SELECT non_negative_derivative(in_octets, 1s) * 8"
        " AS in_bps, non_negative_derivative(out_octets, 1s) * 8 AS out_bps FROM interface"
        " WHERE role = 'uplink' AND county = 'x\\'y' AND time > '2024-05-02T05:30:15.250000Z'"
        " AND time <= '2024-05-02T06:30:15.250000Z' GROUP BY device, port) GROUP BY device, port",
        "SELECT mean(rx_dbm) AS rx_dbm FROM optics WHERE (role = 'uplink' OR role = 'aggregation')"
        " AND time > '2024-05-02T00:30:15.250000Z' AND time <= '2024-05-02T06:30:15.250000Z'"
        " GROUP BY time(1800s), device, port fill(none)",
    ]


def test_snapshot_statements() -> None:
    recorder = Recorder()
    read_snapshot(
        recorder,
        now=T0.astimezone(UTC),
        max_age_s=300,
        county="xy",
        capacity_window_s=None,
        optics_window_s=None,
    )
    where = (
        "time > '2024-05-02T06:15:15.250000Z' AND time <= '2024-05-02T06:30:15.250000Z'"
        " AND county = 'xy'"
    )
    assert recorder.statements == [
        "SELECT last(oper_up) AS oper_up, admin_up, speed_mbps, duplex"
        f" FROM interface WHERE {where} GROUP BY *",
        f"SELECT last(rx_dbm) AS rx_dbm, tx_dbm FROM optics WHERE {where} GROUP BY device, port",
        f"SELECT last(reachable) AS reachable, reason FROM device WHERE {where} GROUP BY *",
    ]
