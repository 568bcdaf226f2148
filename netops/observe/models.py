"""Observations read from the store: the last poll of each device and port, and series.

Frozen pydantic models; times are timezone-aware UTC. ``fresh`` says whether an
observation is recent enough to judge by (see :class:`~netops.observe.settings.ObserveSettings`).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

PortKey = tuple[str, str]
"""(device hostname, port name as the device names it)."""


class Observation(BaseModel):
    """Base of observations: frozen."""

    model_config = ConfigDict(frozen=True)


class DeviceObservation(Observation):
    """A device's last poll in the store."""

    device: str
    time: datetime = Field(description="When the last poll started (UTC).")
    reachable: bool
    reason: str | None = Field(default=None, description="Why the last poll failed.")
    county: str | None = None
    school: str | None = None
    fresh: bool = True


class PortObservation(Observation):
    """A port's last poll in the store (``interface`` and ``optics`` measurements)."""

    device: str
    port: str
    time: datetime
    role: str | None = None
    admin_up: bool | None = None
    oper_up: bool | None = None
    speed_mbps: int | None = None
    duplex: str | None = Field(default=None, description="full, half or unknown.")
    rx_dbm: float | None = None
    tx_dbm: float | None = None
    county: str | None = None
    school: str | None = None
    fresh: bool = True


class UplinkLoad(Observation):
    """An uplink's traffic percentile over a window (bit/s, from ``interface_rate``)."""

    device: str
    port: str
    in_bps: float | None = Field(description="Percentile of the receive rate (downstream).")
    out_bps: float | None = Field(description="Percentile of the send rate (upstream).")
    samples: int
    percentile: float = 95.0
    window_s: float = 3600.0

    @property
    def peak_bps(self) -> float | None:
        """The larger direction."""
        values = [v for v in (self.in_bps, self.out_bps) if v is not None]
        return max(values) if values else None


class OpticsTrend(Observation):
    """An uplink's receive power over recent hours: latest value and slope."""

    device: str
    port: str
    latest_dbm: float
    slope_db_per_day: float | None = Field(description="Least-squares slope; None: too few.")
    samples: int
    first: datetime
    last: datetime


class TrafficSample(Observation):
    """One traffic rate sample of a port (bit/s)."""

    time: datetime
    in_bps: float | None
    out_bps: float | None


class OpticsSample(Observation):
    """One optical power sample of a port (dBm)."""

    time: datetime
    rx_dbm: float | None
    tx_dbm: float | None


class QueryStats(Observation):
    """What reading a snapshot cost: InfluxDB queries apart from the rest."""

    queries: int = 0
    query_s: float = Field(default=0.0, description="Seconds waiting for InfluxDB.")
    parse_s: float = Field(default=0.0, description="Seconds building observations.")
    rows: int = 0


class Snapshot(Observation):
    """The network as the store last saw it, at ``taken_at``."""

    taken_at: datetime
    max_age_s: float = Field(description="Observations older than this are not fresh.")
    devices: dict[str, DeviceObservation] = Field(default_factory=dict)
    ports: dict[PortKey, PortObservation] = Field(default_factory=dict)
    loads: dict[PortKey, UplinkLoad] = Field(
        default_factory=dict, description="Uplink traffic percentiles (capacity)."
    )
    optics: dict[PortKey, OpticsTrend] = Field(
        default_factory=dict, description="Uplink receive power trends (capacity)."
    )
    stats: QueryStats = Field(default_factory=QueryStats)

    def port(self, device: str, port: str) -> PortObservation | None:
        """The port's last observation, fresh or not; None when the store has none."""
        return self.ports.get((device, port))

    def fresh_port(self, device: str, port: str) -> PortObservation | None:
        """The port's last observation when it is fresh, else None."""
        found = self.ports.get((device, port))
        return found if found is not None and found.fresh else None
