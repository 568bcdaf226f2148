"""Outages against the session lab: real SNMP polls, injected faults, the tracker as sink."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.snmp import SnmpCollector
from netops.clock import FixedClock
from netops.lab.faults import FaultKind
from netops.lab.lab import clear_faults, inject_fault
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.outages.detector import OutageTracker
from netops.outages.models import Outage, OutageKind
from netops.outages.settings import OutageSettings
from netops.outages.store import OutageRepository
from netops.outages.topology import Topology, link_id
from netops.state.db import open_state
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
NETOPS = str(Path(sys.executable).parent / "netops")
SETTLE_S = 1.5  # the agents re-read the lab state within a second


class Poller:
    """Poll cycles against the lab with a fake clock (a minute per cycle), into a tracker."""

    def __init__(self, lab: RunningLab, state: Path) -> None:
        self.lab = lab
        self.clock = FixedClock(datetime.now(UTC))
        self.tracker = OutageTracker(
            OutageRepository(open_state(state)),
            Topology.from_inventory(lab.inventory),
            OutageSettings(missed_polls=2),
        )

    def cycle(self) -> list[Outage]:
        async def go() -> list[DevicePoll]:
            collector = SnmpCollector(self.clock, timeout_s=1.0, retries=0)
            try:
                return await collector.poll(self.lab.targets)
            finally:
                collector.close()

        started = self.clock.now()
        polls = asyncio.run(go())
        self.tracker.write_cycle(polls, CycleSummary.of(started, 1.0, polls))
        self.clock.advance(60)
        return self.tracker.repository.open()


def lab_schools(lab: RunningLab) -> set[str]:
    return {t.school for t in lab.targets if t.school is not None}


def test_a_dead_aggregation_switch_is_one_outage_with_the_schools_behind_it(
    clean_lab: RunningLab, tmp_path: Path
) -> None:
    poller = Poller(clean_lab, tmp_path / "state.sqlite")
    assert poller.cycle() == []
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, "xy-agg01")
    time.sleep(SETTLE_S)
    assert poller.cycle() == []  # one missed poll is not an outage yet
    [outage] = poller.cycle()
    assert outage.kind is OutageKind.DEVICE_DOWN and outage.root == "xy-agg01"
    assert lab_schools(clean_lab) <= set(outage.blast.schools)
    assert len(outage.blast.schools) == 48 and outage.blast.students == 79990
    assert outage.reason.startswith("aggregation switch xy-agg01 unreachable for 2 polls")
    clear_faults(clean_lab.directory)
    time.sleep(SETTLE_S)
    assert poller.cycle() == []
    closed = poller.tracker.repository.get(outage.id or 0)
    assert closed is not None and closed.ended is not None


def test_a_cut_school_uplink_is_a_link_outage_of_that_school(
    clean_lab: RunningLab, tmp_path: Path
) -> None:
    school = clean_lab.inventory.schools["xy-0002"]
    poller = Poller(clean_lab, tmp_path / "state.sqlite")
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.LINK_DOWN, school.id)
    time.sleep(SETTLE_S)
    [outage] = poller.cycle()  # oper status down: no missed polls to wait for
    assert outage.kind is OutageKind.LINK_DOWN and outage.root == link_id(school.uplink)
    assert (outage.county, outage.school) == ("xingyi", "xy-0002")
    assert outage.blast.schools == ["xy-0002"]
    assert outage.blast.classrooms == len(school.rooms)
    assert outage.blast.students == school.students
    assert outage.suppressed == []
    clear_faults(clean_lab.directory)
    time.sleep(SETTLE_S)
    assert poller.cycle() == []
    [closed] = poller.tracker.repository.between(outage.started, poller.clock.now())
    assert closed.id == outage.id and closed.ended is not None


@pytest.mark.e2e
def test_poll_once_runs_feed_the_outages_command(clean_lab: RunningLab, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NETOPS_LAB_DIR": str(clean_lab.directory),
        "NETOPS_INFLUX__SPOOL_PATH": str(tmp_path / "spool.sqlite"),
        "NETOPS_STATE_PATH": str(tmp_path / "state.sqlite"),
        "NETOPS_OUTAGES__MISSED_POLLS": "2",
        "NETOPS_SNMP__RETRIES": "0",
    }
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, "xy-0003-core01")
    time.sleep(SETTLE_S)
    for _ in range(2):  # two separate processes: the count lives in the state DB
        done = subprocess.run(
            [NETOPS, "poll", "once", "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    shown = subprocess.run(
        [NETOPS, "outages", "--open", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    [outage] = json.loads(shown.stdout)
    assert outage["root"] == "xy-0003-core01" and outage["kind"] == "device_down"
    assert outage["blast"]["schools"] == ["xy-0003"]
    assert outage["blast"]["students"] == clean_lab.inventory.schools["xy-0003"].students
