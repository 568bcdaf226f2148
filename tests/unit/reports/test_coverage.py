"""Coverage figures from hand-made audits, history and downtime over the small inventory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netops.inventory import Inventory
from netops.inventory.choices import SchoolType
from netops.reports.coverage import coverage_report
from netops.reports.inputs import (
    COMPLIANT,
    NON_COMPLIANT,
    NOT_MONITORED,
    Availability,
    Downtime,
    ReportInputs,
    SchoolAudit,
)
from netops.reports.models import CoverageReport, CoverageRow, GroupBy
from netops.reports.period import Period

AUDIT_TIME = datetime(2024, 5, 31, 2, tzinfo=UTC)


def make_inputs(inventory: Inventory) -> ReportInputs:
    """First school compliant, second with a 100M uplink, third not monitored."""
    first, second, third = (inventory.schools[s] for s in sorted(inventory.schools)[:3])
    audits = {
        first.id: SchoolAudit(
            first.id,
            AUDIT_TIME,
            COMPLIANT,
            COMPLIANT,
            (COMPLIANT,) * len(first.rooms),
            saturated="uplink p95 870 Mb/s of 1000 Mb/s",
        ),
        second.id: SchoolAudit(
            second.id,
            AUDIT_TIME,
            NON_COMPLIANT,
            NON_COMPLIANT,
            (NON_COMPLIANT,) + (COMPLIANT,) * (len(second.rooms) - 1),
        ),
        third.id: SchoolAudit(
            third.id, AUDIT_TIME, NOT_MONITORED, NOT_MONITORED, (NOT_MONITORED,) * len(third.rooms)
        ),
    }
    return ReportInputs(
        audits=audits,
        connected=frozenset({first.id, second.id}),
        availability={first.id: Availability(3600, 3600), second.id: Availability(3600, 1800)},
        downtime={second.id: Downtime(total_s=5400, teaching_s=1800)},
        audit_times=(AUDIT_TIME,),
    )


@pytest.fixture
def report(inventory: Inventory, may: Period) -> CoverageReport:
    return coverage_report(inventory, make_inputs(inventory), may, may.end)


def test_totals_count_every_inventory_school(inventory: Inventory, report: CoverageReport) -> None:
    total = report.totals
    first, second, _ = (inventory.schools[s] for s in sorted(inventory.schools)[:3])
    assert total.schools == len(inventory.schools) == 40
    assert total.rooms == sum(len(s.rooms) for s in inventory.schools.values())
    assert total.schools_connected == 2 and total.connected_share == round(2 / 40, 4)
    assert total.schools_gigabit == 1 and total.gigabit_share == 0.025
    assert total.schools_compliant == 1 and total.schools_non_compliant == 1
    assert total.schools_not_monitored == 38  # no data is never compliant
    assert total.rooms_100m == len(first.rooms) + len(second.rooms) - 1
    assert total.rooms_non_compliant == 1
    assert total.rooms_not_monitored == total.rooms - total.rooms_100m - 1
    assert total.availability_teaching == 0.75 and total.teaching_hours_measured == 2.0
    assert total.school_outage_minutes == 90.0 and total.school_outage_teaching_minutes == 30.0
    assert total.saturated_schools == 1 and total.busiest[0].school == first.id
    assert total.ref_schools == 1718 and total.ref_rooms == 10663


def test_county_rows_in_plan_order_with_seed_references(
    inventory: Inventory, report: CoverageReport
) -> None:
    counties = [row.county for row in report.groups]
    assert counties == [c for c in inventory.prefecture.counties if inventory.schools_in(c)]
    assert report.counties == report.groups
    assert sum(row.schools for row in report.groups) == report.totals.schools
    xingyi = next(row for row in report.groups if row.county == "xingyi")
    assert xingyi.ref_schools == 330 and xingyi.county_name == "Xingyi City"
    assert xingyi.ref_bandwidth_share == 0.9992


def test_group_by_county_and_type(inventory: Inventory, may: Period) -> None:
    report = coverage_report(
        inventory, make_inputs(inventory), may, may.end, by=[GroupBy.TYPE, GroupBy.COUNTY]
    )
    assert report.by == [GroupBy.COUNTY, GroupBy.TYPE]
    keys = [(row.county, row.school_type) for row in report.groups]
    assert len(keys) == len(set(keys)) and all(county and kind for county, kind in keys)
    assert sum(row.schools for row in report.groups) == 40
    assert all(row.ref_schools is None for row in report.groups)  # no figure per type
    assert [row.county for row in report.counties] == [
        c for c in inventory.prefecture.counties if inventory.schools_in(c)
    ]


def test_group_by_type_only(inventory: Inventory, may: Period) -> None:
    report = coverage_report(inventory, ReportInputs(), may, may.end, by=[GroupBy.TYPE])
    kinds = [row.school_type for row in report.groups]
    order = [str(kind) for kind in SchoolType]
    assert kinds == sorted(kinds, key=order.index) and len(kinds) == len(set(kinds)) > 1
    assert all(not row.county for row in report.groups)
    assert all(isinstance(row, CoverageRow) and row.gigabit_share == 0.0 for row in report.groups)
    assert report.totals.availability_teaching is None
