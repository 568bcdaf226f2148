"""The lab file: what a running lab is made of, for ``status``, ``down`` and the rest of netops.

``<lab dir>/lab.json`` names the endpoints, ports and processes; secrets live beside
it in ``credentials.json`` (mode 600), generated once per lab directory.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

from netops.lab.influx import InfluxRecord
from netops.lab.processes import ProcessRecord
from netops.monitoring.settings import SnmpAuthProtocol

LAB_FILE = "lab.json"
CREDENTIALS_FILE = "credentials.json"


class LabCredentials(BaseModel):
    """Logins of the lab's simulated devices (random per lab directory)."""

    model_config = ConfigDict(frozen=True)

    ssh_username: str = "netops"
    ssh_password: SecretStr
    snmp_v3_user: str = "netops"
    snmp_v3_auth_key: SecretStr
    snmp_v3_priv_key: SecretStr
    snmp_v3_auth_protocol: SnmpAuthProtocol = "SHA"

    @classmethod
    def generate(cls, auth_protocol: SnmpAuthProtocol = "SHA") -> LabCredentials:
        """Fresh random secrets (hex: a leading "-" would read as an option to snmpsim)."""
        return cls(
            ssh_password=SecretStr(secrets.token_hex(12)),
            snmp_v3_auth_key=SecretStr(secrets.token_hex(12)),
            snmp_v3_priv_key=SecretStr(secrets.token_hex(12)),
            snmp_v3_auth_protocol=auth_protocol,
        )

    def save(self, path: Path) -> None:
        """Write the secrets, readable by the owner only."""
        data = {
            name: value.get_secret_value() if isinstance(value, SecretStr) else value
            for name, value in self
        }
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)


def load_or_create_credentials(
    directory: Path, auth_protocol: SnmpAuthProtocol = "SHA"
) -> LabCredentials:
    """The lab directory's credentials, generated on first use (its v3 devices then
    authenticate with ``auth_protocol`` for as long as the directory lives)."""
    path = directory / CREDENTIALS_FILE
    if path.is_file():
        return LabCredentials.model_validate_json(path.read_text(encoding="utf-8"))
    credentials = LabCredentials.generate(auth_protocol)
    credentials.save(path)
    return credentials


class LabFile(BaseModel):
    """A running (or partly started) lab."""

    schema_version: Literal[1] = 1
    directory: Path
    scope: str
    inventory: Path
    started: datetime
    state: Path
    devices: int
    snmp_plan: Path | None = None
    ssh_ports: Path | None = None
    terminals: Path | None = None
    """Root directories of the classroom terminals (Ansible targets, one per terminal)."""
    influx: InfluxRecord | None = None
    processes: list[ProcessRecord] = []

    def save(self) -> Path:
        """Write ``lab.json`` atomically."""
        path = self.directory / LAB_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.model_dump_json(indent=1), encoding="utf-8")
        tmp.replace(path)
        return path


def read_lab_file(directory: Path) -> LabFile | None:
    """The lab file in ``directory``, or None when no lab was started there."""
    path = Path(directory) / LAB_FILE
    if not path.is_file():
        return None
    return LabFile.model_validate_json(path.read_text(encoding="utf-8"))
