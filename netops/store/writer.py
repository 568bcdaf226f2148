"""The transport seam: the ``Writer`` protocol, its fake, and choosing v1 or v2 by ``/ping``."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from netops.store.adapter import V2Writer
from netops.store.errors import StoreRejectedError, StoreUnavailableError
from netops.store.transport import Credentials, V1Writer, ping

log = logging.getLogger(__name__)

Api = Literal["auto", "v1", "v2"]


class Writer(Protocol):
    """Takes lines of line protocol to InfluxDB."""

    def write(self, lines: list[str]) -> None:
        """Write all lines or raise StoreUnavailableError / StoreRejectedError."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


@dataclass
class FakeWriter:
    """A Writer in memory for tests: fails the next ``fail`` writes, rejects bad lines."""

    fail: int = 0
    """How many of the next writes raise StoreUnavailableError."""
    reject: Callable[[str], bool] = lambda line: False
    """Lines for which a write raises StoreRejectedError (400)."""
    written: list[str] = field(default_factory=list)
    calls: int = 0

    def write(self, lines: list[str]) -> None:
        """Record the lines, or fail as told."""
        self.calls += 1
        if self.fail > 0:
            self.fail -= 1
            raise StoreUnavailableError("fake: InfluxDB down")
        bad = [line for line in lines if self.reject(line)]
        if bad:
            raise StoreRejectedError(400, f"fake: unable to parse {bad[0]!r}")
        self.written.extend(lines)

    def close(self) -> None:
        """Nothing to release."""


_VERSION = re.compile(r"v?(\d+)\.(\d+)")


def api_for_version(version: str) -> Literal["v1", "v2"]:
    """v1 for InfluxDB 1.x before 1.8 (no ``/api/v2/write``), v2 otherwise."""
    match = _VERSION.match(version.strip())
    if match is None:
        return "v2"  # servers that say nothing or something new speak v2
    major, minor = int(match.group(1)), int(match.group(2))
    return "v1" if (major, minor) < (1, 8) else "v2"


@dataclass(frozen=True)
class Target:
    """Where and how to write (from settings)."""

    url: str
    database: str = "netops"
    retention_policy: str | None = None
    credentials: Credentials = field(default_factory=Credentials)
    org: str | None = None
    bucket: str | None = None
    timeout_s: float = 10.0


def make_writer(target: Target, api: Literal["v1", "v2"]) -> Writer:
    """The writer for an API chosen already."""
    if api == "v1":
        return V1Writer(
            target.url,
            target.database,
            retention_policy=target.retention_policy,
            credentials=target.credentials,
            timeout=target.timeout_s,
        )
    creds = target.credentials
    token = creds.token or (f"{creds.username}:{creds.password or ''}" if creds.username else None)
    bucket = target.bucket or (
        f"{target.database}/{target.retention_policy}"
        if target.retention_policy
        else target.database
    )
    return V2Writer(
        target.url, bucket, org=target.org or "-", token=token, timeout=target.timeout_s
    )


def detect_writer(target: Target, api: Api = "auto") -> Writer:
    """A writer for ``target``: ``api`` if forced, else by ``/ping``'s X-Influxdb-Version.

    Raises:
        StoreUnavailableError: ``auto`` and ``/ping`` did not answer.
    """
    if api == "auto":
        version = ping(target.url, timeout=target.timeout_s, credentials=target.credentials)
        api = api_for_version(version)
        log.info("InfluxDB %s at %s: writing with the %s API", version or "?", target.url, api)
    return make_writer(target, api)


class AutoWriter:
    """Detects the API at the first write, so a Store can start while InfluxDB is down."""

    def __init__(self, target: Target, api: Api = "auto") -> None:
        self.target = target
        self.api = api
        self._inner: Writer | None = None

    def write(self, lines: list[str]) -> None:
        """Detect (once), then write."""
        if self._inner is None:
            self._inner = detect_writer(self.target, self.api)
        self._inner.write(lines)

    def close(self) -> None:
        """Close the detected writer."""
        if self._inner is not None:
            self._inner.close()
