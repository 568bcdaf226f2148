"""Provisioning runs: one school, or a county in batches that stop on too many failures.

A run gets its own directory (``<runs>/<UTC time>-<what>``) that ansible-runner keeps
its artifacts in; the run's summary is written beside them, and the whole directory is
checked for secrets afterwards. Device failures are results, never exceptions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netops.clock import Clock
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile
from netops.provision import hosts as school_hosts
from netops.provision.constants import SCHOOL_IDENT, SUMMARY_FILE
from netops.provision.hosts import HostSelectionError
from netops.provision.models import (
    BatchOutcome,
    CountyOutcome,
    HostResult,
    HostStatus,
    RunRequest,
    RunResult,
)
from netops.provision.progress import Event, Progress
from netops.provision.runner import PlaybookRunner
from netops.provision.secrets import ProvisionSecrets, find_leaks

log = logging.getLogger(__name__)

#: Called with the run's label and its progress after every event (the CLI redraws).
ProgressHook = Callable[[str, Progress], None]


def _ignore(label: str, progress: Progress) -> None:
    return None


@dataclass(frozen=True)
class RunOptions:
    """How to run: check mode, diffs, forks, and which hosts of each school (patterns)."""

    check: bool = False
    diff: bool = False
    forks: int = 10
    limit: tuple[str, ...] = ()


@dataclass
class Provisioner:
    """Runs the playbook for schools through a ``PlaybookRunner``."""

    runner: PlaybookRunner
    inventory: Inventory
    secrets: ProvisionSecrets
    runs_dir: Path
    clock: Clock
    on_progress: ProgressHook = _ignore
    cancelled: Callable[[], bool] = field(default=lambda: False)
    #: The schools the target network has (the lab's scope); None: every school.
    available: frozenset[str] | None = None

    def _school(self, school_id: str) -> SchoolFile:
        school = school_hosts.school_of(self.inventory, school_id)
        if self.available is not None and school.id not in self.available:
            shown = ", ".join(sorted(self.available)[:5])
            raise HostSelectionError(
                f"school {school.id} is not in the lab (it runs {len(self.available)} schools:"
                f" {shown}{', ...' if len(self.available) > 5 else ''})"
            )
        return school

    def school(self, school_id: str, options: RunOptions = RunOptions()) -> RunResult:
        """Provision one school (or the hosts of it that ``options.limit`` names).

        Raises:
            HostSelectionError: an unknown school (or one outside the lab), or a limit that
                matches none of its hosts.
        """
        school = self._school(school_id)
        chosen = school_hosts.select(school, options.limit) if options.limit else None
        request = RunRequest(
            label=f"school {school.id}",
            limit=school_hosts.school_limit(school, chosen),
            hosts=tuple(chosen or school_hosts.school_hosts(school)),
            schools=(school.id,),
            check=options.check,
            diff=options.diff,
            forks=options.forks,
        )
        run_dir = self.new_run_dir(school.id)
        result = self._run(request, run_dir, SCHOOL_IDENT)
        return self._finish(run_dir, result)

    def county(
        self,
        county_id: str,
        batch: int,
        max_fail_percent: float,
        options: RunOptions = RunOptions(),
    ) -> CountyOutcome:
        """Provision a county's schools, ``batch`` at a time, in id order.

        After each batch: more than ``max_fail_percent`` of its schools failed -> stop
        (the rest are not attempted); otherwise go on.

        Raises:
            HostSelectionError: an unknown county or one without schools.
            ValueError: ``batch`` below 1 or a percentage outside 0-100.
        """
        if batch < 1:
            raise ValueError("--batch must be at least 1")
        if not 0 <= max_fail_percent <= 100:
            raise ValueError("--max-fail-percent must be between 0 and 100")
        schools = school_hosts.schools_of_county(self.inventory, county_id)
        if self.available is not None:
            schools = [s for s in schools if s.id in self.available]
            if not schools:
                raise HostSelectionError(f"no school of county {county_id} is in the lab")
        groups = [schools[i : i + batch] for i in range(0, len(schools), batch)]
        run_dir = self.new_run_dir(f"county-{county_id}")
        batches: list[BatchOutcome] = []
        stop_reason = None
        for number, group in enumerate(groups, start=1):
            outcome = self._batch(run_dir, number, len(groups), group, max_fail_percent, options)
            batches.append(outcome)
            if outcome.stopped:
                stop_reason = _stop_reason(outcome, max_fail_percent)
                break
            if self.cancelled() and number < len(groups):
                stop_reason = f"interrupted after batch {number} of {len(groups)}"
                break
        attempted = {s for b in batches for s in b.schools}
        result = CountyOutcome(
            county=county_id,
            run_dir=run_dir,
            batches=batches,
            not_attempted=[s.id for s in schools if s.id not in attempted],
            stop_reason=stop_reason,
        )
        (run_dir / SUMMARY_FILE).write_text(result.model_dump_json(indent=1), encoding="utf-8")
        return result

    def _batch(
        self,
        run_dir: Path,
        number: int,
        total: int,
        group: Sequence[SchoolFile],
        max_fail_percent: float,
        options: RunOptions,
    ) -> BatchOutcome:
        chosen = [h for s in group for h in _chosen(s, options.limit)] if options.limit else None
        request = RunRequest(
            label=f"batch {number}/{total} ({group[0].id}..{group[-1].id})",
            limit=school_hosts.schools_limit(group, chosen),
            hosts=tuple(chosen or (h for s in group for h in school_hosts.school_hosts(s))),
            schools=tuple(s.id for s in group),
            check=options.check,
            diff=options.diff,
            forks=options.forks,
        )
        if chosen == []:  # --limit matches nothing in these schools: nothing to run
            now = self.clock.now()
            result = RunResult(
                label=request.label, status="successful", hosts=[], started=now, finished=now
            )
        else:
            result = self._scrub(run_dir, self._run(request, run_dir, f"batch-{number:02d}"))
        failed = failed_schools(group, result)
        percent = 100.0 * len(failed) / len(group)
        return BatchOutcome(
            number=number,
            schools=[s.id for s in group],
            failed_schools=failed,
            result=result,
            fail_percent=percent,
            stopped=percent > max_fail_percent,
        )

    def _run(self, request: RunRequest, run_dir: Path, ident: str) -> RunResult:
        progress = Progress(expected=request.hosts)
        self.on_progress(request.label, progress)

        def on_event(event: Event) -> None:
            progress.apply(event)
            self.on_progress(request.label, progress)

        started = self.clock.now()
        outcome = self.runner.run(request, run_dir, ident, self.secrets, on_event)
        hosts = progress.results()
        error = outcome.error
        if error is None and outcome.status != "successful" and not progress.finished:
            error = f"the run ended ({outcome.status}) before Ansible reported on every host"
        if error is not None:
            unfinished = {name for name, host in progress.hosts.items() if not host.done}
            hosts = [_unfinished(h, error) if h.host in unfinished else h for h in hosts]
        return RunResult(
            label=request.label,
            status=outcome.status,
            rc=outcome.rc,
            hosts=hosts,
            run_dir=run_dir,
            artifacts=outcome.artifacts,
            started=started,
            finished=self.clock.now(),
            error=error,
        )

    def _finish(self, run_dir: Path, result: RunResult) -> RunResult:
        (run_dir / SUMMARY_FILE).write_text(result.model_dump_json(indent=1), encoding="utf-8")
        return self._scrub(run_dir, result)

    def _scrub(self, run_dir: Path, result: RunResult) -> RunResult:
        leaks = find_leaks(run_dir, self.secrets)
        if not leaks:
            return result
        return result.model_copy(update={"leaks": [leak.path for leak in leaks]})

    def new_run_dir(self, what: str) -> Path:
        """A new, private directory for one run: ``<runs>/<UTC time>-<what>``."""
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%SZ")
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 100):
            suffix = "" if attempt == 1 else f"-{attempt}"
            path = self.runs_dir / f"{stamp}-{what}{suffix}"
            try:
                path.mkdir(mode=0o700)
            except FileExistsError:
                continue
            return path
        raise FileExistsError(f"too many runs of {what} in the same second in {self.runs_dir}")


def _chosen(school: SchoolFile, patterns: Sequence[str]) -> list[str]:
    """The school's hosts matching ``patterns``; none is no error in a county run."""
    try:
        return school_hosts.select(school, patterns)
    except HostSelectionError:
        return []


def _unfinished(host: HostResult, error: str) -> HostResult:
    """A host the run never finished with counts as failed, with the run's error."""
    return host.model_copy(update={"status": HostStatus.FAILED, "reason": error})


def failed_schools(schools: Sequence[SchoolFile], result: RunResult) -> list[str]:
    """Schools with a failed or unreachable host (all of them when the run itself failed)."""
    failed = set(result.failed_hosts)
    return [
        s.id
        for s in schools
        if result.error is not None or failed.intersection(school_hosts.school_hosts(s))
    ]


def _stop_reason(batch: BatchOutcome, max_fail_percent: float) -> str:
    return (
        f"batch {batch.number}: {len(batch.failed_schools)} of {len(batch.schools)} schools"
        f" failed ({batch.fail_percent:.0f} %), more than the {max_fail_percent:g} % allowed;"
        " the remaining schools were not attempted"
    )
