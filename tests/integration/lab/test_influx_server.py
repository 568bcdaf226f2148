"""The lab's private InfluxDB 1.6.7: a real influxd on 127.0.0.1 in a temp directory."""

from __future__ import annotations

import http.server
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netops.lab import processes
from netops.lab.influx import (
    InfluxNotInstalledError,
    InfluxServer,
    InfluxStartError,
    InfluxUnavailableError,
    find_influxd,
    ping,
    query,
)

pytestmark = pytest.mark.integration

DB = "netops"
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(url: str, body: str, timeout: float = 5.0) -> int:
    """POST ``body``; the HTTP status (errors included)."""
    request = urllib.request.Request(url, data=body.encode(), method="POST")
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        err.close()
        return err.code


def write(server: InfluxServer, lines: str, timeout: float = 5.0) -> int:
    """Line protocol through the v1 ``/write`` endpoint, second precision."""
    return post(f"{server.url}/write?db={DB}&precision=s", lines, timeout)


def values(server: InfluxServer, statement: str) -> list[list[Any]]:
    """The rows of a one-series InfluxQL answer, times in epoch seconds."""
    [result] = query(server.url, statement, database=DB, epoch="s")
    series = result.get("series", [])
    return [] if not series else list(series[0]["values"])


def listening(pid: int) -> set[tuple[str, str, int]]:
    """(protocol, address, port) of every socket of ``pid`` that listens or is bound to UDP."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            link = str(fd.readlink())
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    found = set()
    for proto in ("tcp", "tcp6", "udp", "udp6"):
        for line in Path(f"/proc/net/{proto}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] not in inodes or (proto.startswith("tcp") and fields[3] != "0A"):
                continue
            address, port = fields[1].split(":")
            if len(address) == 8:
                address = socket.inet_ntoa(bytes.fromhex(address)[::-1])
            found.add((proto, address, int(port, 16)))
    return found


def proc_state(pid: int) -> str:
    """The state letter of /proc/PID/stat (R, S, T, Z ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_state(pid: int, state: str, timeout: float = 2.0) -> str:
    """The state of ``pid`` once it is ``state`` (signals arrive asynchronously), or at timeout."""
    deadline = time.monotonic() + timeout
    while (current := proc_state(pid)) != state and time.monotonic() < deadline:
        time.sleep(0.01)
    return current


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfluxServer]:
    """One influxd for the module; tests that stop or pause it leave it running."""
    influx = InfluxServer(tmp_path_factory.mktemp("lab") / "influx")
    influx.start()
    yield influx
    influx.stop()


@pytest.fixture
def bystander(tmp_path: Path) -> Iterator[processes.ProcessRecord]:
    """Another lab process that must never be signalled by the server's stop or pause."""
    record = processes.spawn("bystander", ["sleep", "60"], tmp_path / "sleep.log")
    yield record
    processes.stop(record)


def test_start_records_where_and_what(server: InfluxServer) -> None:
    record = server.record
    assert record is not None
    assert record.url == server.url
    assert record.url.startswith("http://127.0.0.1:")
    assert record.version.startswith("1.6.")
    assert record.database == DB
    assert record.config == server.directory / "influxd.conf"
    assert record.data_dir == server.directory
    assert record.process.log == server.directory / "influxd.log"
    for sub in ("meta", "data", "wal"):
        assert (record.data_dir / sub).is_dir()
    assert ping(server.url) == record.version
    [result] = query(server.url, "SHOW DATABASES")
    assert [DB] in result["series"][0]["values"]


def test_listens_only_on_its_two_ports_on_localhost(server: InfluxServer) -> None:
    record = server.record
    assert record is not None
    assert listening(record.process.pid) == {
        ("tcp", "127.0.0.1", record.http_port),
        ("tcp", "127.0.0.1", record.rpc_port),
    }


def test_v1_write_then_influxql_query(server: InfluxServer) -> None:
    lines = (
        "if_octets,device=xy-0001-core,port=GE0/0/1 in=1000i,out=2000i 1700000000\n"
        "if_octets,device=xy-0001-core,port=GE0/0/1 in=1500i,out=2600i 1700000060\n"
        "if_octets,device=xy-0002-core,port=GE0/0/1 in=7i,out=9i 1700000000\n"
    )
    assert write(server, lines) == 204
    rows = values(server, 'SELECT "in", "out" FROM if_octets WHERE device=\'xy-0001-core\'')
    assert rows == [[1700000000, 1000, 2000], [1700000060, 1500, 2600]]
    [result] = query(server.url, 'SELECT count("in") FROM if_octets GROUP BY device', database=DB)
    counts = {s["tags"]["device"]: s["values"][0][1] for s in result["series"]}
    assert counts == {"xy-0001-core": 2, "xy-0002-core": 1}
    assert write(server, "not line protocol") == 400


