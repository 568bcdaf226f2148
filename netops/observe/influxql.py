"""InfluxQL pieces: the query function seam, time bounds, row values.

Quoting and time literals come from :mod:`netops.store.influxql`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from netops.store.influxql import time_literal

QueryFn = Callable[[str], list[dict[str, Any]]]
"""InfluxQL in, one dict per row out (``measurement``, tags, columns; ``time`` in
epoch seconds): :func:`netops.store.query` bound to a URL and database, or a fake."""


def between(since: datetime, until: datetime) -> str:
    """``time > since AND time <= until``."""
    return f"time > {time_literal(since)} AND time <= {time_literal(until)}"


def epoch(value: Any) -> datetime:
    """A row's ``time`` (epoch seconds, or an RFC 3339 string) as UTC."""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)


def flag(value: Any) -> bool | None:
    """A 0/1 field as a bool."""
    return None if value is None else bool(value)


def number(value: Any) -> float | None:
    """A numeric field as a float."""
    return None if value is None else float(value)


def integer(value: Any) -> int | None:
    """A numeric field as an int."""
    return None if value is None else int(value)


@dataclass
class TimedQuery:
    """Wraps a query function and adds up the time spent in it (the bench's figure)."""

    query: QueryFn
    calls: int = 0
    seconds: float = 0.0
    rows: int = field(default=0)

    def __call__(self, influxql: str) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            rows = self.query(influxql)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1
        self.rows += len(rows)
        return rows
