"""When the service's jobs run (a section of the settings)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Schedule(BaseModel):
    """Job timing (``NETOPS_SCHEDULE__...``)."""

    poll_interval_s: float = Field(default=60.0, gt=0, description="Seconds between poll cycles.")
    audit_cron: str = Field(
        default="30 2 * * *",
        description="Nightly compliance audit, crontab syntax, prefecture time (UTC+8).",
    )
    stats_interval_s: float = Field(default=3600.0, gt=0, description="Statistics refresh.")
