"""Plain-HTTP side of the store (stdlib): ``/ping``, ``/query`` and the v1 ``/write``.

InfluxDB 1.x before 1.8 has no ``/api/v2/write``, so influxdb-client cannot write to
it; the v1 endpoint takes the same line protocol.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from netops.store.errors import StoreQueryError, StoreRejectedError, StoreUnavailableError

log = logging.getLogger(__name__)

#: Time stamps are whole seconds: polls are a minute apart, and a retried poll in
#: the same second overwrites its first attempt instead of adding a point.
PRECISION = "s"
#: Statuses that say "these lines are bad"; every other error is "try again later".
REJECT_STATUSES = frozenset({400, 422})

# urllib honours http_proxy; InfluxDB is reached directly.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Credentials:
    """How to authenticate: a token (2.x/3.x, 1.8+) or a v1 user; never logged."""

    username: str | None = None
    password: str | None = None
    token: str | None = None

    def headers(self) -> dict[str, str]:
        """The Authorization header, if any."""
        if self.token:
            return {"Authorization": f"Token {self.token}"}
        if self.username:
            pair = f"{self.username}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        return {}

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password=***, token=***)"


def _request(
    url: str, *, data: bytes | None, headers: dict[str, str], timeout: float
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        url, data=data, headers=headers, method="GET" if data is None else "POST"
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return int(response.status), dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        try:
            return err.code, dict(err.headers), err.read()
        finally:
            err.close()
    except (OSError, http.client.HTTPException) as err:
        # The URL carries no secrets (credentials go in headers).
        raise StoreUnavailableError(f"{url}: no answer ({err})") from err


def _error_text(raw: bytes) -> str:
    text = raw.decode(errors="replace").strip()
    try:
        answer = json.loads(text)
    except ValueError:
        return text[:500]
    if isinstance(answer, dict):
        return str(answer.get("error") or answer.get("message") or text)[:500]
    return text[:500]


def raise_for_write_status(status: int, raw: bytes, where: str) -> None:
    """Translate a write's HTTP status into nothing (2xx) or a store error."""
    if 200 <= status < 300:
        return
    message = _error_text(raw)
    if status in REJECT_STATUSES:
        raise StoreRejectedError(status, message)
    raise StoreUnavailableError(f"{where}: {status} {message}".rstrip())


def ping(url: str, *, timeout: float = 2.0, credentials: Credentials | None = None) -> str:
    """The server's ``X-Influxdb-Version`` ("" when it does not say).

    Raises:
        StoreUnavailableError: no answer, or not 2xx.
    """
    headers = credentials.headers() if credentials else {}
    status, answer, _ = _request(f"{url}/ping", data=None, headers=headers, timeout=timeout)
    if not 200 <= status < 300:
        raise StoreUnavailableError(f"{url}/ping answered {status}")
    versions = [v for k, v in answer.items() if k.lower() == "x-influxdb-version"]
    return versions[0] if versions else ""


def _rows(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for result in results:
        if "error" in result:
            raise StoreQueryError(str(result["error"]))
        for series in result.get("series", []):
            base = {"measurement": series.get("name"), **series.get("tags", {})}
            columns = series.get("columns", [])
            rows.extend(
                {**base, **dict(zip(columns, values, strict=False))}
                for values in series.get("values", [])
            )
    return rows


def query(
    url: str,
    influxql: str,
    *,
    database: str | None = None,
    credentials: Credentials | None = None,
    timeout: float = 10.0,
) -> list[dict[str, Any]]:
    """Run InfluxQL over ``POST /query``; one dict per row.

    A row holds ``measurement`` (the series name), the tags and the columns; times
    are integer seconds (``epoch=s``).

    Raises:
        StoreUnavailableError: no answer, or a 5xx.
        StoreQueryError: the server rejected the statement.
    """
    form = {"q": influxql, "epoch": PRECISION}
    if database:
        form["db"] = database
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    headers.update(credentials.headers() if credentials else {})
    body = urllib.parse.urlencode(form).encode()
    status, _, raw = _request(f"{url}/query", data=body, headers=headers, timeout=timeout)
    if status >= 500:
        raise StoreUnavailableError(f"{url}/query: {status} {_error_text(raw)}")
    if status != 200:
        raise StoreQueryError(f"{influxql!r}: {status} {_error_text(raw)}")
    try:
        answer = json.loads(raw) if raw else {}
    except ValueError as err:
        raise StoreQueryError(f"{influxql!r}: not JSON: {raw[:200]!r}") from err
    if "error" in answer:
        raise StoreQueryError(f"{influxql!r}: {answer['error']}")
    return _rows(answer.get("results", []))


class V1Writer:
    """Writes line protocol to ``POST /write`` (InfluxDB 1.x, also 1.8+ and 2.x compat)."""

    def __init__(
        self,
        url: str,
        database: str,
        *,
        retention_policy: str | None = None,
        credentials: Credentials | None = None,
        timeout: float = 10.0,
    ) -> None:
        params = {"db": database, "precision": PRECISION}
        if retention_policy:
            params["rp"] = retention_policy
        self.endpoint = f"{url}/write?{urllib.parse.urlencode(params)}"
        self._headers = {"Content-Type": "text/plain; charset=utf-8"}
        self._headers.update(credentials.headers() if credentials else {})
        self.timeout = timeout

    def write(self, lines: list[str]) -> None:
        """Write the lines in one request.

        Raises:
            StoreUnavailableError: no answer, timeout, 5xx, 401/403/404.
            StoreRejectedError: 400/422, the lines are bad.
        """
        if not lines:
            return
        body = "\n".join(lines).encode()
        status, _, raw = _request(
            self.endpoint, data=body, headers=self._headers, timeout=self.timeout
        )
        raise_for_write_status(status, raw, self.endpoint)

    def close(self) -> None:
        """Nothing to release (one connection per request)."""
