"""``netops serve`` in the background: start, find and stop the one service process.

The record (pid + start time, as the lab keeps its servers) lives beside the state
database, so ``stop`` only ever signals the process ``start`` launched.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from pydantic import BaseModel

from netops.lab import processes
from netops.lab.processes import ProcessRecord

RECORD_FILE = "service.json"
LOG_FILE = "service.log"


class ServiceRecord(BaseModel):
    """The running background service."""

    process: ProcessRecord
    scope: str | None = None
    interval_s: float | None = None


class ServiceError(RuntimeError):
    """The background service could not be started or found."""


def record_path(directory: Path) -> Path:
    """Where the record of the background service is kept."""
    return directory / RECORD_FILE


def read_record(directory: Path) -> ServiceRecord | None:
    """The recorded service, or None when none was started (or the record is unreadable)."""
    path = record_path(directory)
    try:
        return ServiceRecord.model_validate_json(path.read_text())
    except (OSError, ValueError):
        return None


def running(directory: Path) -> ServiceRecord | None:
    """The recorded service if it is still alive."""
    record = read_record(directory)
    return record if record is not None and processes.alive(record.process) else None


def start(
    directory: Path,
    *,
    scope: str | None = None,
    interval_s: float | None = None,
    env: dict[str, str] | None = None,
    settle_s: float = 2.0,
) -> ServiceRecord:
    """Launch ``netops serve`` detached (log in ``directory``); refuse a second one.

    Raises:
        ServiceError: a service already runs, or the new one exited at once.
    """
    current = running(directory)
    if current is not None:
        raise ServiceError(f"the service already runs (pid {current.process.pid})")
    argv = [sys.executable, "-m", "netops", "serve"]
    if scope:
        argv += ["--scope", scope]
    extra = dict(env or {})
    if interval_s is not None:
        extra["NETOPS_SCHEDULE__POLL_INTERVAL_S"] = str(interval_s)
    directory.mkdir(parents=True, exist_ok=True)
    process = processes.spawn(
        "netops-serve", argv, directory / LOG_FILE, env={**extra, "PYTHONUNBUFFERED": "1"}
    )
    record = ServiceRecord(process=process, scope=scope, interval_s=interval_s)
    record_path(directory).write_text(record.model_dump_json(indent=2))
    deadline = time.monotonic() + settle_s
    while time.monotonic() < deadline:
        if not processes.alive(process):
            tail = _tail(process.log)
            raise ServiceError(f"the service exited at once; its log ends:\n{tail}")
        time.sleep(0.1)
    return record


def stop(directory: Path, timeout: float = 120.0) -> bool:
    """Stop the recorded service (it finishes its cycle first); False if none ran."""
    record = read_record(directory)
    if record is None:
        return False
    was_running = processes.stop(record.process, timeout=timeout)
    record_path(directory).unlink(missing_ok=True)
    return was_running


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def service_dir(state_path: Path) -> Path:
    """The directory of the service's record and log: beside the state database."""
    return Path(os.fspath(state_path)).parent
