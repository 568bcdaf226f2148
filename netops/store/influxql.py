"""InfluxQL text: quoted identifiers and strings, time literals, qualified measurements.

The one place statements are escaped; retention, the report history and
:mod:`netops.observe` build their statements from these.
"""

from __future__ import annotations

from datetime import UTC, datetime


def quote_identifier(name: str) -> str:
    """A double-quoted identifier (database, policy, measurement, query name)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_literal(value: str) -> str:
    """A single-quoted string (tag values, times)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def time_literal(moment: datetime, *, microseconds: bool = True) -> str:
    """An RFC 3339 time (UTC) for a WHERE clause; whole seconds unless ``microseconds``."""
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if microseconds else "%Y-%m-%dT%H:%M:%SZ"
    return quote_literal(moment.astimezone(UTC).strftime(fmt))


def qualified(database: str, policy: str, measurement: str) -> str:
    """``"database"."policy"."measurement"``."""
    return ".".join(quote_identifier(part) for part in (database, policy, measurement))