def test_v2_write_endpoint_is_absent_on_1_6(server: InfluxServer) -> None:
    """influxdb-client's WriteApi posts to /api/v2/write: 1.6.7 does not serve it."""
    status = post(f"{server.url}/api/v2/write?org=-&bucket={DB}&precision=s", "m v=1i 1700000000")
    assert status == 404


def test_pause_times_out_and_resume_loses_nothing(
    server: InfluxServer, bystander: processes.ProcessRecord
) -> None:
    assert write(server, "reach,device=sw1 up=1i 1700001000") == 204
    assert server.record is not None
    # As `netops lab fault` would, from the record alone (another process).
    fault = InfluxServer.from_record(server.record)
    fault.pause(True)
    try:
        assert wait_state(server.record.process.pid, "T") == "T"
        assert fault.alive()
        started = time.monotonic()
        with pytest.raises(InfluxUnavailableError, match="timed out"):
            ping(server.url, timeout=0.5)
        assert time.monotonic() - started < 2.0
        with pytest.raises(TimeoutError):
            write(server, "reach,device=sw1 up=0i 1700001060", timeout=0.5)
    finally:
        fault.pause(False)
    assert ping(server.url, timeout=2.0) == server.record.version
    # A write that timed out may still land after the thaw: the spool replays it and
    # the same series and timestamp overwrite, never duplicate.
    assert write(server, "reach,device=sw1 up=0i 1700001060") == 204
    assert values(server, "SELECT up FROM reach") == [[1700001000, 1], [1700001060, 0]]
    assert processes.alive(bystander)
    assert proc_state(bystander.pid) != "T"


def test_stop_refuses_then_start_keeps_url_and_data(
    server: InfluxServer, bystander: processes.ProcessRecord
) -> None:
    assert write(server, "kept,device=sw2 v=42i 1700002000") == 204
    before = server.record
    assert before is not None
    started = time.monotonic()
    assert server.stop() is True
    stop_seconds = time.monotonic() - started
    assert not server.alive()
    assert not processes.alive(before.process)
    assert not Path(f"/proc/{before.process.pid}").exists()
    assert processes.alive(bystander)
    with pytest.raises(InfluxUnavailableError, match="refused"):
        ping(server.url, timeout=1.0)
    assert server.stop() is False

    started = time.monotonic()
    after = server.start()
    start_seconds = time.monotonic() - started
    assert after.url == before.url
    assert after.rpc_address == before.rpc_address
    assert after.process.pid != before.process.pid
    assert values(server, "SELECT v FROM kept") == [[1700002000, 42]]
    assert stop_seconds < 5.0
    assert start_seconds < 10.0


def test_stop_while_paused_is_clean_and_quick(server: InfluxServer) -> None:
    server.pause(True)
    started = time.monotonic()
    assert server.stop() is True
    assert time.monotonic() - started < 2.0  # thawed first: no 10 s wait for SIGKILL
    assert "Server shutdown completed" in server.log.read_text().splitlines()[-1]
    server.start()
    assert ping(server.url).startswith("1.6.")


def test_start_is_idempotent_and_a_second_server_on_the_same_config_is_refused(
    server: InfluxServer,
) -> None:
    record = server.record
    assert server.start() == record
    with pytest.raises(InfluxStartError, match="already runs"):
        InfluxServer(server.directory).start()


class _Answers204(http.server.BaseHTTPRequestHandler):
    """Another server on the port that would answer /ping as if it were ours."""

    def do_GET(self) -> None:
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.parametrize("taken", ["http", "rpc"])
def test_taken_port_fails_with_the_log_tail(tmp_path: Path, taken: str) -> None:
    foreign = http.server.HTTPServer(("127.0.0.1", 0), _Answers204)
    thread = threading.Thread(target=foreign.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    port = int(foreign.server_address[1])
    free = processes.free_port()
    http_port, rpc_port = (port, free) if taken == "http" else (free, port)
    influx = InfluxServer(tmp_path / "influx", http_port=http_port, rpc_port=rpc_port)
    try:
        with pytest.raises(InfluxStartError, match="address already in use") as failure:
            influx.start()
    finally:
        foreign.shutdown()
        foreign.server_close()
    assert f"127.0.0.1:{port}" in failure.value.log_tail
    assert failure.value.log == tmp_path / "influx" / "influxd.log"
    assert not influx.alive()


def test_missing_influxd_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InfluxNotInstalledError, match="not found"):
        InfluxServer(tmp_path / "influx", influxd=tmp_path / "no-influxd").start()
    assert not (tmp_path / "influx" / "influxd.log").exists()


def test_influxd_is_found_off_path() -> None:
    found = find_influxd(search_path="")
    assert found.name == "influxd"
    assert found.is_file()
