"""Settings of outage detection (a section of :class:`netops.settings.Settings`)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OutageSettings(BaseModel):
    """When a device or link counts as down, and flap damping (``NETOPS_OUTAGES__...``)."""

    missed_polls: int = Field(
        default=3, ge=1, description="Consecutive failed polls before a device is down."
    )
    flap_window_s: float = Field(
        default=900.0, gt=0, description="Window in which a port's state changes are counted."
    )
    flap_count: int = Field(
        default=3,
        ge=1,
        description="A port changing state more than this often in the window is flapping.",
    )
    hold_polls: int = Field(
        default=3, ge=1, description="Polls a flapping port must stay up before its outage ends."
    )
    merge_window_s: float = Field(
        default=600.0,
        ge=0,
        description=(
            "An open outage below a new root that began at most this long before it is"
            " merged into the new root's outage (one cause, one outage)."
        ),
    )
