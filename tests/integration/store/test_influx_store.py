"""The store against a real influxd 1.6.7 started in a temp directory."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.lab.influx import InfluxServer
from netops.monitoring.results import DevicePoll, PortReading, PortRole
from netops.store.adapter import V2Writer
from netops.store.errors import StoreUnavailableError
from netops.store.points import device_lines
from netops.store.retention import RetentionPlan, setup_database
from netops.store.spool import Spool
from netops.store.store import Store
from netops.store.transport import V1Writer, ping, query
from netops.store.writer import AutoWriter, Target, detect_writer

pytestmark = pytest.mark.integration

DB = "netops"
#: Inside the raw policy's 30 days: older points would be dropped by InfluxDB.
T0 = int(time.time()) - 3600


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfluxServer]:
    """A private influxd with the netops policies and continuous queries."""
    influx = InfluxServer(tmp_path_factory.mktemp("influx"), database=DB)
    influx.start()
    setup_database(influx.url, RetentionPlan(database=DB))
    yield influx
    influx.stop()


@pytest.fixture
def up(server: InfluxServer) -> InfluxServer:
    """The server, running and answering (a test may have stopped or paused it)."""
    server.pause(False)
    server.start()
    return server


def numbered(run: str, start: int, count: int) -> list[str]:
    """``count`` points of one series ``run``, one second apart."""
    return [f"probe,run={run} n={i}i {T0 + i}" for i in range(start, start + count)]


def counts(url: str, run: str) -> tuple[int, int]:
    """(points, distinct n values) of series ``run``."""
    rows = query(
        url, f"SELECT count(n), count(distinct(n)) FROM probe WHERE run = '{run}'", database=DB
    )
    if not rows:
        return 0, 0
    return int(rows[0]["count"]), int(rows[0]["count_1"])


def new_store(url: str, spool_path: Path, timeout: float = 2.0) -> Store:
    """A v1 store writing to the raw policy, flushing on every write."""
    writer = V1Writer(url, DB, retention_policy="raw", timeout=timeout)
    return Store(writer, Spool(spool_path), batch_size=50, flush_interval_s=0)


def test_ping_detects_v1(up: InfluxServer) -> None:
    assert ping(up.url).startswith("1.6")
    assert isinstance(detect_writer(Target(up.url)), V1Writer)
    assert isinstance(detect_writer(Target(up.url), "v2"), V2Writer)


def test_poll_points_are_read_back(up: InfluxServer, tmp_path: Path) -> None:
    poll = DevicePoll(
        device="xy-s001-core",
        collector="snmp",
        time=datetime.fromtimestamp(T0, UTC),
        ok=True,
        county="xingyi",
        school="xy-s001",
        duration_s=0.25,
        varbinds=12,
        ports=[
            PortReading(
                port="GigabitEthernet 0/1,a=b",
                role=PortRole.UPLINK,
                oper_up=True,
                speed_mbps=1000,
                duplex="full",
                in_octets=2**64 - 1,
                rx_dbm=-4.5,
            )
        ],
    )
    store = Store(AutoWriter(Target(up.url, DB, retention_policy="raw")), Spool(tmp_path / "s"))
    report = store.write(device_lines(poll))
    report = store.flush() if report is None else report
    assert report.written == 3 and report.error is None
    [row] = query(up.url, 'SELECT * FROM "raw"."interface"', database=DB)
    assert row["time"] == T0 and row["port"] == "GigabitEthernet 0/1,a=b"
    assert (row["oper_up"], row["speed_mbps"], row["duplex"]) == (1, 1000, "full")
    assert row["in_octets"] == 2**63 - 1
    [optics] = query(up.url, 'SELECT rx_dbm FROM "raw"."optics"', database=DB)
    assert optics["rx_dbm"] == -4.5
    store.close()


def test_policies_and_continuous_queries_exist(up: InfluxServer) -> None:
    setup_database(up.url, RetentionPlan(database=DB))  # a second setup changes nothing
    policies = {row["name"]: row for row in query(up.url, f"SHOW RETENTION POLICIES ON {DB}")}
    assert policies["raw"]["duration"] == "720h0m0s" and policies["raw"]["default"] is True
    assert policies["long"]["duration"] == "9600h0m0s"
    cqs = {
        row["name"] for row in query(up.url, "SHOW CONTINUOUS QUERIES") if row["measurement"] == DB
    }
    assert cqs == {"cq_interface_1h", "cq_device_1h"}


def test_outage_refused_then_replayed_exactly(up: InfluxServer, tmp_path: Path) -> None:
    store = new_store(up.url, tmp_path / "spool")
    store.write(numbered("refused", 0, 10))
    up.stop()
    for start in (10, 20, 30):
        report = store.write(numbered("refused", start, 10))
        assert report is not None and report.error is not None
    assert store.spool.pending() == 30
    up.start()
    report = store.write(numbered("refused", 40, 10))
    assert report is not None and report.error is None and report.pending == 0
    assert counts(up.url, "refused") == (50, 50)
    store.close()


def test_outage_hung_server_times_out_then_replays(up: InfluxServer, tmp_path: Path) -> None:
    store = new_store(up.url, tmp_path / "spool", timeout=0.5)
    up.pause(True)
    try:
        report = store.write(numbered("hung", 0, 20))
        assert report is not None and "no answer" in (report.error or "")
        assert store.spool.pending() == 20
    finally:
        up.pause(False)
    assert store.flush().pending == 0
    assert counts(up.url, "hung") == (20, 20)
    store.close()


def test_a_restarted_netops_replays_the_spool(up: InfluxServer, tmp_path: Path) -> None:
    path = tmp_path / "spool"
    up.stop()
    first = new_store(up.url, path)
    first.write(numbered("restart", 0, 25))
    assert first.close().pending == 25
    up.start()
    second = new_store(up.url, path)
    assert second.flush().written == 25
    assert counts(up.url, "restart") == (25, 25)
    second.close()


def test_a_bad_line_is_quarantined(up: InfluxServer, tmp_path: Path) -> None:
    store = new_store(up.url, tmp_path / "spool")
    lines = [
        *numbered("bad", 0, 5),
        "probe,run=bad n=this-is-not-line-protocol",
        *numbered("bad", 5, 5),
    ]
    report = store.write(lines)
    assert report is not None and report.rejected == 1 and report.pending == 0
    [(line, error)] = store.spool.rejected()
    assert "not-line-protocol" in line and error.startswith("400")
    assert counts(up.url, "bad") == (10, 10)
    store.close()


def test_v2_writer_on_1_6_is_unavailable_not_a_crash(up: InfluxServer) -> None:
    writer = V2Writer(up.url, f"{DB}/raw")
    with pytest.raises(StoreUnavailableError, match="404"):
        writer.write(numbered("v2", 0, 1))
    writer.close()
