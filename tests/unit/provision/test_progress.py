"""ansible-runner events -> the progress model and per-host results."""

from __future__ import annotations

from netops.provision.models import HostStatus
from netops.provision.progress import Progress, failure_reason
from netops.provision.runner import stats_event, task_event

PLAY = {"event": "playbook_on_play_start", "event_data": {}}


def test_expected_hosts_are_pending_until_they_run() -> None:
    progress = Progress(expected=["sw01", "sw02"])
    assert (progress.total, progress.done) == (2, 0)
    progress.apply({"event": "runner_on_start", "event_data": {"host": "sw01"}})
    assert progress.hosts["sw01"].status is HostStatus.RUNNING
    assert progress.hosts["sw02"].status is HostStatus.PENDING


def test_counts_follow_task_results() -> None:
    progress = Progress(expected=["sw01", "sw02", "sw03"])
    for event in (
        task_event("runner_on_ok", "sw01", changed=True),
        task_event("runner_on_ok", "sw02"),
        task_event("runner_on_failed", "sw03", msg="refused"),
    ):
        progress.apply(event)
    assert progress.count(HostStatus.CHANGED) == 1
    assert progress.count(HostStatus.FAILED) == 1
    assert progress.done == 1  # a failed host runs nothing more; the others still may


def test_a_play_ending_makes_its_hosts_done() -> None:
    progress = Progress(expected=["sw01", "t1"])
    progress.apply(PLAY)
    progress.apply(task_event("runner_on_ok", "sw01"))
    progress.apply(PLAY)  # the terminals' play starts: the switches' play is over
    assert progress.done == 1
    assert progress.results()[0].status is HostStatus.OK


def test_stats_are_the_final_word() -> None:
    progress = Progress(expected=["sw01", "sw02", "sw03", "sw04", "rg01"])
    progress.apply(task_event("runner_on_failed", "sw02", msg="rescued later"))
    progress.apply(task_event("runner_on_unreachable", "sw03", msg="ssh refused"))
    progress.apply(stats_event(ok=["sw01", "sw02"], changed=["sw04"], unreachable=["sw03"]))
    status = {r.host: r.status for r in progress.results()}
    assert status == {
        "sw01": HostStatus.OK,
        "sw02": HostStatus.OK,  # a failure a rescue block handled is no failure
        "sw03": HostStatus.UNREACHABLE,
        "sw04": HostStatus.CHANGED,
        "rg01": HostStatus.NOT_RUN,  # no play targets it
    }
    assert progress.finished and progress.done == 5
    assert progress.results()[1].reason is None


def test_ignored_errors_do_not_fail_a_host() -> None:
    progress = Progress()
    event = task_event("runner_on_failed", "sw01", msg="no such file")
    event["event_data"]["ignore_errors"] = True
    progress.apply(event)
    assert progress.hosts["sw01"].status is HostStatus.RUNNING


def test_first_failure_is_the_reason() -> None:
    progress = Progress()
    progress.apply(task_event("runner_on_failed", "sw01", msg="first", task="push"))
    progress.apply(task_event("runner_on_failed", "sw01", msg="second", task="save"))
    assert progress.results()[0].reason == "push: first"


def test_failure_reason_is_one_short_line() -> None:
    reason = failure_reason({"task": "push", "res": {"msg": "line one\n" + "x" * 500}})
    assert "\n" not in reason
    assert reason.startswith("push: line one x")
    assert len(reason) <= 300
    assert failure_reason({"res": {"stderr": "boom"}}) == "boom"


def test_timing_comes_from_event_times() -> None:
    progress = Progress()
    start = task_event("runner_on_ok", "sw01")
    start["created"] = "2025-01-01T08:00:00.000000+00:00"
    end = task_event("runner_on_ok", "sw01", changed=True)
    end["created"] = "2025-01-01T08:00:02.500000"  # naive: ansible-runner's older format
    progress.apply(start)
    progress.apply(end)
    assert progress.results()[0].duration_s == 2.5


def test_diffs_are_kept_per_host() -> None:
    progress = Progress()
    event = {
        "event": "runner_on_file_diff",
        "event_data": {"host": "sw01", "diff": {"prepared": "sysname sw01"}},
        "stdout": "\x1b[0;33msysname sw01\x1b[0m\n",
    }
    progress.apply(event)
    progress.apply(task_event("runner_on_ok", "sw01", changed=True))
    assert progress.results()[0].diff == ["sysname sw01"]


def test_busy_time_is_the_sum_of_the_hosts_task_times() -> None:
    progress = Progress()
    for seconds in (0.25, 4.5):
        event = task_event("runner_on_ok", "sw01")
        event["event_data"]["duration"] = seconds
        progress.apply(event)
    assert progress.results()[0].busy_s == 4.75
