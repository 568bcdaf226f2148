"""The coverage report as data: one row per group, a prefecture total, reference figures."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from netops.reports.period import Period
from netops.reports.reference import ReferenceFigure


class GroupBy(StrEnum):
    """What a report row groups schools by."""

    COUNTY = "county"
    TYPE = "type"


class BusySchool(BaseModel):
    """A school whose uplink ran hot (the audit's "saturated" warning)."""

    model_config = ConfigDict(frozen=True)

    school: str
    name: str
    county: str
    message: str
    load_share: float | None = None
    """95th percentile of the uplink over its contracted rate."""


class CoverageRow(BaseModel):
    """Coverage of one group of schools (a county, a school type, both, or all)."""

    model_config = ConfigDict(frozen=True)

    county: str = ""
    """County id ("" when not grouped by county)."""
    county_name: str = ""
    school_type: str = ""
    """School type ("" when not grouped by type)."""
    schools: int
    students: int
    schools_connected: int
    connected_share: float | None
    schools_gigabit: int
    gigabit_share: float | None
    schools_compliant: int
    compliant_share: float | None
    schools_non_compliant: int
    schools_not_monitored: int
    rooms: int
    rooms_100m: int
    rooms_100m_share: float | None
    rooms_non_compliant: int
    rooms_not_monitored: int
    availability_teaching: float | None
    teaching_hours_measured: float
    school_outage_minutes: float
    school_outage_teaching_minutes: float
    saturated_schools: int
    busiest: list[BusySchool] = []
    ref_schools: int | None = None
    """Seed school count of the county, or the published total on the prefecture row."""
    ref_rooms: int | None = None
    ref_students: int | None = None
    ref_connected_share: float | None = None
    ref_gigabit_share: float | None = None
    ref_bandwidth_share: float | None = None


class CoverageReport(BaseModel):
    """The bureau's coverage statistics for one period."""

    model_config = ConfigDict(frozen=True)

    title: str = "Coverage: gigabit to school, 100M to desktop"
    prefecture: str
    period: Period
    generated_at: datetime
    by: list[GroupBy]
    groups: list[CoverageRow]
    totals: CoverageRow
    counties: list[CoverageRow]
    """One row per county whatever the grouping (the XLSX charts use them)."""
    audits: list[datetime]
    """Times of the stored audits the buckets come from (newest first)."""
    notes: list[str]
    reference: list[ReferenceFigure]
