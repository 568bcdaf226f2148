"""The coverage report against the session lab: real polls in InfluxDB, a real saved audit.

What each fault of issue 7 does to the report's counts is in
``tests/integration/test_issue7_faults.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.compliance.models import Bucket
from netops.reports.models import GroupBy
from netops.reports.table import to_csv, to_json
from tests.integration.compliance.cycles import LabCycles, lab_schools, lab_settings
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_report_counts_the_lab_schools(lab: RunningLab, tmp_path: Path) -> None:
    cycles = LabCycles(lab, lab_settings(lab, tmp_path))
    assert cycles.poll().failures == {}
    audit = cycles.audit("all")
    lab_ids = {school.id for school in lab_schools(lab)}
    results = [s for s in audit.schools if s.school in lab_ids]
    assert {s.school for s in results} == lab_ids

    now = datetime.now(UTC)
    report = cycles.report(now=now)
    total = report.totals
    assert total.schools == len(lab.inventory.schools)
    # Every lab school's uplink was polled up; no other school was polled.
    assert total.schools_connected == len(lab_ids)
    [county] = {lab.inventory.schools[s].county for s in lab_ids}
    row = next(r for r in report.groups if r.county == county)
    assert row.schools_connected == len(lab_ids)
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
    assert total.school_outage_minutes == 0.0
    # Same stored data, same clock: the same bytes.
    again = cycles.report(now=now)
    assert to_json(again) == to_json(report) and to_csv(again) == to_csv(report)
    # By county and type: the lab schools' row counts what the audit says of its schools.
    by_type = cycles.report(by=[GroupBy.COUNTY, GroupBy.TYPE], now=now)
    [key] = {(s.county, s.school_type) for s in results}
    row = next(r for r in by_type.groups if (r.county, r.school_type) == key)
    same_group = [s for s in everyone if (s.county, s.school_type) == key]
    assert row.schools == len(same_group)
    assert row.schools_gigabit == sum(s.uplink_bucket is Bucket.COMPLIANT for s in same_group)
    assert row.schools_non_compliant == sum(s.bucket is Bucket.NON_COMPLIANT for s in same_group)
    assert by_type.totals == total
