"""Audits against the session lab: poll into its InfluxDB, audit, assert.

One clean cycle is shared by the module (``baseline``); a test that injects a fault polls
again after it, so the store's last point is the faulted one, and ``clean_lab`` clears
it. The faults of issue 7 are in ``tests/integration/test_issue7_faults.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netops.cli import app
from netops.cli import audit as audit_cli
from netops.compliance.diff import diff
from netops.compliance.models import Audit, Bucket, SchoolResult
from netops.compliance.store import AuditRepository
from netops.inventory.models import SchoolFile
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.state.db import open_state
from tests.integration.compliance.cycles import LabCycles, lab_schools, lab_settings
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
NETOPS = str(Path(sys.executable).parent / "netops")
#: Xingyi's third school runs Huawei gear, whose SNMP agents report optical power.
HUAWEI_SCHOOL = "xy-0003"


@dataclass(frozen=True)
class Baseline:
    """The module's clean cycle and the audit of everything made from it."""

    cycles: LabCycles
    audit: Audit


@pytest.fixture(scope="module")
def baseline(lab: RunningLab, tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    cycles = LabCycles(lab, lab_settings(lab, tmp_path_factory.mktemp("audit")))
    assert cycles.poll().failures == {}
    return Baseline(cycles, cycles.audit("all"))


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


def test_unfaulted_schools_follow_the_inventory(lab: RunningLab, baseline: Baseline) -> None:
    audit = baseline.audit
    schools = lab_schools(lab)
    assert len(audit.schools) == len(lab.inventory.schools)
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


def test_half_duplex_fails_the_room_and_the_diff_says_so(
    clean_lab: RunningLab, baseline: Baseline
) -> None:
    school = clean_lab.inventory.schools[HUAWEI_SCHOOL]
    room, switch, port = clean_terminal(school)
    cycles = baseline.cycles
    before = cycles.audit(f"county {school.county}")  # the baseline's cycle, still fresh
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DUPLEX, f"{switch}:{port}")
    assert cycles.poll().failures == {}
    after = cycles.audit(f"county {school.county}")
    assert school_of(before, school.id).bucket is Bucket.NON_COMPLIANT  # its legacy rooms
    judged = next(r for r in school_of(after, school.id).rooms if r.room == room)
    assert judged.bucket is Bucket.NON_COMPLIANT
    assert [f.code for f in judged.findings] == ["access_duplex"]
    changes = diff(before, after)
    [change] = [c for c in changes.rooms if c.school == school.id]
    assert (change.room, change.old, change.new) == (room, Bucket.COMPLIANT, Bucket.NON_COMPLIANT)
    assert [f.code for f in change.reasons] == ["access_duplex"]
    assert changes.schools == []  # the school was non-compliant already
    repo = AuditRepository(open_state(cycles.settings.state_path))
    latest = repo.latest()
    assert latest is not None and latest.id == after.id
    previous = repo.previous(after.id or 0)
    assert previous is not None and previous.id == before.id


def _in_process(*args: str, env: dict[str, str] | None = None) -> Result:
    """``netops ARGS`` in this process (the CLI's code, the session's inventory)."""
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cli_runs_and_explains(
    lab: RunningLab, baseline: Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {
        "NETOPS_LAB_DIR": str(lab.directory),
        "NETOPS_STATE_PATH": str(tmp_path / "cli-state.sqlite"),
        "COLUMNS": "200",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(audit_cli, "load_or_exit", lambda _: lab.inventory)

    def netops(*args: str) -> subprocess.CompletedProcess[str]:
        """``netops ARGS`` as a user runs it: its own process, inventory and settings."""
        return subprocess.run(
            [NETOPS, *args],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    missing = _in_process("audit", "show", HUAWEI_SCHOOL)
    assert missing.exit_code == 1 and "no saved audit" in missing.stderr
    ran = netops("audit", "run", "--scope", "county xingyi", "--json")
    assert ran.returncode == 0, ran.stderr
    header = json.loads(ran.stdout)
    assert header["scope"] == "county xingyi" and header["id"] == 1
    lab_counts = header["counts"]["xingyi"]["schools"]
    assert lab_counts == json.loads(baseline.audit.counts()["xingyi"].model_dump_json())["schools"]
    shown = netops("audit", "show", HUAWEI_SCHOOL)
    assert shown.returncode == 0, shown.stderr
    assert f"uplink {lab.inventory.schools[HUAWEI_SCHOOL].uplink.a.device}" in shown.stdout
    assert "capacity now" in shown.stdout
    table = _in_process("audit", "run")
    assert table.exit_code == 0, table.stderr
    assert "xingyi" in table.stdout and "saved as audit 2" in table.stdout
    changed = _in_process("audit", "diff")
    assert changed.exit_code == 0 and "audit 1" in changed.stdout
    broken = _in_process("audit", "run", env={"NETOPS_INFLUX__URL": "http://127.0.0.1:9"})
    assert broken.exit_code == 1 and "cannot read the store" in broken.stderr
