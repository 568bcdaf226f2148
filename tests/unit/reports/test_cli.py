"""``netops report coverage`` from stored audits and outages (no InfluxDB configured)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from netops.cli import app
from netops.cli import report as report_cli
from netops.clock import FixedClock
from netops.compliance.models import Audit, Bucket, RoomResult, SchoolResult
from netops.compliance.settings import ComplianceThresholds
from netops.compliance.store import AuditRepository
from netops.inventory import Inventory
from netops.outages.models import BlastRadius, Outage, OutageKind
from netops.outages.store import OutageRepository
from netops.state.db import open_state

NOW = datetime(2024, 6, 20, 4, tzinfo=UTC)


def school_result(inventory: Inventory, school_id: str, bucket: Bucket) -> SchoolResult:
    school = inventory.schools[school_id]
    return SchoolResult(
        school=school.id, county=school.county, school_type=str(school.type), name=school.name,
        students=school.students, classrooms=len(school.rooms), bucket=bucket,
        uplink_bucket=bucket,
        rooms=[
            RoomResult(room=r.id, name=r.name, terminal=None, device=None, port=None, bucket=bucket)
            for r in school.rooms
        ],
    )  # fmt: skip


@pytest.fixture
def env(inventory: Inventory, small_inventory_master: Path, tmp_path: Path) -> dict[str, str]:
    """A state database with one May audit and one May outage; no InfluxDB anywhere."""
    state = tmp_path / "state.sqlite"
    db = open_state(state)
    first, second = sorted(inventory.schools)[:2]
    AuditRepository(db).save(
        Audit(
            time=datetime(2024, 5, 30, 18, tzinfo=UTC), scope="all",
            thresholds=ComplianceThresholds(),
            schools=[
                school_result(inventory, first, Bucket.COMPLIANT),
                school_result(inventory, second, Bucket.NON_COMPLIANT),
            ],
        )
    )  # fmt: skip
    start = datetime(2024, 5, 2, 2, tzinfo=UTC)
    with OutageRepository(db).writer() as writer:
        writer.save(
            Outage(
                kind=OutageKind.DEVICE_DOWN, root="x", started=start,
                ended=start + timedelta(minutes=45), blast=BlastRadius(schools=[first]),
            )
        )  # fmt: skip
    db.close()
    return {
        "NETOPS_INVENTORY": str(small_inventory_master),
        "NETOPS_STATE_PATH": str(state),
        "NETOPS_LAB_DIR": str(tmp_path / "no-lab"),
        "NETOPS_INFLUX__URL": "",
        "COLUMNS": "200",
    }


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_cli, "CLOCK", FixedClock(NOW))


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["report", "coverage", *args], env=env)
    return result.exit_code, result.stdout


def test_csv_on_stdout_counts_the_stored_audit(env: dict[str, str]) -> None:
    code, out = run(env, "--period", "2024-05")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    total = rows[-1]
    assert total["group"] == "total" and total["schools"] == "40"
    assert total["schools_compliant"] == "1" and total["schools_non_compliant"] == "1"
    assert total["schools_not_monitored"] == "38" and total["school_outage_minutes"] == "45.0"
    assert total["school_outage_teaching_minutes"] == "45.0" and total["schools_connected"] == "0"


def test_a_past_period_gives_the_same_json_bytes(env: dict[str, str]) -> None:
    first = run(env, "--period", "month", "--at", "2024-05-10", "--format", "json")
    second = run(env, "--period", "2024-05", "--format", "json")
    assert first[0] == 0 and first == second
    data = json.loads(first[1])
    assert data["generated_at"] == "2024-05-31T16:00:00Z"  # local midnight, Asia/Shanghai
    assert data["period"]["complete"] is True
    assert data["audits"] == ["2024-05-30T18:00:00Z"]


def test_a_running_period_ends_now(env: dict[str, str]) -> None:
    code, out = run(env, "--period", "month", "--format", "json", "--by", "county,type")
    data = json.loads(out)
    assert code == 0 and data["period"]["complete"] is False
    assert data["generated_at"] == "2024-06-20T04:00:00Z" and data["audits"] == []
    assert data["by"] == ["county", "type"]


def test_xlsx_needs_out_and_is_written(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "--format", "xlsx")[0] == 2
    path = tmp_path / "coverage.xlsx"
    code, out = run(env, "--period", "2024-05", "--format", "xlsx", "--out", str(path))
    assert code == 0 and f"wrote {path}" in out.replace("\n", "")
    assert load_workbook(path).sheetnames[0] == "Coverage"


def test_bad_options_are_refused(env: dict[str, str]) -> None:
    assert run(env, "--by", "town")[0] == 1
    assert run(env, "--period", "2030-01")[0] == 1  # not started yet
    assert run(env, "--at", "yesterday")[0] == 1


def test_bom_for_excel(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    assert run(env, "--period", "2024-05", "--bom", "--out", str(path))[0] == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfgroup,")
