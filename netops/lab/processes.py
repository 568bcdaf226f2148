"""Start, watch and stop the lab's server processes; nothing else is ever touched.

A record keeps the pid, the command line and the process start time, so ``stop``
and ``alive`` act only on the very process the lab started (a recycled pid of
another program is never signalled).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

LOCALHOST = "127.0.0.1"

#: Children started by this process, kept so they can be reaped (no zombies, and no
#: "subprocess is still running" warning when a handle would be dropped).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class ProcessRecord(BaseModel):
    """A process the lab started."""

    model_config = ConfigDict(frozen=True)

    name: str
    pid: int
    argv: list[str]
    log: Path
    start_ticks: int
    """Start time in clock ticks since boot (/proc/PID/stat field 22)."""


def _start_ticks(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may contain spaces and parentheses: split after the last ')'.
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[19])


def spawn(
    name: str,
    argv: Sequence[str],
    log: Path,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> ProcessRecord:
    """Start ``argv`` in its own session, output appended to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=None if env is None else {**os.environ, **env},
            cwd=cwd,
            start_new_session=True,
        )
    _CHILDREN[process.pid] = process
    ticks = _start_ticks(process.pid) or 0
    return ProcessRecord(name=name, pid=process.pid, argv=list(argv), log=log, start_ticks=ticks)


def alive(record: ProcessRecord) -> bool:
    """True while the recorded process (same pid, same start time) runs and is no zombie."""
    ticks = _start_ticks(record.pid)
    if ticks is None or ticks != record.start_ticks:
        return False
    try:
        state = Path(f"/proc/{record.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop(record: ProcessRecord, timeout: float = 10.0) -> bool:
    """Stop the recorded process (SIGTERM, then SIGKILL); False if it was not running."""
    if not alive(record):
        _reap(record.pid)
        return False
    _signal(record, signal.SIGTERM)
    child = _CHILDREN.pop(record.pid, None)
    if child is not None:  # our own child: wait on it, so no zombie is left behind
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal(record, signal.SIGKILL)
            child.wait()
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive(record):
        time.sleep(0.05)
    if alive(record):
        _signal(record, signal.SIGKILL)
    return True


def pause(record: ProcessRecord, paused: bool) -> None:
    """Freeze (SIGSTOP) or thaw (SIGCONT) the process: it keeps its sockets but stops answering."""
    if alive(record):
        _signal(record, signal.SIGSTOP if paused else signal.SIGCONT)


def _signal(record: ProcessRecord, sig: signal.Signals) -> None:
    try:
        os.killpg(record.pid, sig)  # the whole session: helpers it forked go too
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(record.pid, sig)


def _reap(pid: int) -> None:
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is not None:
            del _CHILDREN[pid]
        return
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port that is free on 127.0.0.1 right now (TCP by default, ``SOCK_DGRAM`` for UDP)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


def free_ports(count: int, kind: int = socket.SOCK_STREAM) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 right now.

    All sockets stay open until every port is chosen: asking one at a time can be
    handed the same port twice.
    """
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, kind)
            sockets.append(sock)
            sock.bind((LOCALHOST, 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_tcp(port: int, timeout: float = 30.0, record: ProcessRecord | None = None) -> None:
    """Wait until something accepts TCP connections on 127.0.0.1:``port``.

    Raises:
        TimeoutError: nothing listens in time, or ``record``'s process died first.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if record is not None and not alive(record):
            raise TimeoutError(f"{record.name} exited before listening; see {record.log}")
        try:
            with socket.create_connection((LOCALHOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {LOCALHOST}:{port} after {timeout:.0f} s")


def _listening_inode(port: int) -> str | None:
    """The inode of the socket listening on 127.0.0.1:``port``, if any."""
    wanted = f"0100007F:{port:04X}"
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A: LISTEN
            return fields[9]
    return None


def owns_listener(pid: int, port: int) -> bool:
    """True when process ``pid`` holds the socket listening on 127.0.0.1:``port``."""
    inode = _listening_inode(port)
    if inode is None:
        return False
    target = f"socket:[{inode}]"
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if str(fd.readlink()) == target:
                return True
        except OSError:
            continue
    return False
