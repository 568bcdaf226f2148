"""How far back observations are read, and when they stop counting (``NETOPS_OBSERVE__...``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ObserveSettings(BaseModel):
    """Freshness of measurements read from the store."""

    fresh_polls: float = Field(
        default=3.0,
        gt=0,
        description="Data older than this many poll intervals is not fresh (not monitored).",
    )
    window_s: float = Field(
        default=900.0,
        gt=0,
        description="How far back a snapshot looks for the last poll of each device and port.",
    )

    def max_age_s(self, poll_interval_s: float) -> float:
        """Age in seconds beyond which an observation is not fresh."""
        return self.fresh_polls * poll_interval_s
