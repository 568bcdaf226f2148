"""A private InfluxDB 1.x server for the lab and the tests, on 127.0.0.1 only.

Debian ships ``influxdb`` 1.6.7: it serves ``/ping``, ``/write`` (line protocol)
and ``/query`` (InfluxQL); ``/api/v2/write`` answers 404. The lab runs it as its
own process (never the Debian system service) with a config file, data and log
in one directory (``netops.lab.influx_config``), on free ports. Faults: the
lab ``pause``-s the server (it keeps its sockets but answers nothing: clients time
out) or stops it (connections are refused) and starts it again on the same ports
and data. Only the standard library talks HTTP here; ``netops.store`` owns
influxdb-client.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from email.message import Message
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from pydantic import BaseModel, ConfigDict

from netops.lab import processes
from netops.lab.influx_config import CONFIG_NAME, LOG_NAME, neutral_env, write_config
from netops.lab.processes import LOCALHOST, ProcessRecord

DEFAULT_DATABASE = "netops"
#: Where Debian (and a manual install) put the server when it is not on PATH.
INFLUXD_FALLBACKS = (Path("/usr/bin/influxd"), Path("/usr/local/bin/influxd"))
LOG_TAIL_LINES = 20

# urllib honours http_proxy: the lab's server is always reached directly.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class InfluxError(Exception):
    """Something about the lab's InfluxDB went wrong."""


class InfluxNotInstalledError(InfluxError):
    """No influxd binary was found."""


class InfluxUnavailableError(InfluxError):
    """The server did not answer (connection refused, timed out, reset)."""


class InfluxQueryError(InfluxError):
    """The server answered a request with an error."""


class InfluxStartError(InfluxError):
    """influxd did not start; carries the end of its log."""

    def __init__(self, reason: str, log: Path, log_tail: str) -> None:
        self.reason = reason
        self.log = log
        self.log_tail = log_tail
        self.port_in_use = "address already in use" in log_tail
        super().__init__(f"{reason} (log {log}):\n{log_tail}" if log_tail else reason)


class InfluxRecord(BaseModel):
    """What the lab file records about its InfluxDB server."""

    model_config = ConfigDict(frozen=True)

    url: str
    """HTTP API, ``http://127.0.0.1:PORT``."""
    version: str
    """``X-Influxdb-Version`` of ``/ping``, e.g. ``1.6.7~rc0``."""
    database: str
    process: ProcessRecord
    config: Path
    data_dir: Path
    """The server's directory: config, log, meta/, data/, wal/."""
    rpc_address: str
    """The RPC (backup/restore) service, ``127.0.0.1:PORT``."""

    @property
    def http_port(self) -> int:
        """Port of the HTTP API."""
        return int(urllib.parse.urlsplit(self.url).port or 0)

    @property
    def rpc_port(self) -> int:
        """Port of the RPC service."""
        return int(self.rpc_address.rsplit(":", 1)[1])


def find_influxd(explicit: Path | None = None, search_path: str | None = None) -> Path:
    """The influxd binary: ``explicit`` if given, else PATH, else the usual places.

    Raises:
        InfluxNotInstalledError: none found (``apt-get install influxdb``).
    """
    if explicit is not None:
        if explicit.is_file() and os.access(explicit, os.X_OK):
            return explicit
        raise InfluxNotInstalledError(f"influxd not found or not executable at {explicit}")
    found = shutil.which("influxd", path=search_path)
    if found:
        return Path(found)
    for candidate in INFLUXD_FALLBACKS:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise InfluxNotInstalledError(
        "influxd not found on PATH nor in "
        + ", ".join(str(p) for p in INFLUXD_FALLBACKS)
        + "; install it with `apt-get install influxdb` (scripts/bootstrap.sh does)"
    )


def _request(url: str, *, data: bytes | None, timeout: float) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return int(response.status), response.headers, response.read()
    except urllib.error.HTTPError as err:
        try:
            return err.code, err.headers, err.read()
        finally:
            err.close()
    except (OSError, http.client.HTTPException) as err:
        raise InfluxUnavailableError(f"{url}: no answer ({err})") from err


