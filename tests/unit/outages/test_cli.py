"""``netops outages``: sorted by blast radius, --open, --since, --json."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from netops.cli import app
from netops.cli.outages import human, parse_since
from netops.outages.models import BlastRadius, Outage, OutageKind
from netops.outages.store import OutageRepository
from netops.state.db import open_state


def outage(root: str, students: int, hours_ago: float, ended: float | None = None) -> Outage:
    # Now at the time of the test, not of collection: the CLI reads the real clock.
    now = datetime.now(UTC)
    return Outage(
        kind=OutageKind.DEVICE_DOWN,
        root=root,
        county="xingyi",
        started=now - timedelta(hours=hours_ago),
        ended=now - timedelta(hours=ended) if ended is not None else None,
        blast=BlastRadius(schools=[f"s{i}" for i in range(students // 1000)], students=students),
        reason=f"switch {root} unreachable for 3 polls",
    )


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "state.sqlite"
    db = open_state(path)
    with OutageRepository(db).writer() as writer:
        writer.save(outage("small-open", 1000, 2))
        writer.save(outage("big-open", 9000, 1))
        writer.save(outage("closed-today", 5000, 3, ended=2))
        writer.save(outage("closed-last-week", 7000, 24 * 7, ended=24 * 6))
    db.close()
    monkeypatch.setenv("NETOPS_STATE_PATH", str(path))
    monkeypatch.setenv("COLUMNS", "250")
    return path


def roots(output: str) -> list[str]:
    return [o["root"] for o in json.loads(output)]


def test_open_outages_largest_first(state: Path) -> None:
    done = CliRunner().invoke(app, ["outages", "--open", "--json"])
    assert done.exit_code == 0, done.output
    assert roots(done.output) == ["big-open", "small-open"]
    assert json.loads(done.output)[0]["duration_s"] == pytest.approx(3600, abs=60)


def test_since_selects_overlapping_outages(state: Path) -> None:
    day = CliRunner().invoke(app, ["outages", "--json"])
    assert roots(day.output) == ["big-open", "closed-today", "small-open"]
    week = CliRunner().invoke(app, ["outages", "--since", "8d", "--json"])
    assert roots(week.output) == ["big-open", "closed-last-week", "closed-today", "small-open"]


def test_the_table_shows_root_cause_and_blast_radius(state: Path) -> None:
    done = CliRunner().invoke(app, ["outages"])
    assert done.exit_code == 0, done.output
    assert "outages since" in done.output and ": 3" in done.output
    assert "big-open" in done.output and "unreachable for 3 polls" in done.output
    assert "9,000" in done.output and "open" in done.output
    assert done.output.index("big-open") < done.output.index("small-open")
    # Times are the prefecture's (Asia/Shanghai by default), and the table says so.
    assert "CST:" in done.output and "since (CST)" in done.output


def test_a_bad_since_is_refused(state: Path) -> None:
    done = CliRunner().invoke(app, ["outages", "--since", "last tuesday"])
    assert done.exit_code == 2
    assert "expected a duration" in done.output


def test_parse_since_and_human() -> None:
    zone = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    assert parse_since("24h", now, zone) == now - timedelta(days=1)
    assert parse_since("2026-11-01", now, zone) == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert parse_since("2026-11-01T08:00", now, zone) == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert [human(s) for s in (5, 600, 3900, 200000)] == ["5 s", "10 min", "1 h 05 min", "2 d 7 h"]
