"""The period a report covers: a day, an ISO week or a calendar month, in local time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

#: ``YYYY-MM``: one named month.
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodKind(StrEnum):
    """How long a report's period is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Period(BaseModel):
    """``[start, end)`` in UTC; ``end`` is cut at the time the report was made if later."""

    model_config = ConfigDict(frozen=True)

    kind: PeriodKind
    label: str
    """``2024-05``, ``2024-W19`` or ``2024-05-13``."""
    start: datetime
    end: datetime
    complete: bool = True
    """False when the period was still running: ``end`` is then the report's time."""

    @field_validator("start", "end")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    @property
    def seconds(self) -> float:
        """Length of the period in seconds."""
        return (self.end - self.start).total_seconds()

    def clip(self, now: datetime) -> Period:
        """The period cut at ``now`` (a running period ends now; a future one is empty)."""
        if now >= self.end:
            return self
        end = max(now, self.start)
        return self.model_copy(update={"end": end.astimezone(UTC), "complete": False})


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def _month(year: int, month: int, tz: tzinfo) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(
        kind=PeriodKind.MONTH,
        label=f"{year:04d}-{month:02d}",
        start=_local_midnight(first, tz),
        end=_local_midnight(following, tz),
    )


def parse_period(spec: str, at: datetime, tz: tzinfo = UTC) -> Period:
    """The period ``spec`` names that contains ``at`` (``day``, ``week``, ``month``, ``YYYY-MM``).

    Boundaries are local midnights in ``tz`` (weeks start on Monday, ISO numbering).

    Raises:
        ValueError: an unknown spec or an impossible month.
    """
    named = _MONTH.match(spec.strip())
    if named:
        year, month = int(named.group(1)), int(named.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"period {spec!r}: no month {month}")
        return _month(year, month, tz)
    try:
        kind = PeriodKind(spec.strip().lower())
    except ValueError:
        msg = f"period {spec!r}: expected day, week, month or YYYY-MM"
        raise ValueError(msg) from None
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(tz).date()
    if kind is PeriodKind.MONTH:
        return _month(local.year, local.month, tz)
    if kind is PeriodKind.WEEK:
        monday = local - timedelta(days=local.weekday())
        iso = monday.isocalendar()
        return Period(
            kind=kind,
            label=f"{iso.year:04d}-W{iso.week:02d}",
            start=_local_midnight(monday, tz),
            end=_local_midnight(monday + timedelta(days=7), tz),
        )
    return Period(
        kind=kind,
        label=local.isoformat(),
        start=_local_midnight(local, tz),
        end=_local_midnight(local + timedelta(days=1), tz),
    )
