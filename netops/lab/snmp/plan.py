"""Where each simulated device answers SNMP, and how to ask it: the plan of the lab's agents."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from netops.lab.processes import LOCALHOST
from netops.monitoring.settings import SnmpAuthProtocol

#: The snmpsim command responder refuses USM keys shorter than this.
MIN_KEY_LENGTH = 8


class SnmpVersion(StrEnum):
    """The one SNMP version a simulated device answers."""

    V2C = "v2c"
    V3 = "v3"


class V3Credentials(BaseModel):
    """The SNMPv3 USM user of the lab's v3 devices (authPriv: HMAC-SHA-96 or SHA-2, AES-128)."""

    # A validation error must not quote a key it rejects.
    model_config = ConfigDict(frozen=True, hide_input_in_errors=True)

    user: str = Field(min_length=1, max_length=32)
    auth_key: SecretStr = Field(min_length=MIN_KEY_LENGTH)
    priv_key: SecretStr = Field(min_length=MIN_KEY_LENGTH)
    auth_protocol: SnmpAuthProtocol = "SHA"
    priv_protocol: Literal["AES128"] = "AES128"

    @field_validator("user", "auth_key", "priv_key")
    @classmethod
    def _one_word(cls, value: str | SecretStr) -> str | SecretStr:
        # snmpsim splits its engine options on "=" and whitespace.
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if "=" in text or any(c.isspace() for c in text):
            raise ValueError("must not contain '=' or whitespace")
        return value


class DeviceAgent(BaseModel):
    """How to reach one simulated device's agent."""

    model_config = ConfigDict(frozen=True)

    hostname: str
    host: str = LOCALHOST
    port: int
    process: str
    version: SnmpVersion
    community: str | None = None
    """SNMPv2c community (the data file's name, i.e. the hostname); None for v3 devices."""
    v3_user: str | None = None
    context: str | None = None
    """SNMPv3 contextName selecting the device inside its responder (the hostname)."""


class ResponderProcess(BaseModel):
    """One snmpsim command responder: a UDP port on 127.0.0.1 and its data directory."""

    model_config = ConfigDict(frozen=True)

    name: str
    port: int
    data_dir: Path
    devices: list[str]


class SnmpPlan(BaseModel):
    """The SNMP view of a lab: responder processes and the device agents they serve."""

    model_config = ConfigDict(frozen=True)

    state_path: Path
    root: Path
    """``<lab_dir>/snmp``: data, index cache, variation module, logs."""
    v3_user: str
    processes: list[ResponderProcess]
    devices: list[DeviceAgent]

    @property
    def cache_dir(self) -> Path:
        """snmpsim's index cache (kept between runs: the warm start)."""
        return self.root / "cache"

    @property
    def variation_dir(self) -> Path:
        """Directory holding the variation module snmpsim execs."""
        return self.root / "variation"

    @property
    def path(self) -> Path:
        """Where the plan is saved as JSON."""
        return self.root / "plan.json"

    def device(self, hostname: str) -> DeviceAgent:
        """The agent of ``hostname``.

        Raises:
            KeyError: the device is not in the lab.
        """
        for agent in self.devices:
            if agent.hostname == hostname:
                return agent
        raise KeyError(f"no SNMP agent for {hostname!r} in the lab")

    def versions(self, process: str) -> dict[str, str]:
        """Hostname -> SNMP version of the devices served by ``process``."""
        return {d.hostname: d.version.value for d in self.devices if d.process == process}

    def save(self) -> Path:
        """Write the plan to ``path`` (read by collectors and the lab's other views)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.model_dump_json(indent=1), encoding="utf-8")
        return self.path

    @classmethod
    def load(cls, path: Path) -> SnmpPlan:
        """Read a plan written by ``save``."""
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))
