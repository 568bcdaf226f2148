"""What a poll returns: pydantic models every consumer of measurements reads.

Expected failures (timeout, auth, unreachable, parse) are results with ``ok=False``
and a ``reason`` in words an engineer acts on; they never raise.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PortRole(StrEnum):
    """Why a port is monitored."""

    UPLINK = "uplink"  # a school's end of its uplink ("gigabit to school")
    ACCESS = "access"  # a port serving a classroom terminal ("100M to desktop")
    TRUNK = "trunk"  # school core <-> access switch
    AGGREGATION = "aggregation"  # a county aggregation port facing a school
    CORE = "core"  # aggregation <-> prefecture core


class PortReading(BaseModel):
    """One port as one poll saw it; None where the device did not say."""

    model_config = ConfigDict(frozen=True)

    port: str
    role: PortRole
    if_index: int | None = None
    admin_up: bool | None = None
    oper_up: bool | None = None
    speed_mbps: int | None = None
    duplex: Literal["full", "half", "unknown"] | None = None
    in_octets: int | None = None
    out_octets: int | None = None
    counter_bits: Literal[32, 64] = 64
    in_errors: int | None = None
    out_errors: int | None = None
    in_discards: int | None = None
    out_discards: int | None = None
    rx_dbm: float | None = None
    tx_dbm: float | None = None


class DevicePoll(BaseModel):
    """The result of polling one device once."""

    model_config = ConfigDict(frozen=True)

    device: str
    collector: str
    time: datetime = Field(description="When the poll started (UTC, from the injected clock).")
    ok: bool
    reason: str | None = None
    county: str | None = None
    school: str | None = None
    duration_s: float = 0.0
    uptime_s: float | None = None
    varbinds: int = 0
    ports: list[PortReading] = Field(default_factory=list)


class CycleSummary(BaseModel):
    """Figures of one poll cycle (printed by ``netops poll once``, stored by the service)."""

    started: datetime
    duration_s: float
    devices: int
    ok: int
    failed: int
    varbinds: int
    failures: dict[str, str] = Field(default_factory=dict)
    """Device -> reason, for every device that failed."""

    @classmethod
    def of(cls, started: datetime, duration_s: float, polls: list[DevicePoll]) -> CycleSummary:
        """Summarise a list of device polls."""
        failed = {p.device: p.reason or "failed" for p in polls if not p.ok}
        return cls(
            started=started,
            duration_s=duration_s,
            devices=len(polls),
            ok=len(polls) - len(failed),
            failed=len(failed),
            varbinds=sum(p.varbinds for p in polls),
            failures=failed,
        )
