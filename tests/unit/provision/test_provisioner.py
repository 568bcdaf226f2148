"""School and county runs through a fake runner: results, failures, batches, max-fail."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from netops.clock import FixedClock
from netops.inventory import Inventory
from netops.provision import hosts
from netops.provision.constants import SUMMARY_FILE
from netops.provision.hosts import HostSelectionError
from netops.provision.models import HostStatus, RunRequest
from netops.provision.provisioner import Provisioner, RunOptions
from netops.provision.runner import FakeRunner, stats_event, task_event
from netops.provision.secrets import ProvisionSecrets

SECRETS = ProvisionSecrets(
    switch_password=SecretStr("sw-Password-77"), snmp_community=SecretStr("c0mmunity-x9")
)


def hosts_of(request: RunRequest) -> list[str]:
    return list(request.hosts)


def all_ok(request: RunRequest) -> Iterable[dict[str, Any]]:
    """Every expected host changes once, then the stats."""
    names = hosts_of(request)
    yield {"event": "playbook_on_play_start", "event_data": {}}
    for name in names:
        yield task_event("runner_on_ok", name, changed=True)
    yield stats_event(changed=names)


def failing(down: set[str]) -> FakeRunner:
    """A runner where the hosts in ``down`` are unreachable."""

    def script(request: RunRequest) -> Iterable[dict[str, Any]]:
        names = hosts_of(request)
        for name in names:
            if name in down:
                yield task_event("runner_on_unreachable", name, msg=f"{name}: connection refused")
            else:
                yield task_event("runner_on_ok", name, changed=True)
        yield stats_event(
            changed=[n for n in names if n not in down], unreachable=[n for n in names if n in down]
        )

    return FakeRunner(
        script, status=lambda r: "failed" if down.intersection(r.hosts) else "successful"
    )


def provisioner(
    runner: FakeRunner, inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> Provisioner:
    return Provisioner(runner, inventory, SECRETS, tmp_path / "runs", clock)


def test_a_school_run_touches_its_switches_and_terminals(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    result = provisioner(runner, inventory, tmp_path, clock).school("xy-0002")
    request = runner.requests[0]
    assert request.limit == "school_xy_0002:!platform_ruijie_rgos:!platform_cisco_ios"
    assert request.hosts[0] == "xy-0002-sw01" and len(request.hosts) == 7
    assert result.ok and result.changed_hosts == list(request.hosts)
    run_dir = tmp_path / "runs" / "20250301T080000Z-xy-0002"
    assert result.artifacts == run_dir / "artifacts" / "run"
    summary = json.loads((run_dir / SUMMARY_FILE).read_text())
    assert summary["label"] == "school xy-0002" and summary["status"] == "successful"


def test_check_and_diff_reach_the_runner(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    provisioner(runner, inventory, tmp_path, clock).school(
        "xy-0002", RunOptions(check=True, diff=True, forks=20)
    )
    request = runner.requests[0]
    assert (request.check, request.diff, request.forks) == (True, True, 20)


def test_limit_names_exactly_the_chosen_hosts(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    run = provisioner(runner, inventory, tmp_path, clock)
    run.school("xy-0002", RunOptions(limit=("switches", "xy-0002-r0[12]-t1")))
    assert runner.requests[0].limit == "xy-0002-sw01,xy-0002-r01-t1,xy-0002-r02-t1"
    with pytest.raises(HostSelectionError, match="matches no host of school xy-0002"):
        run.school("xy-0002", RunOptions(limit=("xy-0003-*",)))


def test_unknown_school_and_county_say_what_exists(inventory: Inventory) -> None:
    with pytest.raises(HostSelectionError, match="ids look like xy-0001"):
        hosts.school_of(inventory, "xy-9999")
    with pytest.raises(HostSelectionError, match="counties: xingyi, xingren"):
        hosts.schools_of_county(inventory, "atlantis")


def test_platforms_without_a_role_are_not_expected(inventory: Inventory) -> None:
    school = inventory.schools["xy-0007"]  # Ruijie
    assert hosts.switches(school) == []
    assert hosts.unsupported_switches(school)[0].endswith("(ruijie_rgos)")


def test_an_unreachable_host_fails_the_run_and_only_that_host(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = failing({"xy-0002-sw01"})
    result = provisioner(runner, inventory, tmp_path, clock).school("xy-0002")
    assert not result.ok
    assert result.failed_hosts == ["xy-0002-sw01"]
    assert len(result.changed_hosts) == 6
    failed = next(h for h in result.hosts if h.host == "xy-0002-sw01")
    assert failed.status is HostStatus.UNREACHABLE
    assert "connection refused" in (failed.reason or "")


def test_a_run_that_dies_early_fails_every_unfinished_host(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    def script(request: RunRequest) -> Iterable[dict[str, Any]]:
        yield task_event("runner_on_ok", "xy-0002-sw01", changed=True)

    runner = FakeRunner(script, status=lambda r: "canceled")
    result = provisioner(runner, inventory, tmp_path, clock).school("xy-0002")
    assert not result.ok and result.error is not None
    assert len(result.failed_hosts) == 7


def test_run_directories_never_collide(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    run = provisioner(FakeRunner(all_ok), inventory, tmp_path, clock)
    first, second = run.new_run_dir("xy-0002"), run.new_run_dir("xy-0002")
    assert first != second and second.name.endswith("-2")
    assert first.stat().st_mode & 0o077 == 0  # private: artifacts may hold configurations


def test_county_runs_in_batches_in_id_order(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    outcome = provisioner(runner, inventory, tmp_path, clock).county("xingyi", 3, 0)
    assert outcome.ok and outcome.stop_reason is None
    assert [b.schools for b in outcome.batches] == [
        ["xy-0001", "xy-0002", "xy-0003"],
        ["xy-0004", "xy-0005", "xy-0006"],
        ["xy-0007", "xy-0008"],
    ]
    assert runner.requests[0].limit == (
        "school_xy_0001:school_xy_0002:school_xy_0003:!platform_ruijie_rgos:!platform_cisco_ios"
    )
    run_dir = next((tmp_path / "runs").iterdir())
    assert run_dir.name == "20250301T080000Z-county-xingyi"
    assert sorted(p.name for p in (run_dir / "artifacts").iterdir()) == [
        "batch-01",
        "batch-02",
        "batch-03",
    ]


def test_county_continues_within_max_fail(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = failing({"xy-0002-sw01"})  # one school of three in batch 1: 33 %
    outcome = provisioner(runner, inventory, tmp_path, clock).county("xingyi", 3, 34)
    assert len(outcome.batches) == 3 and not outcome.not_attempted
    assert outcome.batches[0].failed_schools == ["xy-0002"]
    assert round(outcome.batches[0].fail_percent) == 33
    assert not outcome.ok  # a school failed, even though the run went on


def test_county_stops_when_a_batch_fails_more_than_allowed(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = failing({"xy-0005-sw01"})  # batch 2
    outcome = provisioner(runner, inventory, tmp_path, clock).county("xingyi", 3, 20)
    assert len(outcome.batches) == 2 and outcome.batches[1].stopped
    assert outcome.not_attempted == ["xy-0007", "xy-0008"]
    assert outcome.stop_reason is not None
    assert (
        "batch 2: 1 of 3 schools failed (33 %), more than the 20 % allowed" in outcome.stop_reason
    )


def test_county_arguments_are_checked(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    run = provisioner(FakeRunner(all_ok), inventory, tmp_path, clock)
    with pytest.raises(ValueError, match="--batch"):
        run.county("xingyi", 0, 10)
    with pytest.raises(ValueError, match="--max-fail-percent"):
        run.county("xingyi", 2, 120)


def test_interrupt_stops_before_the_next_batch(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    run = provisioner(FakeRunner(all_ok), inventory, tmp_path, clock)
    run.cancelled = lambda: True
    outcome = run.county("xingyi", 3, 100)
    assert len(outcome.batches) == 1
    assert outcome.stop_reason == "interrupted after batch 1 of 3"


def test_progress_reaches_the_display(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    seen: list[tuple[str, int, int]] = []
    run = provisioner(FakeRunner(all_ok), inventory, tmp_path, clock)
    run.on_progress = lambda label, p: seen.append((label, p.done, p.total))
    run.school("xy-0002")
    assert seen[0] == ("school xy-0002", 0, 7)
    assert seen[-1] == ("school xy-0002", 7, 7)


def test_county_limit_applies_to_each_school(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    run = provisioner(runner, inventory, tmp_path, clock)
    outcome = run.county("xingyi", 2, 0, RunOptions(limit=("switches",)))
    assert outcome.ok and len(outcome.batches) == 4
    # batch 4 is xy-0007 (Ruijie: no switch to provision) and xy-0008
    assert runner.requests[-1].limit == "xy-0008-sw01"
    assert runner.requests[0].hosts[:2] == ("xy-0001-core01", "xy-0001-access01")


def test_only_the_schools_the_lab_runs(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(all_ok)
    run = provisioner(runner, inventory, tmp_path, clock)
    run.available = frozenset({"xy-0002", "xy-0003"})
    outcome = run.county("xingyi", 5, 0)
    assert [b.schools for b in outcome.batches] == [["xy-0002", "xy-0003"]]
    with pytest.raises(HostSelectionError, match="xy-0004 is not in the lab"):
        run.school("xy-0004")
    with pytest.raises(HostSelectionError, match="no school of county xingren is in the lab"):
        run.county("xingren", 5, 0)
