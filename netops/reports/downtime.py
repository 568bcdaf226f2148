"""Outage time per school: outages clipped to the period, overlaps counted once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from netops.reports.inputs import Downtime, OutageSpan, TeachingHours
from netops.reports.period import Period

Interval = tuple[datetime, datetime]


def clip(outage: OutageSpan, period: Period) -> Interval | None:
    """The part of the outage inside the period (an open outage runs to the period's end)."""
    start = max(outage.started, period.start)
    end = min(outage.ended or period.end, period.end)
    return (start, end) if end > start else None


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted intervals with overlaps joined (a school in two outages at once is down once)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def school_downtime(
    outages: Iterable[OutageSpan], period: Period, timetable: TeachingHours
) -> dict[str, Downtime]:
    """Per school its blast radius touched: outage seconds in the period, and in teaching hours.

    A dependent outage (the school behind a down aggregation switch) and the root
    outage overlap; merging each school's intervals counts that time once.
    """
    per_school: dict[str, list[Interval]] = defaultdict(list)
    for outage in outages:
        inside = clip(outage, period)
        if inside is None:
            continue
        for school in outage.schools:
            per_school[school].append(inside)
    result: dict[str, Downtime] = {}
    for school, intervals in sorted(per_school.items()):
        total = Downtime()
        for start, end in merge(intervals):
            seconds = (end - start).total_seconds()
            total = total + Downtime(seconds, float(timetable.teaching_seconds(start, end)))
        result[school] = total
    return result
