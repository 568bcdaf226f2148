"""Outages against the session lab through the command line.

The tracker's rules against real polls (an aggregation switch down, a school uplink cut,
each with its root cause, blast radius and closing) are in
``tests/integration/test_issue7_faults.py``, which polls once for all of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netops.cli import app
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from tests.integration.compliance.cycles import TIMEOUT_S, LabCycles, lab_settings
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
NETOPS = str(Path(sys.executable).parent / "netops")
DEAD = "xy-0003-core01"


@pytest.mark.e2e
def test_poll_once_runs_feed_the_outages_command(clean_lab: RunningLab, tmp_path: Path) -> None:
    env = {
        "NETOPS_LAB_DIR": str(clean_lab.directory),
        "NETOPS_INFLUX__SPOOL_PATH": str(tmp_path / "spool.sqlite"),
        "NETOPS_STATE_PATH": str(tmp_path / "state.sqlite"),
        "NETOPS_OUTAGES__MISSED_POLLS": "2",
        "NETOPS_SNMP__TIMEOUT_S": str(TIMEOUT_S),
        "COLUMNS": "250",
    }
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, DEAD)

    def netops(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NETOPS, *args],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    # The first miss in this process, the second in a `netops poll once` of its own: the
    # count lives in the state database, not in memory.
    cycles = LabCycles(clean_lab, lab_settings(clean_lab, tmp_path))
    assert cycles.settings.state_path == tmp_path / "state.sqlite"
    assert cycles.poll().failures.keys() == {DEAD}
    assert cycles.open_outages() == []  # one miss: not down yet
    second = netops("poll", "once", "--json")
    assert second.returncode == 0, second.stderr
    shown = netops("outages", "--open", "--json")
    assert shown.returncode == 0, shown.stderr
    [outage] = json.loads(shown.stdout)
    assert outage["root"] == DEAD and outage["kind"] == "device_down"
    assert outage["blast"]["schools"] == ["xy-0003"]
    assert outage["blast"]["students"] == clean_lab.inventory.schools["xy-0003"].students
    assert outage["reason"].startswith(f"school switch {DEAD} unreachable for 2 polls")
    # The table, rendered in this process (the JSON above came through a real process).
    table = CliRunner().invoke(app, ["outages"], env=env)
    assert table.exit_code == 0 and DEAD in table.stdout and "open" in table.stdout
