"""``netops poll once`` and ``netops serve`` as a user runs them, against the session lab."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netops.store.errors import StoreQueryError
from netops.store.transport import query
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
NETOPS = str(Path(sys.executable).parent / "netops")


def env(lab: RunningLab, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NETOPS_LAB_DIR": str(lab.directory),
        "NETOPS_INFLUX__SPOOL_PATH": str(tmp_path / "spool.sqlite"),
        "COLUMNS": "200",
        **extra,
    }


def cycles(lab: RunningLab) -> int:
    assert lab.file.influx is not None
    try:
        rows = query(
            lab.file.influx.url, "SELECT count(devices) FROM raw.poll_cycle", database="netops"
        )
    except StoreQueryError:  # no poll has created the retention policy yet
        return 0
    return int(rows[0]["count"]) if rows else 0


def test_poll_once_prints_the_summary_and_stores_it(lab: RunningLab, tmp_path: Path) -> None:
    before = cycles(lab)
    done = subprocess.run(
        [NETOPS, "poll", "once", "--json"],
        env=env(lab, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["devices"] == len(lab.targets) and summary["failed"] == 0
    assert summary["varbinds"] > 0
    assert cycles(lab) == before + 1


def test_serve_polls_on_schedule_and_stops_on_sigterm(lab: RunningLab, tmp_path: Path) -> None:
    before = cycles(lab)
    service = subprocess.Popen(
        [NETOPS, "serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env(lab, tmp_path, NETOPS_SCHEDULE__POLL_INTERVAL_S="3"),
    )
    try:
        deadline = time.monotonic() + 90
        while cycles(lab) < before + 2 and time.monotonic() < deadline:
            time.sleep(1)
        assert cycles(lab) >= before + 2
    finally:
        service.send_signal(signal.SIGTERM)
        output, _ = service.communicate(timeout=60)
    assert service.returncode == 0, output
    assert "stopped" in output and "Traceback" not in output


def test_service_runs_in_the_background_and_stops(lab: RunningLab, tmp_path: Path) -> None:
    """`netops service start` polls on schedule detached; a second start is refused."""
    run_env = env(lab, tmp_path, NETOPS_STATE_PATH=str(tmp_path / "state" / "state.sqlite"))

    def netops(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NETOPS, "service", *args],
            env=run_env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    before = cycles(lab)
    started = netops("start", "--interval", "5")
    assert started.returncode == 0, started.stderr
    try:
        assert netops("status").returncode == 0
        again = netops("start")
        assert again.returncode == 1 and "already runs" in again.stderr
        deadline = time.monotonic() + 60
        while cycles(lab) < before + 2 and time.monotonic() < deadline:
            time.sleep(1)
        assert cycles(lab) >= before + 2, (tmp_path / "state" / "service.log").read_text()
    finally:
        stopped = netops("stop")
    assert stopped.returncode == 0 and "service stopped" in stopped.stdout
    status = netops("status")
    assert status.returncode == 1 and "no service started" in status.stdout
    assert "stopping after the current cycle" in (tmp_path / "state" / "service.log").read_text()
