"""Settings: the only module that reads the environment (prefix ``NETOPS_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.monitoring.settings import SnmpSettings
from netops.observe.settings import ObserveSettings
from netops.outages.settings import OutageSettings
from netops.paths import PROJECT_ROOT as PROJECT_ROOT  # noqa: PLC0414 (re-export: its old home)
from netops.provision.settings import ProvisionSettings
from netops.service.schedule import Schedule
from netops.timetable import Timetable


def default_inventory() -> Path:
    """The committed Qianxinan inventory; ``./inventories/qianxinan`` when run elsewhere."""
    shipped = PROJECT_ROOT / "inventories" / "qianxinan"
    return shipped if shipped.is_dir() else Path("inventories") / "qianxinan"


#: An InfluxQL duration such as ``30d``, ``400d``, ``1h``.
_INFLUX_DURATION = r"^[1-9][0-9]*(s|m|h|d|w)$"


class InfluxSettings(BaseModel):
    """InfluxDB, the time-series store (``NETOPS_INFLUX__<FIELD>``)."""

    url: str | None = Field(
        default=None,
        description="HTTP API, e.g. http://127.0.0.1:8086; None: the lab's InfluxDB (lab file).",
    )
    database: str = Field(default="netops", description="Database (1.x) written and queried.")
    username: str | None = Field(default=None, description="v1 user (1.x auth, 1.8+).")
    password: SecretStr | None = Field(default=None, description="v1 user's password.")
    token: SecretStr | None = Field(default=None, description="API token (2.x, 3.x).")
    org: str | None = Field(default=None, description="Organization (2.x); None: '-'.")
    bucket: str | None = Field(
        default=None, description="Bucket for the v2 API; None: '<database>/<raw_policy>'."
    )
    api: Literal["auto", "v1", "v2"] = Field(
        default="auto",
        description="Write API: auto (by /ping's X-Influxdb-Version), v1 (/write), v2.",
    )
    timeout_s: float = Field(default=10.0, gt=0, description="Timeout of one HTTP request.")
    batch_size: int = Field(default=5000, ge=1, description="Lines per write request.")
    flush_interval_s: float = Field(
        default=10.0, ge=0, description="Longest time lines wait in memory before a write."
    )
    spool_path: Path = Field(
        default_factory=lambda: Path.home() / ".local" / "state" / "netops" / "spool.sqlite",
        description="SQLite spool of lines InfluxDB did not take yet (and refused ones).",
    )
    raw_policy: str = Field(default="raw", description="Retention policy of raw points.")
    raw_retention: str = Field(
        default="30d", pattern=_INFLUX_DURATION, description="How long raw points are kept."
    )
    long_policy: str = Field(default="long", description="Retention policy of downsampled data.")
    long_retention: str = Field(
        default="400d", pattern=_INFLUX_DURATION, description="How long downsampled data is kept."
    )
    downsample_every: str = Field(
        default="1h", pattern=_INFLUX_DURATION, description="Interval of the continuous queries."
    )


class Settings(BaseSettings):
    """netops settings; every field can be set as ``NETOPS_<FIELD>`` (nested: ``__``)."""

    model_config = SettingsConfigDict(
        env_prefix="NETOPS_", env_nested_delimiter="__", extra="ignore"
    )

    inventory: Path = Field(
        default_factory=default_inventory,
        description="Directory of the inventory (prefecture.yaml, one folder per county).",
    )
    state_path: Path = Field(
        default_factory=lambda: Path.home() / ".local" / "state" / "netops" / "state.sqlite",
        description="SQLite state database: audits, outages, history (what must last).",
    )
    inventory_cache: Path | None = Field(
        default_factory=lambda: Path.home() / ".cache" / "netops",
        description="Directory of the validated-inventory cache (docs/inventory.md); 0: off.",
    )
    lab_dir: Path = Field(
        default=PROJECT_ROOT / ".lab",
        description="Directory of the lab (digital twin): state, agents' data, logs, lab.json.",
    )
    ansible_user: str = Field(
        default="netops", description="Login name Ansible uses on switches and terminals."
    )
    influx: InfluxSettings = Field(
        default_factory=InfluxSettings, description="InfluxDB, the time-series store."
    )
    snmp: SnmpSettings = Field(
        default_factory=SnmpSettings, description="How collectors reach the devices."
    )
    schedule: Schedule = Field(
        default_factory=Schedule, description="When the service polls, audits and reports."
    )
    observe: ObserveSettings = Field(
        default_factory=ObserveSettings, description="When measurements stop counting as fresh."
    )
    compliance: ComplianceThresholds = Field(
        default_factory=ComplianceThresholds, description="Thresholds of the compliance audit."
    )
    capacity: CapacityThresholds = Field(
        default_factory=CapacityThresholds, description="Saturation and degrading-optics warnings."
    )
    outages: OutageSettings = Field(
        default_factory=OutageSettings, description="When a device or link is down; flap damping."
    )
    provision: ProvisionSettings = Field(
        default_factory=ProvisionSettings, description="How netops provision runs Ansible."
    )
    timetable: Timetable = Field(
        default_factory=Timetable, description="Teaching hours (weekdays, periods, breaks)."
    )

    @field_validator("inventory_cache", mode="before")
    @classmethod
    def _cache_off(cls, value: object) -> object:
        """``NETOPS_INVENTORY_CACHE=0`` (or empty) turns the cache off."""
        return None if isinstance(value, str) and value.strip() in ("", "0") else value


def get_settings() -> Settings:
    """Settings from the environment, read anew on each call."""
    return Settings()
