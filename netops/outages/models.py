"""Outages as every reader sees them (CLI, TUI, reports): pydantic models."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class OutageKind(StrEnum):
    """What failed at the root of an outage."""

    DEVICE_DOWN = "device_down"  # a switch missed N polls in a row
    LINK_DOWN = "link_down"  # a cable's port reports oper status down


class BlastRadius(BaseModel):
    """Who an outage cuts off: schools touched, rooms and students without the network."""

    model_config = ConfigDict(frozen=True)

    schools: list[str] = Field(default_factory=list, description="School ids, sorted.")
    classrooms: int = Field(default=0, description="Teaching classes and function rooms.")
    students: int = Field(default=0, description="Students of those rooms (pro rata).")


class Outage(BaseModel):
    """One root cause and everything that is down because of it."""

    model_config = ConfigDict(frozen=True)

    id: int | None = None
    kind: OutageKind
    root: str = Field(description='Device hostname, or "device:port" (school end) for a link.')
    county: str | None = None
    school: str | None = None
    started: datetime
    ended: datetime | None = None
    teaching_hours: bool = Field(default=False, description="Any part fell in teaching hours.")
    blast: BlastRadius = Field(default_factory=BlastRadius)
    suppressed: list[str] = Field(
        default_factory=list,
        description="Devices and links down because of this root (not separate outages).",
    )
    reason: str = ""
    flapping: bool = Field(default=False, description="The root went up and down repeatedly.")

    @property
    def is_open(self) -> bool:
        """Still going on."""
        return self.ended is None

    def duration(self, now: datetime) -> float:
        """Seconds from start to end, or to ``now`` while still open."""
        return max(((self.ended or now) - self.started).total_seconds(), 0.0)