def ping(url: str, timeout: float = 2.0) -> str:
    """The server's version (``X-Influxdb-Version``) if ``/ping`` answers 204.

    Raises:
        InfluxUnavailableError: no answer within ``timeout``.
        InfluxQueryError: an answer other than 204.
    """
    status, headers, _ = _request(f"{url}/ping", data=None, timeout=timeout)
    if status != 204:
        raise InfluxQueryError(f"{url}/ping answered {status}, expected 204")
    return headers.get("X-Influxdb-Version") or "unknown"


def query(
    url: str,
    statement: str,
    *,
    database: str | None = None,
    epoch: str | None = None,
    timeout: float = 10.0,
) -> list[dict[str, Any]]:
    """Run InfluxQL through ``POST /query``; one result per statement.

    Raises:
        InfluxUnavailableError: no answer within ``timeout``.
        InfluxQueryError: the server rejected the request or a statement.
    """
    form = {"q": statement}
    if database is not None:
        form["db"] = database
    if epoch is not None:
        form["epoch"] = epoch
    body = urllib.parse.urlencode(form).encode()
    status, _, raw = _request(f"{url}/query", data=body, timeout=timeout)
    try:
        answer = json.loads(raw) if raw else {}
    except ValueError:
        answer = {"error": raw.decode(errors="replace").strip()}
    if status != 200 or "error" in answer:
        raise InfluxQueryError(f"{statement!r}: {status} {answer.get('error', '')}".rstrip())
    results: list[dict[str, Any]] = answer.get("results", [])
    for result in results:
        if "error" in result:
            raise InfluxQueryError(f"{statement!r}: {result['error']}")
    return results


