"""Report periods: local-midnight boundaries, ISO weeks, named months, clipping at now."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from netops.reports.period import PeriodKind, parse_period

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2024, 5, 15, 3, 0, tzinfo=UTC)  # Wednesday, 11:00 in Shanghai


def test_month_boundaries_are_local_midnights() -> None:
    period = parse_period("month", AT, SHANGHAI)
    assert period.kind is PeriodKind.MONTH and period.label == "2024-05"
    assert period.start == datetime(2024, 4, 30, 16, tzinfo=UTC)
    assert period.end == datetime(2024, 5, 31, 16, tzinfo=UTC)


def test_a_named_month_and_december() -> None:
    period = parse_period("2023-12", AT)
    assert period.label == "2023-12"
    assert (period.start, period.end) == (
        datetime(2023, 12, 1, tzinfo=UTC),
        datetime(2024, 1, 1, tzinfo=UTC),
    )


def test_week_is_iso_and_starts_on_monday() -> None:
    period = parse_period("week", AT, SHANGHAI)
    assert period.label == "2024-W20"
    assert period.start == datetime(2024, 5, 12, 16, tzinfo=UTC)
    assert period.seconds == 7 * 86400


def test_day_uses_the_local_date() -> None:
    late = datetime(2024, 5, 15, 17, 0, tzinfo=UTC)  # already the 16th in Shanghai
    assert parse_period("day", late, SHANGHAI).label == "2024-05-16"


def test_clip_cuts_a_running_period_at_now() -> None:
    period = parse_period("day", AT, UTC)
    running = period.clip(AT)
    assert running.end == AT and not running.complete
    assert period.clip(datetime(2025, 1, 1, tzinfo=UTC)) == period


@pytest.mark.parametrize("spec", ["year", "2024-13", "May"])
def test_bad_specs_are_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="period"):
        parse_period(spec, AT)
