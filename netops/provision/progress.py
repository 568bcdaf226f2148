"""ansible-runner's event stream folded into a progress model: hosts done, ok, changed, failed.

Events are plain dicts (``event``, ``created``, ``event_data``), as ansible-runner hands
them to its ``event_handler``; nothing here imports ansible-runner. A host is *done*
when it failed, when the play that ran it ended, or when the final stats arrive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from netops.provision.models import HostResult, HostStatus

Event = Mapping[str, Any]

#: Task events that end one task on one host.
_RESULT_EVENTS = {
    "runner_on_ok",
    "runner_on_failed",
    "runner_on_skipped",
    "runner_on_unreachable",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Longest failure message kept for the summary (the artifacts keep the whole result).
_REASON_CHARS = 300


@dataclass
class _Host:
    name: str
    status: HostStatus = HostStatus.PENDING
    ok: int = 0
    changed: int = 0
    failed: int = 0
    skipped: int = 0
    unreachable: bool = False
    done: bool = False
    started: datetime | None = None
    finished: datetime | None = None
    reason: str | None = None
    diff: list[str] = field(default_factory=list)
    busy_s: float = 0.0

    def current(self) -> HostStatus:
        """The status to show: a host done without failing is ok or changed."""
        ran = self.ok + self.skipped > 0
        if self.status in (HostStatus.PENDING, HostStatus.RUNNING) and self.done and ran:
            return HostStatus.CHANGED if self.changed else HostStatus.OK
        return self.status

    def result(self) -> HostResult:
        status = self.current()
        return HostResult(
            host=self.name,
            status=status,
            ok=self.ok,
            changed=self.changed,
            failed=self.failed,
            skipped=self.skipped,
            unreachable=self.unreachable,
            started=self.started,
            finished=self.finished,
            reason=self.reason,
            diff=self.diff,
            busy_s=round(self.busy_s, 3),
        )


def event_time(event: Event) -> datetime | None:
    """When ansible-runner created the event (UTC), if it says."""
    created = event.get("created")
    if not isinstance(created, str):
        return None
    try:
        when = datetime.fromisoformat(created)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def failure_reason(event_data: Mapping[str, Any]) -> str:
    """``task name: message`` of a failed or unreachable task result."""
    result = event_data.get("res")
    message = ""
    if isinstance(result, Mapping):
        for key in ("msg", "stderr", "module_stderr", "reason"):
            value = result.get(key)
            if value:
                message = str(value).strip()
                break
    task = str(event_data.get("task") or "").strip()
    text = f"{task}: {message}" if task and message else task or message or "failed"
    first = " ".join(text.split())
    return first if len(first) <= _REASON_CHARS else first[: _REASON_CHARS - 3] + "..."


@dataclass
class Progress:
    """Hosts of one run and where each stands; feed it events with ``apply``."""

    expected: Iterable[str] = ()
    hosts: dict[str, _Host] = field(default_factory=dict)
    play_hosts: set[str] = field(default_factory=set)
    finished: bool = False

    def __post_init__(self) -> None:
        for name in self.expected:
            self._host(name)

    # -- counts the display shows --------------------------------------------------
    @property
    def total(self) -> int:
        """Hosts expected or seen so far."""
        return len(self.hosts)

    @property
    def done(self) -> int:
        """Hosts that will run no more tasks."""
        return sum(1 for h in self.hosts.values() if h.done)

    def count(self, status: HostStatus) -> int:
        """Hosts in ``status`` now (a done host counts as ok or changed)."""
        return sum(1 for h in self.hosts.values() if h.current() is status)

    def results(self) -> list[HostResult]:
        """Every host as it stands, in the order first seen."""
        return [h.result() for h in self.hosts.values()]

    # -- folding events ------------------------------------------------------------
    def apply(self, event: Event) -> None:
        """Update the model with one ansible-runner event."""
        kind = str(event.get("event", ""))
        data = event.get("event_data") or {}
        if kind == "playbook_on_play_start":
            self._end_play()
        elif kind == "playbook_on_stats":
            self._stats(data)
        elif kind == "runner_on_start":
            self._start(data, event_time(event))
        elif kind in _RESULT_EVENTS:
            self._result(kind, data, event_time(event))
        elif kind == "runner_on_file_diff":
            self._diff(data, event.get("stdout"))

    def _host(self, name: str) -> _Host:
        host = self.hosts.get(name)
        if host is None:
            host = self.hosts[name] = _Host(name)
        return host

    def _start(self, data: Mapping[str, Any], when: datetime | None) -> None:
        name = data.get("host")
        if not name:
            return
        host = self._host(str(name))
        self.play_hosts.add(host.name)
        if host.started is None:
            host.started = when
        if host.status is HostStatus.PENDING:
            host.status = HostStatus.RUNNING

    def _result(self, kind: str, data: Mapping[str, Any], when: datetime | None) -> None:
        name = data.get("host")
        if not name:
            return
        host = self._host(str(name))
        self.play_hosts.add(host.name)
        host.started = host.started or when
        host.finished = when or host.finished
        duration = data.get("duration")
        if isinstance(duration, int | float):
            host.busy_s += float(duration)
        result = data.get("res")
        changed = isinstance(result, Mapping) and bool(result.get("changed"))
        if kind == "runner_on_ok":
            host.ok += 1
            host.changed += int(changed)
        elif kind == "runner_on_skipped":
            host.skipped += 1
        elif kind == "runner_on_failed" and data.get("ignore_errors"):
            host.ok += 1
        elif kind == "runner_on_failed":
            host.failed += 1
            self._fail(host, HostStatus.FAILED, data)
        elif kind == "runner_on_unreachable":
            host.unreachable = True
            self._fail(host, HostStatus.UNREACHABLE, data)
        if not host.status.failed:
            host.status = HostStatus.CHANGED if host.changed else HostStatus.RUNNING

    def _diff(self, data: Mapping[str, Any], stdout: object) -> None:
        """Keep the diff Ansible printed for a task (``--diff``)."""
        name = data.get("host")
        if name and isinstance(stdout, str) and stdout.strip():
            text = _ANSI.sub("", stdout).replace("\r\n", "\n")
            self._host(str(name)).diff.append(text.strip())

    @staticmethod
    def _fail(host: _Host, status: HostStatus, data: Mapping[str, Any]) -> None:
        if host.reason is None:
            host.reason = failure_reason(data)
        if host.status is not HostStatus.UNREACHABLE:
            host.status = status
        host.done = True  # Ansible runs nothing more on a failed host in this play

    def _end_play(self) -> None:
        for name in self.play_hosts:
            self.hosts[name].done = True
        self.play_hosts = set()

    def _stats(self, data: Mapping[str, Any]) -> None:
        """The final word: Ansible's own per-host counts (rescued failures are not failures)."""
        self._end_play()
        counts = {key: data.get(key) or {} for key in ("ok", "changed", "failures", "dark")}
        seen = set().union(*(set(c) for c in counts.values()))
        for name in seen:
            host = self._host(str(name))
            host.done = True
            if counts["dark"].get(name):
                host.status = HostStatus.UNREACHABLE
            elif counts["failures"].get(name):
                host.status = HostStatus.FAILED
            else:
                host.status = HostStatus.CHANGED if counts["changed"].get(name) else HostStatus.OK
                host.reason = None
        for host in self.hosts.values():
            if host.name not in seen and not host.status.failed:
                host.status, host.done = HostStatus.NOT_RUN, True
        self.finished = True
