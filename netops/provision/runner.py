"""The ansible-runner adapter: the only module that imports ansible_runner.

``PlaybookRunner`` is the seam: one method, a run request in, ansible-runner's events out
(to a callback) and its final status back. ``AnsibleRunner`` is the real one;
``FakeRunner`` plays scripted events for unit tests.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from netops.provision.models import RunRequest
from netops.provision.progress import Event
from netops.provision.secrets import ProvisionSecrets, safe_environment, secret_pipe

EventHandler = Callable[[Event], None]


@dataclass(frozen=True)
class RunnerOutcome:
    """How ansible-runner ended: status (successful, failed, timeout, ...), rc, artifacts."""

    status: str
    rc: int | None
    artifacts: Path | None = None
    error: str | None = None


class PlaybookRunner(Protocol):
    """Runs the playbook once for a request; events go to ``on_event`` as they happen."""

    def run(
        self,
        request: RunRequest,
        run_dir: Path,
        ident: str,
        secrets: ProvisionSecrets,
        on_event: EventHandler,
    ) -> RunnerOutcome:
        """Run, block until the end; device failures are in the events, never raised."""
        ...


@dataclass
class AnsibleRunner:
    """ansible-runner on ``playbook`` in ``playbooks_dir``, secrets through a pipe.

    With ``inventory`` (a netops inventory directory) each run gets its own inventory
    source in the run directory (``inventory/netops.yml``: that directory, or the lab in
    ``lab_dir``); without, the playbooks' ansible.cfg decides.
    """

    playbooks_dir: Path
    playbook: str
    inventory: Path | None = None
    lab_dir: Path | None = None
    python_interpreter: str | None = None
    timeout_s: int | None = None
    extra_env: Mapping[str, str] = field(default_factory=dict)
    #: Polled while the run goes on; True stops it (status "canceled").
    cancelled: Callable[[], bool] = lambda: False

    def environment(self) -> dict[str, str]:
        """Variables ansible-playbook gets besides ours: the venv first on PATH, the config."""
        venv_bin = str(Path(sys.executable).parent)
        env = {
            "PATH": os.pathsep.join([venv_bin, os.environ.get("PATH", os.defpath)]),
            "ANSIBLE_CONFIG": str(self.playbooks_dir / "ansible.cfg"),
            "ANSIBLE_NOCOLOR": "1",
            # Task arguments in events would show templates' inputs: never.
            "ANSIBLE_DISPLAY_ARGS_TO_STDOUT": "False",
        }
        # Everything of the lab runs here: this Python (discovery can pick a broken shim).
        # On the network, real terminals find theirs (ansible.cfg: auto_silent).
        interpreter = self.python_interpreter or (sys.executable if self.lab_dir else None)
        if interpreter:
            env["ANSIBLE_PYTHON_INTERPRETER"] = interpreter
        env.update(self.extra_env)
        return env

    def inventory_source(self, run_dir: Path, schools: Sequence[str] = ()) -> Path | None:
        """Write the run's inventory source (the netops plugin's configuration, narrowed
        to ``schools`` when given); its path."""
        if self.inventory is None:
            return None
        lines = ["plugin: netops_inventory", f"path: {json.dumps(str(self.inventory.resolve()))}"]
        if schools:
            lines.append(f"schools: {json.dumps(list(schools))}")
        if self.lab_dir is not None:
            lines += ["lab: true", f"lab_dir: {json.dumps(str(self.lab_dir.resolve()))}"]
        path = run_dir / "inventory" / "netops.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    @staticmethod
    def command_line(request: RunRequest, secrets_path: Path) -> str:
        """The ansible-playbook options besides limit, forks and plain extra variables."""
        options = ["-e", shlex.quote(f"@{secrets_path}")]
        if request.check:
            options.append("--check")
        if request.diff:
            options.append("--diff")
        return " ".join(options)

    def run(
        self,
        request: RunRequest,
        run_dir: Path,
        ident: str,
        secrets: ProvisionSecrets,
        on_event: EventHandler,
    ) -> RunnerOutcome:
        """Run ansible-playbook through ansible-runner and wait for it."""
        # Imported here: 0.3 s that every other netops command would pay at start-up.
        import ansible_runner  # type: ignore[import-untyped]  # noqa: PLC0415

        def handler(event: Event) -> bool:
            on_event(event)
            return True  # keep the event in artifacts/<ident>/job_events

        inventory = self.inventory_source(run_dir, request.schools)
        with secret_pipe(secrets.extravars()) as pipe:
            try:
                runner = ansible_runner.interface.init_runner(
                    private_data_dir=str(run_dir),
                    inventory=str(inventory) if inventory else None,
                    project_dir=str(self.playbooks_dir),
                    playbook=self.playbook,
                    ident=ident,
                    limit=request.limit,
                    forks=request.forks,
                    extravars=dict(request.extravars) or None,
                    cmdline=self.command_line(request, pipe),
                    envvars=self.environment(),
                    # Otherwise env/ keeps cmdline, extravars, envvars and reuses them next run.
                    suppress_env_files=True,
                    quiet=True,
                    timeout=self.timeout_s,
                    rotate_artifacts=0,
                    event_handler=handler,
                    # Ours, not ansible-runner's default that takes over SIGINT for good.
                    cancel_callback=self.cancelled,
                )
                # ansible-runner writes this environment into artifacts/<ident>/command.
                runner.config.env = safe_environment(runner.config.env, secrets)
                runner.run()
            except (ansible_runner.ConfigurationError, OSError) as exc:
                return RunnerOutcome(status="error", rc=None, error=f"cannot start Ansible: {exc}")
        artifacts = Path(runner.config.artifact_dir)
        error = _error_of(runner.status, runner.rc, artifacts)
        return RunnerOutcome(
            status=str(runner.status), rc=runner.rc, artifacts=artifacts, error=error
        )


def _error_of(status: str, rc: int | None, artifacts: Path) -> str | None:
    """Why the run as a whole failed, when it did not get as far as the hosts."""
    if status == "timeout":
        return "the run took longer than the configured timeout and was stopped"
    if status == "canceled":
        return "the run was interrupted"
    if status in ("error", "failed") and rc not in (0, 2, 4):
        # ansible-playbook: 2 = some host failed, 4 = some host unreachable; others: the run.
        return f"ansible-playbook exited with {rc}: {_last_line(artifacts / 'stdout')}"
    return None


def _last_line(path: Path) -> str:
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except OSError:
        return "no output"
    meaningful = [line for line in lines if line]
    return meaningful[-1] if meaningful else "no output"


@dataclass
class FakeRunner:
    """Plays scripted events: ``script(request)`` returns the events of that request's run."""

    script: Callable[[RunRequest], Iterable[Event]]
    status: Callable[[RunRequest], str] = lambda request: "successful"
    requests: list[RunRequest] = field(default_factory=list)
    write: Callable[[Path, ProvisionSecrets], None] | None = None

    def run(
        self,
        request: RunRequest,
        run_dir: Path,
        ident: str,
        secrets: ProvisionSecrets,
        on_event: EventHandler,
    ) -> RunnerOutcome:
        """Record the request, feed its events, return the scripted status."""
        self.requests.append(request)
        artifacts = run_dir / "artifacts" / ident
        artifacts.mkdir(parents=True, exist_ok=True)
        if self.write is not None:
            self.write(artifacts, secrets)
        for event in self.script(request):
            on_event(event)
        status = self.status(request)
        return RunnerOutcome(
            status=status, rc=0 if status == "successful" else 2, artifacts=artifacts
        )


def task_event(
    kind: str, host: str, *, changed: bool = False, msg: str = "", task: str = "configure"
) -> dict[str, Any]:
    """An ansible-runner event of one task on one host (for fakes and tests)."""
    result: dict[str, Any] = {"changed": changed}
    if msg:
        result["msg"] = msg
    return {"event": kind, "event_data": {"host": host, "task": task, "res": result}}


def stats_event(
    ok: Sequence[str] = (),
    changed: Sequence[str] = (),
    failed: Sequence[str] = (),
    unreachable: Sequence[str] = (),
) -> dict[str, Any]:
    """The final ``playbook_on_stats`` event for these hosts."""
    every = [*ok, *changed, *failed, *unreachable]
    return {
        "event": "playbook_on_stats",
        "event_data": {
            "ok": {h: 1 for h in every if h not in unreachable},
            "changed": {h: 1 for h in changed},
            "failures": {h: 1 for h in failed},
            "dark": {h: 1 for h in unreachable},
        },
    }
