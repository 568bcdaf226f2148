"""What ``netops provision`` does (imported when a provision command runs: Ansible, rich)."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

from netops.cli.output import console, errors, load_or_exit
from netops.clock import SystemClock
from netops.inventory.inventory import Inventory
from netops.lab.targets import lab_targets
from netops.monitoring.targets import SnmpCredentials, inventory_targets
from netops.provision.audit import AuditNote, audit_after_provision
from netops.provision.context import (
    MissingSecretError,
    SettingError,
    Target,
    lab_schools,
    provision_settings,
    runs_dir,
    secrets_for,
    switch_login,
    target_of,
)
from netops.provision.hosts import (
    HostSelectionError,
    split_patterns,
    unsupported_switches,
)
from netops.provision.intent import SchoolIntent, school_intent
from netops.provision.models import CountyOutcome, HostStatus, RunResult
from netops.provision.progress import Progress
from netops.provision.provisioner import Provisioner, RunOptions
from netops.provision.runner import AnsibleRunner
from netops.provision.services import services_for
from netops.provision.verify import (
    ReaderUnavailableError,
    VerifyReport,
    config_reader,
    verify_school,
)
from netops.settings import Settings, get_settings

T = TypeVar("T")

_STYLE = {
    HostStatus.OK: "green",
    HostStatus.CHANGED: "yellow",
    HostStatus.FAILED: "red",
    HostStatus.UNREACHABLE: "red",
    HostStatus.NOT_RUN: "dim",
}


class LiveProgress:
    """A rich progress bar per run: hosts done of total, and ok/changed/failed counts."""

    def __init__(self, check: bool) -> None:
        self.bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.changed = "would change" if check else "changed"
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, label: str, progress: Progress) -> None:
        task = self.tasks.get(label)
        if task is None:
            task = self.tasks[label] = self.bar.add_task(label, total=None, counts="")
        counts = (
            f"ok {progress.count(HostStatus.OK)}  {self.changed}"
            f" {progress.count(HostStatus.CHANGED)}  failed {progress.count(HostStatus.FAILED)}"
            f"  unreachable {progress.count(HostStatus.UNREACHABLE)}"
        )
        self.bar.update(task, total=progress.total, completed=progress.done, counts=counts)


@contextmanager
def _interruptible() -> Iterator[threading.Event]:
    """Ctrl+C stops the run in progress (Ansible stops cleanly) instead of killing netops."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _provisioner(
    settings: Settings, inventory: Inventory, target: Target, stop: threading.Event
) -> Provisioner:
    section = provision_settings(settings)
    runner = AnsibleRunner(
        playbooks_dir=section.playbooks_dir,
        playbook=section.playbook,
        inventory=settings.inventory,
        lab_dir=target.lab_dir,
        python_interpreter=section.python_interpreter,
        timeout_s=section.timeout_s,
        cancelled=stop.is_set,
    )
    return Provisioner(
        runner=runner,
        inventory=inventory,
        secrets=secrets_for(settings, target),
        runs_dir=runs_dir(settings),
        clock=SystemClock(),
        cancelled=stop.is_set,
        available=lab_schools(inventory, target),
    )


def _fail(message: str) -> typer.Exit:
    errors.print(message, markup=False, soft_wrap=True)
    return typer.Exit(1)


def print_diffs(result: RunResult) -> None:
    """What each host's configuration tasks would change or changed (``--diff``)."""
    for host in result.hosts:
        for text in host.diff:
            console.rule(host.host, align="left")
            console.print(text, markup=False, highlight=False, soft_wrap=True)


