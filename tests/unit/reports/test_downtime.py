"""Outage minutes: clipped to the period, per school of the blast radius, overlaps once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netops.reports.downtime import clip, merge, school_downtime
from netops.reports.inputs import OutageSpan
from netops.reports.period import Period
from netops.timetable import Timetable


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=UTC)


def span(start: datetime, end: datetime | None, *schools: str) -> OutageSpan:
    return OutageSpan(id="1", started=start, ended=end, schools=schools)


def test_clip_to_the_period(may: Period) -> None:
    before = span(datetime(2024, 4, 30, 23, tzinfo=UTC), at(1, 1), "s1")
    assert clip(before, may) == (may.start, at(1, 1))
    still_open = span(at(31, 23), None, "s1")
    assert clip(still_open, may) == (at(31, 23), may.end)
    assert clip(span(datetime(2024, 4, 1, tzinfo=UTC), may.start, "s1"), may) is None


def test_merge_joins_overlaps() -> None:
    assert merge([(at(2, 3), at(2, 5)), (at(2, 1), at(2, 4)), (at(3, 1), at(3, 2))]) == [
        (at(2, 1), at(2, 5)),
        (at(3, 1), at(3, 2)),
    ]


def test_each_school_of_the_blast_radius_counts_overlaps_once(
    may: Period, timetable: Timetable
) -> None:
    # 2024-05-02 is a Thursday; 02:00-03:00 UTC is 10:00-11:00 in Shanghai: teaching.
    root = span(at(2, 2), at(2, 3), "a", "b")
    dependent = span(at(2, 2, 30), at(2, 3, 30), "b")  # 11:30 ends 30 min after teaching
    result = school_downtime([root, dependent], may, timetable)
    assert result["a"].total_s == 3600 and result["a"].teaching_s == 3600
    assert result["b"].total_s == 5400
    assert result["b"].teaching_s == timedelta(hours=1, minutes=30).total_seconds()
    assert list(result) == ["a", "b"]


def test_night_outage_has_no_teaching_minutes(may: Period, timetable: Timetable) -> None:
    night = span(at(2, 15), at(2, 17), "a")  # 23:00-01:00 local
    assert school_downtime([night], may, timetable)["a"].teaching_s == 0


def test_an_outage_outside_the_period_counts_nothing() -> None:
    period = Period(kind="day", label="2024-05-02", start=at(2, 0), end=at(3, 0))
    assert school_downtime([span(at(5, 1), at(5, 2), "a")], period, Timetable()) == {}
