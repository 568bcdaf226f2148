"""The secrets a run hands Ansible, how they travel (a pipe, never a file), and the leak check.

The playbook reads them as the extra variable ``netops_secrets``. They reach
``ansible-playbook`` as ``-e @<fifo>``: a named pipe in a private temporary directory,
fed from memory, so no byte of them is ever written to disk, to the run directory or to
ansible-runner's artifacts. ``find_leaks`` checks every file of a run directory anyway,
and blanks any secret it finds (a careless task that prints one, say).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

log = logging.getLogger(__name__)

#: The extra variable the playbook reads the secrets from.
SECRETS_VAR = "netops_secrets"
#: What a leaked secret is replaced with in the run directory.
REDACTED = b"********"
#: Environment variables of netops that may hold secrets: never passed to Ansible.
_SECRET_ENV = re.compile(r"^NETOPS_.*(PASSWORD|SECRET|TOKEN|COMMUNITY|KEY)", re.IGNORECASE)
#: Shorter values are not searched for (they would match everywhere).
_MIN_SECRET_CHARS = 4
#: Factory defaults nobody can keep secret (SNMP's): not searched for either.
_WELL_KNOWN = frozenset({"public", "private"})
#: How often the pipe checks whether its reader has closed.
_PIPE_POLL_S = 0.02


class ProvisionSecrets(BaseModel):
    """What the playbook needs and must never show: switch login, SNMP community or v3 keys."""

    model_config = ConfigDict(frozen=True)

    switch_password: SecretStr | None = None
    snmp_version: Literal["v2c", "v3"] = "v2c"
    snmp_community: SecretStr | None = None
    snmp_v3_user: str | None = None
    snmp_v3_auth_key: SecretStr | None = None
    snmp_v3_priv_key: SecretStr | None = None

    def extravars(self) -> dict[str, dict[str, str]]:
        """``{"netops_secrets": {...}}`` with the plain values (set fields only)."""
        plain: dict[str, str] = {}
        for name, value in self:
            if isinstance(value, SecretStr):
                plain[name] = value.get_secret_value()
            elif value is not None:
                plain[name] = str(value)
        return {SECRETS_VAR: plain}

    def values(self) -> list[str]:
        """The secret values, for leak checks (very short ones are skipped)."""
        found = []
        for _, value in self:
            if isinstance(value, SecretStr):
                plain = value.get_secret_value()
                if len(plain) >= _MIN_SECRET_CHARS and plain not in _WELL_KNOWN:
                    found.append(plain)
        return found


@contextlib.contextmanager
def secret_pipe(payload: Mapping[str, object]) -> Iterator[Path]:
    """A named pipe that serves ``payload`` as JSON to every reader until the block ends.

    The pipe lives in a private (mode 700) temporary directory, removed afterwards.
    """
    data = json.dumps(payload).encode()
    directory = Path(tempfile.mkdtemp(prefix="netops-secrets-"))
    path = directory / "extravars.json"
    os.mkfifo(path, 0o600)
    stop = threading.Event()

    def reader_present() -> bool:
        # A non-blocking open for writing fails with ENXIO while nobody reads.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return False
        return True

    def feed() -> None:
        while not stop.is_set():
            try:
                with path.open("wb") as pipe:  # blocks until a reader opens the pipe
                    if not stop.is_set():
                        pipe.write(data)
            except OSError:  # the reader went away early: serve the next one
                continue
            # Serve the next reader only once this one has closed its end: writing again
            # while it still reads would hand it the payload twice.
            while reader_present() and not stop.wait(_PIPE_POLL_S):
                pass

    thread = threading.Thread(target=feed, name="netops-secret-pipe", daemon=True)
    thread.start()
    try:
        yield path
    finally:
        stop.set()
        # Release a writer blocked in open(): open the read end without waiting, then close.
        with contextlib.suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            thread.join(timeout=2.0)
            os.close(descriptor)
        path.unlink(missing_ok=True)
        directory.rmdir()


def safe_environment(env: Mapping[str, str], secrets: ProvisionSecrets) -> dict[str, str]:
    """``env`` without netops' secret settings and without any variable holding a secret.

    ansible-runner copies the whole environment into ``artifacts/<ident>/command``.
    """
    values = secrets.values()
    return {
        key: value
        for key, value in env.items()
        if not _SECRET_ENV.match(key) and not any(secret in value for secret in values)
    }


@dataclass(frozen=True)
class Leak:
    """A file of a run directory that held a secret (now blanked)."""

    path: Path
    occurrences: int


def _forms(secret: str) -> list[bytes]:
    """A secret as it may appear in a file: plain, and escaped inside JSON."""
    plain = secret.encode()
    escaped = json.dumps(secret)[1:-1].encode()
    return [plain] if escaped == plain else [plain, escaped]


def find_leaks(directory: Path, secrets: ProvisionSecrets, *, redact: bool = True) -> list[Leak]:
    """Every regular file under ``directory`` that contains a secret; blanked when ``redact``."""
    needles = [form for value in secrets.values() for form in _forms(value)]
    if not needles or not directory.is_dir():
        return []
    leaks = []
    for path in sorted(directory.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        content = path.read_bytes()
        found = sum(content.count(needle) for needle in needles)
        if not found:
            continue
        leaks.append(Leak(path, found))
        log.warning("a secret was written to %s (%d time(s))", path, found)
        if redact:
            for needle in needles:
                content = content.replace(needle, REDACTED)
            path.write_bytes(content)
    return leaks