def print_hosts(result: RunResult, check: bool) -> None:
    """The per-host summary table of one run."""
    changed = "would change" if check else "changed"
    table = Table("host", "result", changed, "failed", "time", "reason", title=result.label)
    order = [
        HostStatus.UNREACHABLE,
        HostStatus.FAILED,
        HostStatus.CHANGED,
        HostStatus.OK,
        HostStatus.NOT_RUN,
    ]
    for host in sorted(
        result.hosts, key=lambda h: (order.index(h.status) if h.status in order else 9, h.host)
    ):
        status = changed if host.status is HostStatus.CHANGED else host.status.value
        table.add_row(
            host.host,
            f"[{_STYLE.get(host.status, 'white')}]{status}[/]",
            str(host.changed),
            str(host.failed),
            f"{host.busy_s:.1f} s" if host.busy_s else "",
            host.reason or "",
        )
    console.print(table)
    if result.error:
        console.print(f"[red]the run failed:[/red] {result.error}", soft_wrap=True)
    if result.leaks:
        errors.print(
            f"[red]a secret was written to {len(result.leaks)} file(s) of the run directory"
            " and blanked there[/red] (a task without no_log?): "
            + ", ".join(str(p) for p in result.leaks),
            soft_wrap=True,
        )


def _print_audit(note: AuditNote | None) -> None:
    if note is None:
        return
    if note.error:
        console.print(f"audit: not run ({note.error}); run `netops poll once`, then audit")
        return
    for school in note.schools:
        why = f": {school.reason}" if school.reason else ""
        bucket = school.bucket.replace("_", " ")
        console.print(f"audit {note.audit_id}: {school.school} {bucket}{why}", soft_wrap=True)


def _execute(
    settings: Settings,
    inventory: Inventory,
    check: bool,
    as_json: bool,
    work: Callable[[Provisioner], T],
) -> T:
    """Build the provisioner, show live progress (unless JSON), run ``work``; Ctrl+C stops it."""
    with _interruptible() as stop:
        try:
            provisioner = _provisioner(settings, inventory, target_of(settings), stop)
            if as_json:
                return work(provisioner)
            provisioner.on_progress = live = LiveProgress(check)
            with live.bar:
                return work(provisioner)
        except (HostSelectionError, SettingError) as exc:
            raise _fail(str(exc)) from None


def _announce(what: str, settings: Settings, skipped: list[str] | None = None) -> None:
    try:
        where = f" on {target_of(settings).describe()}"
    except MissingSecretError:
        where = ""  # said again, as the error it is, when the run starts
    console.print(f"provisioning {what}{where}", soft_wrap=True)
    if skipped:
        console.print("not provisioned (no role for the platform): " + ", ".join(skipped))


def _run_options(
    check: bool, diff: bool, limit: str | None, forks: int | None
) -> tuple[Settings, Inventory, RunOptions]:
    """Settings, inventory and run options of a provision run (forks default to the setting)."""
    settings = get_settings()
    inventory = load_or_exit(None)
    section = provision_settings(settings)
    options = RunOptions(check, diff, forks or section.forks, tuple(split_patterns(limit)))
    return settings, inventory, options


def school_command(
    school_id: str,
    check: bool,
    diff: bool,
    limit: str | None,
    forks: int | None,
    as_json: bool,
) -> None:
    """Provision one school's switches and terminals; exit 1 when any host failed."""
    settings, inventory, options = _run_options(check, diff, limit, forks)
    if not as_json and school_id in inventory.schools:
        school = inventory.schools[school_id]
        _announce(f"school {school.id} ({school.name})", settings, unsupported_switches(school))
    result = _execute(
        settings,
        inventory,
        check,
        as_json,
        lambda p: p.school(school_id, options),
    )
    note = None
    if result.ok and not check:
        note = audit_after_provision(settings, inventory, f"school {school_id}")
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        print_diffs(result)
        print_hosts(result, check)
        console.print(f"run directory: {result.run_dir}", soft_wrap=True)
        _print_audit(note)
    if not result.ok:
        raise typer.Exit(1)


