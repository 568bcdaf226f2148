"""What the CLI collector reads besides poll results: running configuration, results."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class InterfaceConfig(BaseModel):
    """One interface as the running configuration states it; None where it shows the default."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str | None = None
    shutdown: bool = False
    speed: str | None = None  # "100", "1000", "auto"
    duplex: Literal["full", "half", "auto"] | None = None
    link_type: Literal["access", "trunk", "hybrid"] | None = None
    pvid: int | None = None


class RunningConfig(BaseModel):
    """A device's running configuration: the text and its interfaces."""

    model_config = ConfigDict(frozen=True)

    text: str
    interfaces: dict[str, InterfaceConfig] = Field(default_factory=dict)


class ConfigResult(BaseModel):
    """The result of reading one device's running configuration."""

    model_config = ConfigDict(frozen=True)

    device: str
    ok: bool
    reason: str | None = None
    config: RunningConfig | None = None
    duration_s: float = 0.0
