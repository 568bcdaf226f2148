"""Uplink history from InfluxDB: which schools were connected, availability in teaching hours.

Reads the hourly long-term points (``long.interface_1h``, ``long.device_1h``); where
they are missing (the period is recent: the continuous queries run once an hour, or
never ran over this data) the same hourly figures are computed from the raw points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from netops.observe.influxql import QueryFn
from netops.reports.inputs import Availability, HourSample, TeachingHours
from netops.reports.period import Period
from netops.store.influxql import qualified, time_literal

HOUR = timedelta(hours=1)
#: How long after an hour its downsampled point may still be missing.
CQ_LAG = timedelta(hours=2)


@dataclass(frozen=True)
class InfluxNames:
    """Database, policies and the downsampled measurements' names (from settings)."""

    database: str = "netops"
    raw_policy: str = "raw"
    long_policy: str = "long"
    every: str = "1h"

    def raw(self, measurement: str) -> str:
        """Fully qualified raw measurement."""
        return qualified(self.database, self.raw_policy, measurement)

    def long(self, measurement: str) -> str:
        """Fully qualified downsampled measurement (``interface`` -> ``interface_1h``)."""
        return qualified(self.database, self.long_policy, f"{measurement}_{self.every}")


def _span(start: datetime, end: datetime) -> str:
    return (
        f"time >= {time_literal(start, microseconds=False)}"
        f" AND time < {time_literal(end, microseconds=False)}"
    )


def _hour(row: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(int(row["time"]), UTC)


def teaching_hours(period: Period, timetable: TeachingHours) -> dict[datetime, float]:
    """Hour start -> seconds of teaching in that hour, for the hours of the period that teach."""
    hours: dict[datetime, float] = {}
    at = period.start.replace(minute=0, second=0, microsecond=0)
    while at < period.end:
        start, end = max(at, period.start), min(at + HOUR, period.end)
        seconds = float(timetable.teaching_seconds(start, end))
        if seconds > 0:
            hours[at] = seconds
        at += HOUR
    return hours


def day_chunks(hours: dict[datetime, float]) -> list[tuple[datetime, datetime]]:
    """Query windows: per day (UTC), from its first teaching hour to the end of its last."""
    days: dict[object, list[datetime]] = defaultdict(list)
    for hour in sorted(hours):
        days[hour.date()].append(hour)
    return [(found[0], found[-1] + HOUR) for found in days.values()]


def availability(
    samples: list[HourSample], hours: dict[datetime, float]
) -> dict[str, Availability]:
    """Per school: teaching seconds measured and the part up, weighting hours by teaching time."""
    result: dict[str, Availability] = {}
    for sample in samples:
        weight = hours.get(sample.hour, 0.0)
        if weight <= 0:
            continue
        found = result.get(sample.school, Availability())
        result[sample.school] = found + Availability(weight, weight * sample.available)
    return dict(sorted(result.items()))


class InfluxHistory:
    """Reads the uplink history of the schools (``uplinks``: school id -> uplink device)."""

    def __init__(
        self, query: QueryFn, names: InfluxNames, uplinks: dict[str, str], now: datetime
    ) -> None:
        self.query = query
        self.names = names
        self.uplinks = uplinks
        self.now = now

    def connected(self, period: Period) -> frozenset[str]:
        """Schools whose uplink was seen up at least once in the period."""
        where = f"\"role\" = 'uplink' AND {_span(period.start, period.end)}"
        seen: set[str] = set()
        for statement in (
            f'SELECT max("oper_up_ratio") AS up FROM {self.names.long("interface")}'
            f' WHERE {where} GROUP BY "school"',
            f'SELECT max("oper_up") AS up FROM {self.names.raw("interface")}'
            f' WHERE {where} GROUP BY "school"',
        ):
            seen.update(
                str(row["school"])
                for row in self.query(statement)
                if row.get("school") and (row.get("up") or 0) > 0
            )
        return frozenset(seen & set(self.uplinks))

    def samples(self, start: datetime, end: datetime) -> list[HourSample]:
        """Hourly samples of every school in ``[start, end)``: long points, raw where missing."""
        up = self._up(self._long_up(start, end))
        reachable = self._reachable(self._long_reachable(start, end))
        if not (up or reachable) or end > self.now - CQ_LAG:
            for key, value in self._up(self._raw_up(start, end)).items():
                up.setdefault(key, value)
            for key, value in self._reachable(self._raw_reachable(start, end)).items():
                reachable.setdefault(key, value)
        keys = sorted(set(up) | set(reachable))
        return [
            HourSample(school, hour, up.get((school, hour)), reachable.get((school, hour)))
            for school, hour in keys
        ]

    def iter_availability(
        self, period: Period, timetable: TeachingHours
    ) -> Iterator[tuple[int, int, dict[str, Availability]]]:
        """Availability of each query window: ``(done, windows, per school)``."""
        hours = teaching_hours(period, timetable)
        chunks = day_chunks(hours)
        for done, (start, end) in enumerate(chunks, 1):
            yield done, len(chunks), availability(self.samples(start, end), hours)

    def _long_up(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return self.query(
            f'SELECT "oper_up_ratio" AS ratio FROM {self.names.long("interface")}'
            f' WHERE "role" = \'uplink\' AND {_span(start, end)} GROUP BY "school"'
        )

    def _raw_up(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return self.query(
            f'SELECT mean("oper_up") AS ratio FROM {self.names.raw("interface")}'
            f" WHERE \"role\" = 'uplink' AND {_span(start, end)}"
            ' GROUP BY time(1h), "school" fill(none)'
        )

    def _long_reachable(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return self.query(
            f'SELECT "reachable_ratio" AS ratio FROM {self.names.long("device")}'
            f' WHERE {_span(start, end)} GROUP BY "school", "device"'
        )

    def _raw_reachable(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return self.query(
            f'SELECT mean("reachable") AS ratio FROM {self.names.raw("device")}'
            f' WHERE {_span(start, end)} GROUP BY time(1h), "school", "device" fill(none)'
        )

    def _up(self, rows: list[dict[str, Any]]) -> dict[tuple[str, datetime], float]:
        values: dict[tuple[str, datetime], list[float]] = defaultdict(list)
        for row in rows:
            school = row.get("school")
            if school in self.uplinks and row.get("ratio") is not None:
                values[(str(school), _hour(row))].append(float(row["ratio"]))
        return {key: min(found) for key, found in values.items()}

    def _reachable(self, rows: list[dict[str, Any]]) -> dict[tuple[str, datetime], float]:
        values: dict[tuple[str, datetime], float] = {}
        for row in rows:
            school = row.get("school")
            if (
                school in self.uplinks
                and row.get("device") == self.uplinks[str(school)]
                and row.get("ratio") is not None
            ):
                values[(str(school), _hour(row))] = float(row["ratio"])
        return values