def _print_county(outcome: CountyOutcome, check: bool) -> None:
    for batch in outcome.batches:
        failed = len(batch.failed_schools)
        verdict = "stopped" if batch.stopped else "continue"
        console.print(
            f"{batch.result.label}: {len(batch.schools)} schools, {failed} failed"
            f" ({batch.fail_percent:.0f} %) in {batch.result.duration_s:.0f} s: {verdict}"
        )
        print_diffs(batch.result)
        if failed or batch.result.error:
            failures = [h for h in batch.result.hosts if h.status.failed]
            print_hosts(batch.result.model_copy(update={"hosts": failures}), check)
    if outcome.stop_reason:
        console.print(f"[red]{outcome.stop_reason}[/red]", soft_wrap=True)
        console.print("not attempted: " + ", ".join(outcome.not_attempted), soft_wrap=True)
    schools = [s for b in outcome.batches for s in b.failed_schools]
    attempted = sum(len(b.schools) for b in outcome.batches)
    console.print(
        f"county {outcome.county}: {attempted} schools attempted, {len(schools)} failed"
        + (f" ({', '.join(schools)})" if schools else ""),
        soft_wrap=True,
    )
    console.print(f"run directory: {outcome.run_dir}", soft_wrap=True)


def county_command(
    name: str,
    batch: int,
    max_fail_percent: float,
    check: bool,
    diff: bool,
    limit: str | None,
    forks: int | None,
    as_json: bool,
) -> None:
    """Provision a county's schools in batches; stop when a batch fails more than allowed."""
    settings, inventory, options = _run_options(check, diff, limit, forks)
    if not as_json:
        _announce(f"county {name}, {batch} school(s) a batch", settings)
    outcome = _execute(
        settings,
        inventory,
        check,
        as_json,
        lambda p: p.county(name, batch, max_fail_percent, options),
    )
    if as_json:
        typer.echo(outcome.model_dump_json(indent=2))
    else:
        _print_county(outcome, check)
    if outcome.ok and not check:
        _print_audit(audit_after_provision(settings, inventory, f"county {name}"))
    if not outcome.ok:
        raise typer.Exit(1)


def _verify(
    settings: Settings, inventory: Inventory, intent: SchoolIntent, target: Target
) -> VerifyReport:
    devices = [d.hostname for d in intent.devices]
    if target.lab_dir is not None:
        polled = lab_targets(inventory, target.lab_dir)
    else:
        polled = inventory_targets(inventory, SnmpCredentials(), devices)
    targets = {t.device: t for t in polled if t.device in devices}
    reader = config_reader(SystemClock(), switch_login(settings, target))
    return asyncio.run(verify_school(intent, targets, reader))


def print_report(report: VerifyReport) -> None:
    """Drift line by line, then the verdict."""
    for verdict in report.devices:
        if not verdict.read:
            console.print(
                f"[red]{verdict.device}: not verified[/red]: {verdict.reason}", soft_wrap=True
            )
        for drift in verdict.drift:
            console.print(
                f"{drift.device}: [bold]{drift.subject}[/bold]: {drift.message}",
                soft_wrap=True,
                markup=True,
            )
    for note in report.not_checked:
        console.print(f"[dim]not checked: {note}[/dim]")
    drifted = sorted({d.device for d in report.drift})
    if report.clean:
        console.print(
            f"[green]school {report.school}: {len(report.devices)} switch(es) as intended[/green]"
        )
        return
    problems = []
    if report.drift:
        problems.append(f"{len(report.drift)} drift(s) on {len(drifted)} switch(es)")
    if report.unread:
        problems.append(f"{len(report.unread)} switch(es) not verified (unreachable?)")
    console.print(f"[red]school {report.school}: {', '.join(problems)}[/red]", soft_wrap=True)
    if report.drift:
        console.print(
            f"fix with `netops provision school {report.school}`"
            " (add --check --diff to see the lines first)",
            soft_wrap=True,
        )


def verify_command(school_id: str, as_json: bool) -> None:
    """Read the school's switches back and report drift from the inventory; exit 1 on drift."""
    settings = get_settings()
    inventory = load_or_exit(None)
    try:
        target = target_of(settings)
        intent = school_intent(inventory, school_id, services_for(settings, inventory))
        report = _verify(settings, inventory, intent, target)
    except (HostSelectionError, SettingError, ReaderUnavailableError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        print_report(report)
    if not report.clean:
        raise typer.Exit(1)
