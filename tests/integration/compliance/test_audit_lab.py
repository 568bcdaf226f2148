"""Audits against the session lab: poll into its InfluxDB, inject a fault, audit, assert.

Each test polls after injecting its fault, so the store's last point is the faulted
one; ``clean_lab`` clears the fault afterwards.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from netops.clock import SystemClock
from netops.compliance.diff import diff
from netops.compliance.models import Audit, Bucket, SchoolResult
from netops.compliance.service import audit_now
from netops.compliance.store import AuditRepository
from netops.inventory.models import SchoolFile
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.monitoring.results import DevicePoll
from netops.service.cycle import CycleRunner
from netops.settings import InfluxSettings, Settings
from netops.state.db import open_state
from netops.store.connect import open_store, setup
from netops.store.sink import StoreSink
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
NETOPS = str(Path(sys.executable).parent / "netops")
#: Xingyi's third school runs Huawei gear, whose SNMP agents report optical power.
HUAWEI_SCHOOL = "xy-0003"


def lab_settings(lab: RunningLab, tmp_path: Path) -> Settings:
    return Settings(
        lab_dir=lab.directory,
        state_path=tmp_path / "state.sqlite",
        influx=InfluxSettings(spool_path=tmp_path / "spool.sqlite"),
    )


def poll(lab: RunningLab, settings: Settings) -> None:
    """One poll cycle of the lab, written to its InfluxDB."""
    from netops.cli.poll import make_runner

    setup(settings)
    store = open_store(settings, SystemClock())
    runner: CycleRunner = make_runner(lab.inventory, settings, None, [StoreSink(store)])

    def run_then_close(work: Coroutine[Any, Any, list[DevicePoll]]) -> list[DevicePoll]:
        async def main() -> list[DevicePoll]:
            try:
                return await work
            finally:  # the collector's sockets belong to this loop
                close = getattr(runner.collector, "close", None)
                if close is not None:
                    close()

        return asyncio.run(main())

    summary = runner.run(run_then_close)
    store.close()
    assert summary is not None and summary.failed == 0, summary


def audited(lab: RunningLab, tmp_path: Path, scope: str = "all") -> Audit:
    settings = lab_settings(lab, tmp_path)
    poll(lab, settings)
    return audit_now(settings, lab.inventory, scope)


def in_lab(lab: RunningLab) -> list[SchoolFile]:
    hosts = {t.device for t in lab.targets}
    return [s for s in lab.inventory.schools.values() if s.uplink.a.device in hosts]


def school_of(audit: Audit, school_id: str) -> SchoolResult:
    found = audit.school(school_id)
    assert found is not None
    return found


def clean_terminal(school: SchoolFile) -> tuple[str, str, str]:
    """A room of the school whose terminal the inventory wires at full rate."""
    for room in school.rooms:
        terminal = room.terminals[0]
        if len(room.terminals) == 1 and terminal.nic_mbps >= 100 and terminal.nic_duplex == "full":
            return room.id, terminal.switch, terminal.port
    raise AssertionError(f"{school.id} has no clean room")


def test_unfaulted_schools_follow_the_inventory(clean_lab: RunningLab, tmp_path: Path) -> None:
    audit = audited(clean_lab, tmp_path)
    schools = in_lab(clean_lab)
    assert len(audit.schools) == len(clean_lab.inventory.schools)
    for school in schools:
        got = school_of(audit, school.id)
        legacy_uplink = school.uplink.configured_mbps < 1000
        legacy_rooms = {
            room.id
            for room in school.rooms
            if any(t.nic_mbps < 100 or t.nic_duplex != "full" for t in room.terminals)
        }
        failing = {r.room for r in got.rooms if r.bucket is Bucket.NON_COMPLIANT}
        assert failing == legacy_rooms, got.findings
        assert (got.uplink_bucket is Bucket.NON_COMPLIANT) == legacy_uplink
        expected = Bucket.NON_COMPLIANT if legacy_uplink or legacy_rooms else Bucket.COMPLIANT
        assert got.bucket is expected, got.findings
    # Every lab school has a legacy room or two; the rest of the lab is compliant.
    assert any(school_of(audit, s.id).uplink_bucket is Bucket.COMPLIANT for s in schools)
    rooms = [r for s in schools for r in school_of(audit, s.id).rooms]
    assert sum(r.bucket is Bucket.COMPLIANT for r in rooms) > len(rooms) / 2
    # Schools outside the lab: no data from them, their aggregation ports are dark.
    outside = [s for s in audit.schools if s.school not in {x.id for x in schools}]
    assert outside and all(s.bucket is not Bucket.COMPLIANT for s in outside)
    assert all(r.bucket is Bucket.NOT_MONITORED for s in outside for r in s.rooms)


@pytest.mark.parametrize(
    ("kind", "code", "words"),
    [
        (FaultKind.LINK_DOWN, "uplink_down", "is down"),
        (FaultKind.SPEED, "uplink_speed", "negotiated 100 Mb/s, needs >= 1000 Mb/s"),
        (FaultKind.OPTICS, "uplink_rx_low", "receives -28.5 dBm, below the module's floor"),
    ],
)
def test_an_uplink_fault_fails_the_school(
    clean_lab: RunningLab, tmp_path: Path, kind: FaultKind, code: str, words: str
) -> None:
    inject_fault(clean_lab.inventory, clean_lab.directory, kind, HUAWEI_SCHOOL)
    audit = audited(clean_lab, tmp_path, f"school {HUAWEI_SCHOOL}")
    got = school_of(audit, HUAWEI_SCHOOL)
    assert got.bucket is Bucket.NON_COMPLIANT and got.uplink_bucket is Bucket.NON_COMPLIANT
    finding = next(f for f in got.findings if f.code == code)
    assert words in finding.message


def test_half_duplex_fails_the_room_and_the_diff_says_so(
    clean_lab: RunningLab, tmp_path: Path
) -> None:
    school = clean_lab.inventory.schools[HUAWEI_SCHOOL]
    room, switch, port = clean_terminal(school)
    before = audited(clean_lab, tmp_path, f"county {school.county}")
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DUPLEX, f"{switch}:{port}")
    after = audited(clean_lab, tmp_path, f"county {school.county}")
    judged = next(r for r in school_of(after, school.id).rooms if r.room == room)
    assert judged.bucket is Bucket.NON_COMPLIANT
    assert [f.code for f in judged.findings] == ["access_duplex"]
    assert school_of(after, school.id).bucket is Bucket.NON_COMPLIANT
    changes = diff(before, after)
    assert any(c.school == school.id and c.room == room for c in changes.rooms)
    repo = AuditRepository(open_state(tmp_path / "state.sqlite"))
    latest = repo.latest()
    assert latest is not None and latest.id == after.id
    previous = repo.previous(after.id or 0)
    assert previous is not None and previous.id == before.id


def test_the_cli_runs_and_explains(clean_lab: RunningLab, tmp_path: Path) -> None:
    poll(clean_lab, lab_settings(clean_lab, tmp_path))
    env = {
        **os.environ,
        "NETOPS_LAB_DIR": str(clean_lab.directory),
        "NETOPS_STATE_PATH": str(tmp_path / "cli-state.sqlite"),
        "COLUMNS": "200",
    }

    def netops(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NETOPS, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    missing = netops("audit", "show", HUAWEI_SCHOOL)
    assert missing.returncode == 1 and "no saved audit" in missing.stderr
    ran = netops("audit", "run", "--scope", "county xingyi", "--json")
    assert ran.returncode == 0, ran.stderr
    header = json.loads(ran.stdout)
    assert header["scope"] == "county xingyi" and header["id"] == 1
    shown = netops("audit", "show", HUAWEI_SCHOOL)
    assert shown.returncode == 0, shown.stderr
    assert "uplink" in shown.stdout and "capacity now" in shown.stdout
    table = netops("audit", "run")
    assert table.returncode == 0 and "xingyi" in table.stdout and "saved as audit 2" in table.stdout
    changed = netops("audit", "diff")
    assert changed.returncode == 0 and "audit 1" in changed.stdout
    down = netops("audit", "run")
    assert down.returncode == 0  # sanity: the store still answers
    broken = subprocess.run(
        [NETOPS, "audit", "run"],
        env={**env, "NETOPS_INFLUX__URL": "http://127.0.0.1:9"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert broken.returncode == 1 and "cannot read the store" in broken.stderr
