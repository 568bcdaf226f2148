"""``netops audit show`` and ``diff`` on saved audits (no store, no lab)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netops.cli import app
from netops.clock import FixedClock
from netops.compliance.engine import run_audit
from netops.compliance.settings import ComplianceThresholds
from netops.compliance.store import AuditRepository
from netops.observe.snapshot import read_snapshot
from netops.outages.models import Outage, OutageKind
from netops.outages.topology import Topology
from netops.state.db import open_state
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "state.sqlite"
    monkeypatch.setenv("NETOPS_STATE_PATH", str(path))
    monkeypatch.setenv("COLUMNS", "300")
    return path


def test_diff_of_an_unknown_audit_says_so(state: Path) -> None:
    done = CliRunner().invoke(app, ["audit", "diff", "5"])
    assert done.exit_code == 1 and isinstance(done.exception, SystemExit)  # not a traceback
    assert "no audit 5" in done.stderr


def test_show_a_school_cut_off_upstream_with_its_uplink_down(state: Path) -> None:
    inventory = small_inventory()
    school = next(iter(inventory.schools.values()))
    store = FakeInflux(inventory)
    store.set_port(school.uplink.a.device, school.uplink.a.port, oper_up=0, speed_mbps=1000)
    topology = Topology.from_inventory(inventory)
    root = school.uplink.b.device
    outage = Outage(
        id=3,
        kind=OutageKind.DEVICE_DOWN,
        root=root,
        county=school.county,
        started=NOW - timedelta(minutes=5),
        blast=topology.blast(root),
        reason=f"aggregation switch {root} unreachable for 3 polls",
    )
    snapshot = read_snapshot(store, now=NOW, max_age_s=MAX_AGE_S)
    audit = run_audit(
        inventory, snapshot, ComplianceThresholds(), "all", FixedClock(NOW), outages=[outage]
    )
    AuditRepository(open_state(state)).save(audit)
    done = CliRunner().invoke(app, ["audit", "show", school.id, "--no-live"])
    assert done.exit_code == 0, done.output
    # A down port reports its nominal speed: the audit shows none rather than "1000 Mb/s".
    assert "non-compliant, negotiated -," in done.stdout
    assert "uplink_down:" in done.stdout
    assert "uplink_outage: cut off by open outage 3 since 2025-03-10 02:25 UTC: aggregation" in (
        done.stdout
    )
