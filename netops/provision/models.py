"""What a provisioning run is asked to do and what it returns: frozen pydantic models."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, computed_field


class HostStatus(StrEnum):
    """Where one host stands in a run (worst wins: unreachable > failed > changed > ok)."""

    PENDING = "pending"
    RUNNING = "running"
    OK = "ok"
    CHANGED = "changed"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    NOT_RUN = "not run"  # no play of the playbook targets the host

    @property
    def failed(self) -> bool:
        """The host did not reach its intended state."""
        return self in (HostStatus.FAILED, HostStatus.UNREACHABLE)


class HostResult(BaseModel):
    """One host at the end of a run: its status, task counts, timing and first failure."""

    model_config = ConfigDict(frozen=True)

    host: str
    status: HostStatus
    ok: int = 0
    changed: int = 0
    failed: int = 0
    skipped: int = 0
    unreachable: bool = False
    started: datetime | None = None
    finished: datetime | None = None
    reason: str | None = Field(default=None, description="The first failure, in words.")
    diff: list[str] = Field(default_factory=list, description="What --diff showed, per task.")
    busy_s: float = Field(
        default=0.0, description="Seconds the host's own tasks took (not waiting for others)."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def duration_s(self) -> float | None:
        """Seconds from the host's first task to its last (with Ansible's linear strategy
        this includes waiting for the other hosts at each task), when both are known."""
        if self.started is None or self.finished is None:
            return None
        return (self.finished - self.started).total_seconds()


class RunRequest(BaseModel):
    """One ansible-playbook invocation: what to run, on which hosts, how."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="What the run is for, e.g. 'school xy-0002' or 'batch 2'.")
    limit: str = Field(description="Ansible --limit pattern.")
    hosts: tuple[str, ...] = Field(default=(), description="Hosts the run is expected to touch.")
    schools: tuple[str, ...] = Field(
        default=(), description="The schools of those hosts: Ansible loads only them (empty: all)."
    )
    check: bool = False
    diff: bool = False
    forks: int = Field(default=10, ge=1)
    extravars: dict[str, str | int | bool] = Field(default_factory=dict)


class RunResult(BaseModel):
    """What one run returned: per host, the runner's status and where the artifacts are."""

    model_config = ConfigDict(frozen=True)

    label: str
    status: str = Field(description="ansible-runner's status: successful, failed, error, ...")
    rc: int | None = None
    hosts: list[HostResult]
    run_dir: Path | None = Field(default=None, description="The run's directory.")
    artifacts: Path | None = Field(default=None, description="ansible-runner's artifacts.")
    started: datetime
    finished: datetime
    error: str | None = Field(default=None, description="Why the run itself failed, if it did.")
    leaks: list[Path] = Field(
        default_factory=list, description="Files of the run directory a secret was blanked in."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def failed_hosts(self) -> list[str]:
        """Hosts that failed or were unreachable."""
        return [h.host for h in self.hosts if h.status.failed]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed_hosts(self) -> list[str]:
        """Hosts where something changed."""
        return [h.host for h in self.hosts if h.status is HostStatus.CHANGED]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """Every host reached its state and the run itself did not fail."""
        return self.error is None and not self.failed_hosts and self.status == "successful"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def duration_s(self) -> float:
        """Wall-clock seconds of the run."""
        return (self.finished - self.started).total_seconds()


class BatchOutcome(BaseModel):
    """One batch of a county run: its schools, failures and the decision taken after it."""

    model_config = ConfigDict(frozen=True)

    number: int
    schools: list[str]
    failed_schools: list[str]
    result: RunResult
    fail_percent: float
    stopped: bool = Field(description="The run stopped after this batch (too many failures).")


class CountyOutcome(BaseModel):
    """A county run: its batches, the schools not attempted, and why it stopped."""

    model_config = ConfigDict(frozen=True)

    county: str
    run_dir: Path | None = None
    batches: list[BatchOutcome]
    not_attempted: list[str] = Field(default_factory=list)
    stop_reason: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """Every school was attempted and every batch succeeded."""
        return not self.not_attempted and all(b.result.ok for b in self.batches)
