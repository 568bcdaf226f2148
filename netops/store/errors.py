"""The store's errors: what callers catch instead of urllib or influxdb-client exceptions."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the time-series store went wrong."""


class StoreUnavailableError(StoreError):
    """InfluxDB did not take the lines now (refused, timed out, 5xx, auth): retry later."""


class StoreRejectedError(StoreError):
    """InfluxDB refused the lines themselves (400/422: bad line protocol, type conflict)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"{status} {message}".strip())


class StoreQueryError(StoreError):
    """InfluxDB answered a query with an error."""
