"""Teaching hours: weekdays, periods, breaks, and the prefecture's timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from pydantic import ValidationError

from netops.timetable import Timetable

SHANGHAI = timezone(timedelta(hours=8))
TT = Timetable(breaks=["2026-11-11..2026-11-12"])


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """November 2026 in Qianxinan (the 2nd is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("at", "teaching"),
    [
        (local(2, 8, 0), True),  # a period starts included
        (local(2, 7, 59), False),
        (local(2, 12, 0), False),  # and ends excluded
        (local(2, 13, 0), False),  # lunch
        (local(2, 17, 29), True),
        (local(7, 9, 0), False),  # Saturday
        (local(11, 9, 0), False),  # a break
        (local(13, 9, 0), True),
        (datetime(2026, 11, 2, 0, 30, tzinfo=UTC), True),  # 08:30 in Qianxinan
        (datetime(2026, 11, 1, 23, 30, tzinfo=UTC), False),  # Monday 07:30 there
        (datetime(2026, 11, 6, 18, 0, tzinfo=UTC), False),  # Friday 18:00 UTC = Saturday
    ],
)
def test_is_teaching(at: datetime, teaching: bool) -> None:
    assert TT.is_teaching(at) is teaching


def test_teaching_seconds_is_the_overlap_with_the_periods() -> None:
    assert TT.teaching_seconds(local(2, 11, 0), local(2, 15, 0)) == 2 * 3600  # 11-12, 14-15
    assert TT.teaching_seconds(local(2, 12, 0), local(2, 14, 0)) == 0
    assert TT.teaching_seconds(local(2, 0, 0), local(3, 0, 0)) == 7.5 * 3600
    assert TT.teaching_seconds(local(2, 0, 0), local(9, 0, 0)) == 5 * 7.5 * 3600
    assert TT.teaching_seconds(local(9, 0, 0), local(16, 0, 0)) == 3 * 7.5 * 3600  # 2-day break
    assert TT.teaching_seconds(local(2, 15, 0), local(2, 11, 0)) == 0
    utc = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # 17:00 in Qianxinan
    assert TT.teaching_seconds(utc, utc + timedelta(hours=2)) == 30 * 60


def test_touching_teaching_hours_includes_an_instant() -> None:
    assert TT.touches_teaching(local(2, 9, 0), local(2, 9, 0))
    assert not TT.touches_teaching(local(2, 12, 0), local(2, 13, 59))
    assert TT.touches_teaching(local(2, 12, 0), local(2, 14, 1))


def test_another_timezone_and_its_own_days() -> None:
    tt = Timetable(timezone="UTC", weekdays=["sat"], periods=["10:00-11:00"])
    assert tt.is_teaching(datetime(2026, 11, 7, 10, 30, tzinfo=UTC))
    assert not tt.is_teaching(datetime(2026, 11, 7, 10, 30, tzinfo=SHANGHAI))  # 02:30 UTC
    assert tt.periods[0].start == time(10, 0)
    assert tt.is_school_day(date(2026, 11, 7)) and not tt.is_school_day(date(2026, 11, 9))


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        TT.is_teaching(datetime(2026, 11, 2, 9, 0))


@pytest.mark.parametrize(
    "bad",
    [
        {"timezone": "Mars/Olympus"},
        {"periods": ["12:00-08:00"]},
        {"periods": ["08:00-12:00", "11:00-13:00"]},
        {"breaks": ["2026-08-31..2026-07-10"]},
        {"weekdays": ["monday"]},
    ],
)
def test_bad_timetables_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Timetable.model_validate(bad)


def test_settings_take_the_timetable_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from netops.settings import Settings

    monkeypatch.setenv("NETOPS_TIMETABLE__PERIODS", '["08:30-11:30"]')
    monkeypatch.setenv("NETOPS_TIMETABLE__BREAKS", '["2027-01-20..2027-02-20"]')
    monkeypatch.setenv("NETOPS_OUTAGES__MISSED_POLLS", "5")
    settings = Settings()
    assert settings.timetable.periods[0].start == time(8, 30)
    assert settings.timetable.breaks[0].end == date(2027, 2, 20)
    assert settings.outages.missed_polls == 5
