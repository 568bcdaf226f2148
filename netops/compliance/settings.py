"""Thresholds of the audit (``NETOPS_COMPLIANCE__...``) and of capacity warnings
(``NETOPS_CAPACITY__...``). A saved audit keeps the thresholds it was judged by.

Optical defaults fit the prefecture's 1000BASE-LX single-mode modules (vendor data
sheets: receive sensitivity -20 dBm, overload -3 dBm; launch power -11 to 0 dBm
covers LX and the longer-reach modules on far-away schools). Set your modules' own.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ComplianceThresholds(BaseModel):
    """What "gigabit to school, 100M to desktop" means, in numbers."""

    model_config = ConfigDict(frozen=True)

    uplink_min_mbps: int = Field(default=1000, gt=0, description="School uplink speed floor.")
    uplink_medium: str = Field(default="fiber", description="Medium a school uplink must use.")
    access_min_mbps: int = Field(default=100, gt=0, description="Classroom access port floor.")
    access_full_duplex: bool = Field(default=True, description="Access ports must be full duplex.")
    rx_floor_dbm: float = Field(default=-20.0, description="Lowest receive power (sensitivity).")
    rx_ceiling_dbm: float = Field(default=-3.0, description="Highest receive power (overload).")
    tx_floor_dbm: float = Field(default=-11.0, description="Lowest transmit power.")
    tx_ceiling_dbm: float = Field(default=0.0, description="Highest transmit power.")
    require_optics: bool = Field(
        default=True,
        description="A fiber uplink whose optics neither end reports is not monitored.",
    )


class CapacityThresholds(BaseModel):
    """When an uplink is flagged "saturated" or its optics "degrading" (warnings)."""

    model_config = ConfigDict(frozen=True)

    saturation_share: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Saturated when the 95th percentile exceeds this share of the contracted rate.",
    )
    window_s: float = Field(
        default=3600.0, gt=0, description="Window of the traffic percentile (1 hour)."
    )
    min_samples: int = Field(
        default=3, ge=1, description="Fewer rate samples in the window: no verdict."
    )
    optics_window_s: float = Field(
        default=6 * 3600.0, gt=0, description="Window of the receive power trend."
    )
    optics_bucket_s: float = Field(
        default=1800.0, gt=0, description="The trend's sample spacing (mean per bucket)."
    )
    optics_min_samples: int = Field(
        default=4, ge=2, description="Fewer trend points: no trend verdict (margin still counts)."
    )
    optics_horizon_days: float = Field(
        default=14.0, gt=0, description="Degrading when the trend reaches the floor within this."
    )
    optics_margin_db: float = Field(
        default=2.0, ge=0, description="Degrading when receive power is this close to the floor."
    )
