"""``netops provision verify``: read the switches back and compare them with the intent.

The running configuration comes from a collector found by name in the registry
(``cli``), through the ``ConfigReader`` protocol: netops never imports ``collectors/``.
A switch that cannot be read is not verified, and never counts as clean.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, SecretStr, computed_field

from netops.clock import Clock
from netops.monitoring.collector import create
from netops.monitoring.targets import PollTarget
from netops.provision.drift import Drift, InterfaceView, device_drift
from netops.provision.intent import DeviceIntent, SchoolIntent
from netops.provision.running import parse_running


class ConfigView(Protocol):
    """A running configuration as the collector returns it: the text and parsed interfaces."""

    @property
    def text(self) -> str: ...

    @property
    def interfaces(self) -> Mapping[str, InterfaceView]: ...


class ConfigRead(Protocol):
    """The result of reading one device's configuration (ok, or a reason)."""

    @property
    def ok(self) -> bool: ...

    @property
    def reason(self) -> str | None: ...

    @property
    def config(self) -> ConfigView | None: ...


@runtime_checkable
class ConfigReader(Protocol):
    """A collector that also reads running configurations (the CLI collector)."""

    async def read_config(self, target: PollTarget) -> ConfigRead:
        """One device's running configuration; a device fault is a result, not an error."""
        ...


class Login(BaseModel):
    """The switches' CLI login (what the CLI collector takes as ``credentials``)."""

    model_config = ConfigDict(frozen=True)

    username: str
    password: SecretStr


class ReaderUnavailableError(LookupError):
    """The named collector does not exist or cannot read configurations."""


def config_reader(
    clock: Clock, login: Login, *, name: str = "cli", concurrency: int = 10, timeout_s: float = 10.0
) -> ConfigReader:
    """The collector ``name`` from the registry, as a ``ConfigReader``.

    Raises:
        ReaderUnavailableError: no such collector, or it cannot read configurations.
    """
    try:
        collector = create(
            name, clock=clock, credentials=login, concurrency=concurrency, timeout_s=timeout_s
        )
    except LookupError as exc:
        raise ReaderUnavailableError(str(exc)) from exc
    if not isinstance(collector, ConfigReader):
        raise ReaderUnavailableError(f"collector {name!r} cannot read running configurations")
    return collector


class DeviceVerdict(BaseModel):
    """One switch: read or not (why), and its drift."""

    model_config = ConfigDict(frozen=True)

    device: str
    read: bool
    reason: str | None = None
    drift: list[Drift] = Field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Read, and nothing differs."""
        return self.read and not self.drift


class VerifyReport(BaseModel):
    """A school's switches against their intent."""

    model_config = ConfigDict(frozen=True)

    school: str
    devices: list[DeviceVerdict]
    not_checked: list[str] = Field(
        default_factory=list, description="Switches no role provisions (their platform)."
    )

    @property
    def drift(self) -> list[Drift]:
        """Every drift line, device by device."""
        return [d for v in self.devices for d in v.drift]

    @property
    def unread(self) -> list[DeviceVerdict]:
        """Switches that could not be read (not verified)."""
        return [v for v in self.devices if not v.read]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def clean(self) -> bool:
        """Every switch was read and none drifted."""
        return bool(self.devices) and all(v.clean for v in self.devices)


def compare(intent: DeviceIntent, result: ConfigRead) -> DeviceVerdict:
    """One switch's verdict from its read-back."""
    if not result.ok or result.config is None:
        reason = result.reason or "no configuration returned"
        return DeviceVerdict(device=intent.hostname, read=False, reason=reason)
    config = result.config
    drift = device_drift(intent, config.interfaces, parse_running(config.text))
    return DeviceVerdict(device=intent.hostname, read=True, drift=drift)


async def verify_school(
    intent: SchoolIntent,
    targets: Mapping[str, PollTarget],
    reader: ConfigReader,
    concurrency: int = 10,
) -> VerifyReport:
    """Read every provisioned switch of the school (``concurrency`` at a time) and compare."""
    gate = asyncio.Semaphore(concurrency)

    async def one(device: DeviceIntent) -> DeviceVerdict:
        target = targets.get(device.hostname)
        if target is None:
            return DeviceVerdict(
                device=device.hostname,
                read=False,
                reason="no address to reach it (not in the lab?)",
            )
        async with gate:
            return compare(device, await reader.read_config(target))

    verdicts: Sequence[DeviceVerdict] = await asyncio.gather(*(one(d) for d in intent.devices))
    return VerifyReport(
        school=intent.school,
        devices=list(verdicts),
        not_checked=[
            f"{d} (no provisioning role for its platform)" for d in intent.not_provisioned
        ],
    )
