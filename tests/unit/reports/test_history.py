"""InfluxDB history: teaching-hour weights, long points first, raw where long is missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from netops.reports.history import (
    InfluxHistory,
    InfluxNames,
    availability,
    day_chunks,
    teaching_hours,
)
from netops.reports.inputs import HourSample
from netops.reports.period import Period
from netops.timetable import Timetable

THURSDAY = datetime(2024, 5, 2, tzinfo=UTC)  # lessons 00:00-04:00 and 06:00-09:30 UTC
DAY = Period(kind="day", label="2024-05-02", start=THURSDAY, end=THURSDAY + timedelta(days=1))


def hour(h: int) -> datetime:
    return THURSDAY + timedelta(hours=h)


def epoch(h: int) -> int:
    return int(hour(h).timestamp())


class FakeInflux:
    """Answers by which measurement a statement reads; records the statements."""

    def __init__(self, answers: dict[str, list[dict[str, Any]]]) -> None:
        self.answers = answers
        self.statements: list[str] = []

    def __call__(self, statement: str) -> list[dict[str, Any]]:
        self.statements.append(statement)
        for marker, rows in self.answers.items():
            if marker in statement:
                return rows
        return []


def test_teaching_hours_weigh_partial_hours(timetable: Timetable) -> None:
    hours = teaching_hours(DAY, timetable)
    assert sorted(hours) == [hour(h) for h in (0, 1, 2, 3, 6, 7, 8, 9)]
    assert hours[hour(9)] == 1800 and sum(hours.values()) == 7.5 * 3600
    assert day_chunks(hours) == [(hour(0), hour(10))]


def test_weekend_has_no_teaching_hours(timetable: Timetable) -> None:
    saturday = DAY.model_copy(update={"start": hour(48), "end": hour(72)})
    assert teaching_hours(saturday, timetable) == {}


def test_availability_is_weighted_by_teaching_time(timetable: Timetable) -> None:
    hours = teaching_hours(DAY, timetable)
    samples = [
        HourSample("a", hour(h), up_ratio=1.0, reachable_ratio=1.0) for h in (0, 1, 2, 3, 6, 7, 8)
    ]
    samples.append(HourSample("a", hour(9), up_ratio=0.0, reachable_ratio=1.0))  # half an hour
    samples.append(HourSample("a", hour(12), up_ratio=0.0, reachable_ratio=0.0))  # lunch: ignored
    samples.append(HourSample("b", hour(0), up_ratio=1.0, reachable_ratio=0.5))
    result = availability(samples, hours)
    assert result["a"].teaching_s == 7.5 * 3600
    assert result["a"].ratio == 7 / 7.5
    assert result["b"].ratio == 0.5


def test_long_points_are_used_and_raw_is_not_asked_for_old_hours() -> None:
    fake = FakeInflux(
        {
            '"long"."interface_1h"': [
                {"time": epoch(0), "school": "a", "ratio": 0.5},
                {"time": epoch(0), "school": "zz-unknown", "ratio": 1.0},
            ],
            '"long"."device_1h"': [
                {"time": epoch(0), "school": "a", "device": "a-core", "ratio": 0.8},
                {"time": epoch(0), "school": "a", "device": "a-acc1", "ratio": 0.0},
            ],
        }
    )
    history = InfluxHistory(fake, InfluxNames(), {"a": "a-core"}, now=hour(24 * 30))
    assert history.samples(hour(0), hour(10)) == [HourSample("a", hour(0), 0.5, 0.8)]
    assert all('"raw"' not in s for s in fake.statements)
    assert "time >= '2024-05-02T00:00:00Z' AND time < '2024-05-02T10:00:00Z'" in fake.statements[0]


def test_raw_fills_hours_the_long_policy_does_not_have_yet() -> None:
    fake = FakeInflux(
        {
            '"long"."interface_1h"': [{"time": epoch(0), "school": "a", "ratio": 1.0}],
            '"raw"."interface"': [
                {"time": epoch(0), "school": "a", "ratio": 0.0},  # long wins
                {"time": epoch(1), "school": "a", "ratio": 0.25},
            ],
        }
    )
    history = InfluxHistory(fake, InfluxNames(), {"a": "a-core"}, now=hour(2))
    assert history.samples(hour(0), hour(2)) == [
        HourSample("a", hour(0), 1.0, None),
        HourSample("a", hour(1), 0.25, None),
    ]
    assert any("GROUP BY time(1h)" in s and '"raw"."interface"' in s for s in fake.statements)


def test_connected_means_seen_up_once_in_long_or_raw() -> None:
    fake = FakeInflux(
        {
            '"long"."interface_1h"': [{"school": "a", "up": 1.0}, {"school": "b", "up": 0.0}],
            '"raw"."interface"': [{"school": "c", "up": 1}, {"school": "x", "up": 1}],
        }
    )
    history = InfluxHistory(fake, InfluxNames(), {s: f"{s}-core" for s in "abc"}, now=hour(0))
    assert history.connected(DAY) == frozenset({"a", "c"})


def test_iter_availability_reports_progress(timetable: Timetable) -> None:
    week = Period(kind="week", label="2024-W18", start=hour(0), end=hour(24 * 7))
    fake = FakeInflux({'"long"."interface_1h"': [{"time": epoch(0), "school": "a", "ratio": 1}]})
    history = InfluxHistory(fake, InfluxNames(), {"a": "a-core"}, now=hour(24 * 60))
    steps = list(history.iter_availability(week, timetable))
    assert [total for _, total, _ in steps] == [5] * 5  # Thu, Fri, Mon, Tue, Wed
    assert steps[0][2]["a"].ratio == 1.0