def quote_identifier(name: str) -> str:
    """An InfluxQL identifier in double quotes."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _log_tail(log: Path, offset: int) -> str:
    try:
        with log.open("rb") as handle:
            handle.seek(offset)
            text = handle.read().decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-LOG_TAIL_LINES:])


def _spawn(argv: list[str], log: Path) -> ProcessRecord:
    return processes.spawn("influxd", argv, log, env=neutral_env())


def _pids_running(config: Path) -> Iterable[int]:
    """Processes whose command line names ``config`` (an influxd left running)."""
    wanted = os.fsencode(config)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if wanted in argv and argv[0].endswith(b"influxd"):
            yield int(entry.name)


class InfluxServer:
    """One private influxd: its directory, ports and process.

    Ports are chosen at the first start (unless given) and kept, so a restart
    serves the same URL and the same data.
    """

    def __init__(
        self,
        directory: Path,
        *,
        database: str = DEFAULT_DATABASE,
        influxd: Path | None = None,
        http_port: int | None = None,
        rpc_port: int | None = None,
        start_timeout: float = 30.0,
    ) -> None:
        self.directory = Path(directory).resolve()
        self.database = database
        self.influxd = influxd
        self.start_timeout = start_timeout
        self._http_given = self._http_port = http_port
        self._rpc_given = self._rpc_port = rpc_port
        # Ports the caller did not give are chosen at start, again on a clash,
        # and kept once a start succeeded.
        self._choose_ports = http_port is None or rpc_port is None
        self._record: InfluxRecord | None = None

    @classmethod
    def from_record(cls, record: InfluxRecord, *, influxd: Path | None = None) -> InfluxServer:
        """The server a lab file describes (possibly started by another process)."""
        server = cls(
            record.data_dir,
            database=record.database,
            influxd=influxd,
            http_port=record.http_port,
            rpc_port=record.rpc_port,
        )
        server._record = record
        return server

    @property
    def config(self) -> Path:
        """The config file (written at start)."""
        return self.directory / CONFIG_NAME

    @property
    def log(self) -> Path:
        """The server's log file."""
        return self.directory / LOG_NAME

    @property
    def url(self) -> str:
        """The HTTP API.

        Raises:
            InfluxError: no port chosen yet (never started).
        """
        if self._http_port is None:
            raise InfluxError("the InfluxDB server has no port yet: start it first")
        return f"http://{LOCALHOST}:{self._http_port}"

    @property
    def record(self) -> InfluxRecord | None:
        """The last start's record (None before the first start)."""
        return self._record

    def alive(self) -> bool:
        """True while the recorded influxd process runs (paused counts as running)."""
        return self._record is not None and processes.alive(self._record.process)

    def start(self) -> InfluxRecord:
        """Start influxd (if not running), wait for ``/ping``, create the database.

        Returns the new record (the current one if it runs, even paused); the lab
        file must be updated with it, its pid changes at every start.

        Raises:
            InfluxNotInstalledError: no influxd binary.
            InfluxStartError: it exited, or did not answer in ``start_timeout``
                (the message ends with its log), or one already runs on this config.
        """
        if self._record is not None and processes.alive(self._record.process):
            return self._record
        influxd = find_influxd(self.influxd)
        others = list(_pids_running(self.config))
        if others:
            raise InfluxStartError(
                f"influxd pid {others[0]} already runs with {self.config}; stop it first",
                self.log,
                "",
            )
        attempts = 3 if self._choose_ports else 1
        for attempt in range(1, attempts + 1):
            if self._choose_ports:
                self._pick_ports()
            try:
                self._record = self._start_once(influxd)
            except InfluxStartError as err:
                # A chosen port taken between free_port() and influxd's bind: choose again.
                if attempt == attempts or not err.port_in_use:
                    raise
                continue
            self._choose_ports = False
            return self._record
        raise AssertionError("unreachable")  # pragma: no cover

    def _pick_ports(self) -> None:
        if self._http_given is None:
            self._http_port = processes.free_port()
        if self._rpc_given is None:
            self._rpc_port = processes.free_port()
            while self._rpc_port == self._http_port:
                self._rpc_port = processes.free_port()

    def _start_once(self, influxd: Path) -> InfluxRecord:
        assert self._http_port is not None and self._rpc_port is not None
        config = write_config(self.directory, self._http_port, self._rpc_port)
        offset = self.log.stat().st_size if self.log.exists() else 0
        argv = [str(influxd), "-config", str(config)]
        process = _spawn(argv, self.log)
        try:
            version = self._wait_ready(process, offset)
            query(self.url, f"CREATE DATABASE {quote_identifier(self.database)}")
        except BaseException as err:  # never leave a half-started server behind
            processes.stop(process)
            if isinstance(err, InfluxError) and not isinstance(err, InfluxStartError):
                raise InfluxStartError(
                    f"influxd started but failed: {err}", self.log, _log_tail(self.log, offset)
                ) from err
            raise
        return InfluxRecord(
            url=self.url,
            version=version,
            database=self.database,
            process=process,
            config=config,
            data_dir=self.directory,
            rpc_address=f"{LOCALHOST}:{self._rpc_port}",
        )

    def _wait_ready(self, process: ProcessRecord, offset: int) -> str:
        assert self._http_port is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            if not processes.alive(process):
                processes.stop(process)  # reaps the exited child
                raise InfluxStartError(
                    "influxd exited during start", self.log, _log_tail(self.log, offset)
                )
            # Only ask /ping once our process holds the port: another server
            # there would answer for it.
            if processes.owns_listener(process.pid, self._http_port):
                try:
                    return ping(self.url, timeout=1.0)
                except InfluxUnavailableError:
                    pass
            if time.monotonic() > deadline:
                raise InfluxStartError(
                    f"influxd did not answer {self.url}/ping within {self.start_timeout:.0f} s",
                    self.log,
                    _log_tail(self.log, offset),
                )
            time.sleep(0.05)

    def create_database(self, name: str) -> None:
        """Create a database (no error if it exists)."""
        query(self.url, f"CREATE DATABASE {quote_identifier(name)}")

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the server (SIGTERM, then SIGKILL); False if it was not running.

        A paused server is thawed first so it can shut down cleanly.
        """
        if self._record is None:
            return False
        process = self._record.process
        processes.pause(process, False)
        return processes.stop(process, timeout=timeout)

    def pause(self, paused: bool) -> None:
        """Freeze (SIGSTOP) or thaw (SIGCONT): frozen, it accepts connections but never answers."""
        if self._record is not None:
            processes.pause(self._record.process, paused)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
