"""Teaching hours: when an outage hurts lessons (a section of the settings).

The prefecture keeps one timetable: teaching weekdays, the periods of a school day
and the term breaks and holidays, all in the prefecture's timezone. Outages say
whether they touched teaching hours; the bureau's availability is measured in them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Annotated, Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
#: Weekday names in ``date.weekday()`` order (Monday is 0).
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _split_range(value: Any) -> Any:
    """Accept ``"08:00-12:00"`` (or ``"2026-07-10..2026-08-31"``) beside a mapping."""
    if isinstance(value, str):
        for separator in ("..", "/", " - ", "-"):
            if separator == "-" and value.count("-") != 1:
                continue
            if separator in value:
                start, end = value.split(separator, 1)
                return {"start": start.strip(), "end": end.strip()}
    return value


class Period(BaseModel):
    """A span of the school day, local time; ``end`` is not included."""

    model_config = ConfigDict(frozen=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"a period ends after it starts: {self.start}-{self.end}")
        return self


class DateRange(BaseModel):
    """Days without lessons (a term break or a holiday), both ends included."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    name: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"a break ends on or after its first day: {self.start}..{self.end}")
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


PeriodField = Annotated[Period, BeforeValidator(_split_range)]
DateRangeField = Annotated[DateRange, BeforeValidator(_split_range)]


class Timetable(BaseModel):
    """Teaching hours of the prefecture (``NETOPS_TIMETABLE__...``)."""

    model_config = ConfigDict(frozen=True)

    timezone: str = Field(
        default="Asia/Shanghai", description="IANA timezone the periods and dates are in."
    )
    weekdays: list[Weekday] = Field(
        default_factory=lambda: list(WEEKDAYS[:5]), description="Days with lessons."
    )
    periods: list[PeriodField] = Field(
        default_factory=lambda: [
            Period(start=time(8, 0), end=time(12, 0)),
            Period(start=time(14, 0), end=time(17, 30)),
        ],
        description='Lesson periods of a school day, local time ("08:00-12:00" accepted).',
    )
    breaks: list[DateRangeField] = Field(
        default_factory=list,
        description='Term breaks and holidays ("2026-07-10..2026-08-31" accepted).',
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r} (expected e.g. Asia/Shanghai)") from None
        return value

    @field_validator("periods")
    @classmethod
    def _no_overlap(cls, value: list[Period]) -> list[Period]:
        ordered = sorted(value, key=lambda p: p.start)
        for before, after in pairwise(ordered):
            if after.start < before.end:
                raise ValueError(
                    f"periods overlap: {before.start}-{before.end} and {after.start}-{after.end}"
                )
        return ordered

    @property
    def zone(self) -> ZoneInfo:
        """The timezone as an object."""
        return ZoneInfo(self.timezone)

    def is_school_day(self, day: date) -> bool:
        """A teaching weekday outside every break (``day`` is a local date)."""
        return WEEKDAYS[day.weekday()] in self.weekdays and not any(
            day in gap for gap in self.breaks
        )

    def is_teaching(self, at: datetime) -> bool:
        """Whether lessons run at ``at`` (timezone-aware).

        Raises:
            ValueError: ``at`` is naive.
        """
        local = _aware(at).astimezone(self.zone)
        if not self.is_school_day(local.date()):
            return False
        now = local.time().replace(tzinfo=None)
        return any(p.start <= now < p.end for p in self.periods)

    def teaching_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of ``[start, end)`` that fall in teaching hours (0 when ``end <= start``).

        Raises:
            ValueError: ``start`` or ``end`` is naive.
        """
        start, end = _aware(start), _aware(end)
        if end <= start:
            return 0.0
        zone = self.zone
        day = start.astimezone(zone).date()
        last = end.astimezone(zone).date()
        total = 0.0
        while day <= last:
            if self.is_school_day(day):
                for period in self.periods:
                    begins = datetime.combine(day, period.start, tzinfo=zone)
                    ends = datetime.combine(day, period.end, tzinfo=zone)
                    overlap = (min(end, ends) - max(start, begins)).total_seconds()
                    total += max(overlap, 0.0)
            day += timedelta(days=1)
        return total

    def touches_teaching(self, start: datetime, end: datetime) -> bool:
        """Whether any part of ``[start, end)`` is in teaching hours (an instant counts)."""
        return self.teaching_seconds(start, end) > 0 or self.is_teaching(start)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at.isoformat()}: pass a timezone-aware time (UTC)")
    return at
