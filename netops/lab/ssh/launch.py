"""How the lab starts the SSH simulator process: its files, its command line, its readiness."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import TypeAdapter

from netops.lab import processes
from netops.lab.processes import ProcessRecord
from netops.lab.ssh.server import READY, Credentials

_PORTS = TypeAdapter(dict[str, int])


def write_ports(path: Path, ports: Mapping[str, int]) -> Path:
    """Write the hostname -> TCP port map the simulator serves (JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(ports.items())), indent=1) + "\n", encoding="utf-8")
    return path


def load_ports(path: Path) -> dict[str, int]:
    """Read a hostname -> port map (JSON or YAML).

    Raises:
        ValueError: not a mapping of names to ports in 1-65535.
    """
    ports = _PORTS.validate_python(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    bad = [f"{host}={port}" for host, port in ports.items() if not 0 < port < 65536]
    if bad:
        raise ValueError(f"{path}: ports out of range: {', '.join(bad)}")
    return ports


def write_credentials(path: Path, credentials: Credentials) -> Path:
    """Write the login for the simulator to read (YAML, mode 600: it holds a password)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        {"username": credentials.username, "password": credentials.password.get_secret_value()}
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def load_credentials(path: Path) -> Credentials:
    """Read ``username`` and ``password`` from a YAML or JSON file."""
    return Credentials.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def command(
    state: Path,
    ports: Path,
    host_key: Path,
    credentials: Path | None = None,
    saved_dir: Path | None = None,
) -> list[str]:
    """The argv of the simulator process (for ``processes.spawn``).

    Without ``credentials`` the process reads ``NETOPS_LAB_SSH_USERNAME`` and
    ``NETOPS_LAB_SSH_PASSWORD`` from its environment.
    """
    argv = [sys.executable, "-m", "netops.lab.ssh", "--state", str(state), "--ports", str(ports)]
    argv += ["--host-key", str(host_key)]
    if credentials is not None:
        argv += ["--credentials", str(credentials)]
    if saved_dir is not None:
        argv += ["--saved-dir", str(saved_dir)]
    return argv


def wait_ready(record: ProcessRecord, timeout: float = 60.0) -> None:
    """Wait until the simulator's log says every device listens.

    Raises:
        TimeoutError: not ready in time, or the process exited first.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # The pid tells this run's line from an earlier run's in the same (appended) log.
        if record.log.exists() and f"{READY}: pid={record.pid} " in record.log.read_text(
            errors="replace"
        ):
            return
        if not processes.alive(record):
            raise TimeoutError(f"{record.name} exited before it was ready; see {record.log}")
        time.sleep(0.05)
    raise TimeoutError(f"{record.name} not ready after {timeout:.0f} s; see {record.log}")
