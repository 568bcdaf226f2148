"""The coverage report against the session lab: real polls in InfluxDB, a real saved audit."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from netops.clock import FixedClock
from netops.compliance import audit_now
from netops.compliance.models import Bucket
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.lab.seed import Scope
from netops.reports.models import GroupBy
from netops.reports.runner import CoverageRequest, build_coverage
from netops.reports.table import to_csv, to_json
from netops.settings import InfluxSettings, Settings
from netops.timetable import WEEKDAYS, Period, Timetable
from tests.integration.conftest import SESSION_SCOPE, RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
NETOPS = str(Path(sys.executable).parent / "netops")


def poll_once(lab: RunningLab, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NETOPS_LAB_DIR": str(lab.directory),
        "NETOPS_INFLUX__SPOOL_PATH": str(tmp_path / "spool.sqlite"),
    }
    done = subprocess.run(
        [NETOPS, "poll", "once", "--json"],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def lab_settings(lab: RunningLab, tmp_path: Path) -> Settings:
    """The lab's InfluxDB, a fresh state database, lessons all day every day (UTC)."""
    return Settings(
        lab_dir=lab.directory,
        state_path=tmp_path / "state.sqlite",
        influx=InfluxSettings(spool_path=tmp_path / "spool.sqlite"),
        # The test does not depend on when it runs.
        timetable=Timetable(
            timezone="UTC",
            weekdays=list(WEEKDAYS),
            periods=[Period(start=time(0), end=time(23, 59))],
        ),
    )


def test_report_counts_the_lab_schools(lab: RunningLab, tmp_path: Path) -> None:
    settings = lab_settings(lab, tmp_path)
    poll_once(lab, tmp_path)
    poll_once(lab, tmp_path)
    audit = audit_now(settings, lab.inventory, "all")
    lab_schools = {school.id for school in Scope.parse(SESSION_SCOPE).schools(lab.inventory)}
    results = [s for s in audit.schools if s.school in lab_schools]
    assert {s.school for s in results} == lab_schools

    clock = FixedClock(datetime.now(UTC))
    request = CoverageRequest(period="day", by=[GroupBy.COUNTY])
    report = build_coverage(settings, lab.inventory, request, clock)
    total = report.totals
    assert total.schools == len(lab.inventory.schools)
    # Every lab school's uplink was polled up; no other school was polled.
    assert total.schools_connected == len(lab_schools)
    county = {lab.inventory.schools[s].county for s in lab_schools}
    assert len(county) == 1
    row = next(r for r in report.groups if r.county == county.pop())
    assert row.schools_connected == len(lab_schools)
    # Buckets are the saved audit's (other schools: not monitored).
    everyone = audit.schools
    assert total.schools_gigabit == sum(s.uplink_bucket is Bucket.COMPLIANT for s in everyone)
    assert total.schools_compliant == sum(s.bucket is Bucket.COMPLIANT for s in everyone)
    assert total.schools_non_compliant == sum(s.bucket is Bucket.NON_COMPLIANT for s in everyone)
    monitored = sum(s.bucket is not Bucket.NOT_MONITORED for s in everyone)
    assert monitored >= 1 and total.schools_not_monitored == total.schools - monitored
    rooms = [room for s in everyone for room in s.rooms]
    assert total.rooms_100m == sum(r.bucket is Bucket.COMPLIANT for r in rooms)
    assert report.audits == [audit.time]
    # Availability from the raw points (the hourly continuous query has not run yet); other
    # tests of the session may have taken a lab uplink down earlier today.
    assert total.teaching_hours_measured > 0
    assert total.availability_teaching is not None and 0 < total.availability_teaching <= 1
    assert total.outage_minutes == 0.0
    # Same stored data, same clock: the same bytes.
    again = build_coverage(settings, lab.inventory, request, clock)
    assert to_json(again) == to_json(report) and to_csv(again) == to_csv(report)


def test_a_100m_uplink_leaves_the_gigabit_count(clean_lab: RunningLab, tmp_path: Path) -> None:
    lab = clean_lab
    settings = lab_settings(lab, tmp_path)
    victim = sorted(s.id for s in Scope.parse(SESSION_SCOPE).schools(lab.inventory))[0]
    inject_fault(lab.inventory, lab.directory, FaultKind.SPEED, victim, "100")
    poll_once(lab, tmp_path)
    audit = audit_now(settings, lab.inventory, "all")
    found = audit.school(victim)
    assert found is not None and found.uplink_bucket is Bucket.NON_COMPLIANT
    request = CoverageRequest(period="day", by=[GroupBy.COUNTY, GroupBy.TYPE])
    report = build_coverage(settings, lab.inventory, request, FixedClock(datetime.now(UTC)))
    school = lab.inventory.schools[victim]
    row = next(
        r for r in report.groups if (r.county, r.school_type) == (school.county, school.type)
    )
    same_group = [
        s for s in audit.schools if (s.county, s.school_type) == (school.county, school.type)
    ]
    assert row.schools_gigabit == sum(s.uplink_bucket is Bucket.COMPLIANT for s in same_group)
    assert row.schools_non_compliant >= 1
    assert report.totals.schools_gigabit == sum(
        s.uplink_bucket is Bucket.COMPLIANT for s in audit.schools
    )
