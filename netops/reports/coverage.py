"""The coverage report: inventory + stored results -> one row per county and/or school type.

Pure: every figure comes from the inventory and the ``ReportInputs`` (stored audits,
outages and InfluxDB history), so the same inputs give the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from netops.inventory.choices import SchoolType
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile
from netops.reports import reference
from netops.reports.inputs import (
    COMPLIANT,
    NON_COMPLIANT,
    Availability,
    Downtime,
    ReportInputs,
)
from netops.reports.models import BusySchool, CoverageReport, CoverageRow, GroupBy
from netops.reports.period import Period

SHARE_DIGITS = 4
MINUTE_DIGITS = 1


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 decimals (None for an empty group)."""
    return round(part / whole, SHARE_DIGITS) if whole else None


@dataclass
class _Tally:
    """Running counts of one group."""

    schools: int = 0
    students: int = 0
    connected: int = 0
    gigabit: int = 0
    compliant: int = 0
    non_compliant: int = 0
    rooms: int = 0
    rooms_100m: int = 0
    rooms_non_compliant: int = 0
    availability: Availability = field(default_factory=Availability)
    downtime: Downtime = field(default_factory=Downtime)
    busiest: list[BusySchool] = field(default_factory=list)

    def add(self, school: SchoolFile, inputs: ReportInputs) -> None:
        self.schools += 1
        self.students += school.students
        self.rooms += len(school.rooms)
        self.connected += school.id in inputs.connected
        self.availability = self.availability + inputs.availability.get(school.id, Availability())
        self.downtime = self.downtime + inputs.downtime.get(school.id, Downtime())
        audit = inputs.audits.get(school.id)
        if audit is None:
            return
        self.gigabit += audit.uplink_bucket == COMPLIANT
        self.compliant += audit.bucket == COMPLIANT
        self.non_compliant += audit.bucket == NON_COMPLIANT
        # An audit may list a room the inventory dropped since: never count above it.
        good = min(len(school.rooms), audit.rooms.count(COMPLIANT))
        self.rooms_100m += good
        self.rooms_non_compliant += min(len(school.rooms) - good, audit.rooms.count(NON_COMPLIANT))
        if audit.saturated is not None:
            self.busiest.append(
                BusySchool(
                    school=school.id,
                    name=school.name,
                    county=school.county,
                    message=audit.saturated,
                    load_share=audit.load_share,
                )
            )

    def row(self, county: str, county_name: str, school_type: str) -> CoverageRow:
        hours = round(self.availability.teaching_s / 3600, MINUTE_DIGITS)
        ratio = self.availability.ratio
        return CoverageRow(
            county=county,
            county_name=county_name,
            school_type=school_type,
            schools=self.schools,
            students=self.students,
            schools_connected=self.connected,
            connected_share=share(self.connected, self.schools),
            schools_gigabit=self.gigabit,
            gigabit_share=share(self.gigabit, self.schools),
            schools_compliant=self.compliant,
            compliant_share=share(self.compliant, self.schools),
            schools_non_compliant=self.non_compliant,
            schools_not_monitored=self.schools - self.compliant - self.non_compliant,
            rooms=self.rooms,
            rooms_100m=self.rooms_100m,
            rooms_100m_share=share(self.rooms_100m, self.rooms),
            rooms_non_compliant=self.rooms_non_compliant,
            rooms_not_monitored=self.rooms - self.rooms_100m - self.rooms_non_compliant,
            availability_teaching=None if ratio is None else round(ratio, SHARE_DIGITS),
            teaching_hours_measured=hours,
            school_outage_minutes=round(self.downtime.total_s / 60, MINUTE_DIGITS),
            school_outage_teaching_minutes=round(self.downtime.teaching_s / 60, MINUTE_DIGITS),
            saturated_schools=len(self.busiest),
            busiest=sorted(self.busiest, key=_busier),
            ref_connected_share=reference.figure("national.internet_access_share").value,
            ref_gigabit_share=reference.figure("seed.gigabit_share").value,
            ref_bandwidth_share=reference.figure("national.bandwidth_100m_share").value,
        )


def _busier(busy: BusySchool) -> tuple[float, str]:
    """Busiest first; then by school id."""
    return (-(busy.load_share or 0.0), busy.school)


def _key(school: SchoolFile, by: Sequence[GroupBy]) -> tuple[str, str]:
    county = school.county if GroupBy.COUNTY in by else ""
    school_type = str(school.type) if GroupBy.TYPE in by else ""
    return county, school_type


def coverage_report(
    inventory: Inventory,
    inputs: ReportInputs,
    period: Period,
    generated_at: datetime,
    by: Sequence[GroupBy] = (GroupBy.COUNTY,),
) -> CoverageReport:
    """The report: groups in plan order (counties as the prefecture lists them, types
    smallest first), then the prefecture total."""
    by = [kind for kind in GroupBy if kind in by]
    county_order = {cid: i for i, cid in enumerate(inventory.prefecture.counties)}
    type_order = {str(kind): i for i, kind in enumerate(SchoolType)}
    tallies: dict[tuple[str, str], _Tally] = {}
    total = _Tally()
    for school_id in sorted(inventory.schools):
        school = inventory.schools[school_id]
        tallies.setdefault(_key(school, by), _Tally()).add(school, inputs)
        total.add(school, inputs)

    def order(key: tuple[str, str]) -> tuple[int, int, str, str]:
        county, school_type = key
        return (county_order.get(county, -1), type_order.get(school_type, -1), *key)

    rows = [_row(inventory, key, tallies[key]) for key in sorted(tallies, key=order)]
    if by == [GroupBy.COUNTY]:
        counties = rows
    else:
        per_county: dict[tuple[str, str], _Tally] = {}
        for school_id in sorted(inventory.schools):
            school = inventory.schools[school_id]
            per_county.setdefault((school.county, ""), _Tally()).add(school, inputs)
        counties = [_row(inventory, key, per_county[key]) for key in sorted(per_county, key=order)]
    totals = total.row("", inventory.prefecture.name, "").model_copy(
        update={
            "ref_schools": int(reference.figure("published.schools").value),
            "ref_rooms": int(reference.figure("published.rooms").value),
            "ref_students": int(reference.figure("published.students").value),
        }
    )
    return CoverageReport(
        prefecture=inventory.prefecture.id,
        period=period,
        generated_at=generated_at,
        by=list(by),
        groups=rows,
        totals=totals,
        counties=counties,
        audits=list(inputs.audit_times),
        notes=list(inputs.notes),
        reference=list(reference.REFERENCE),
    )


def _row(inventory: Inventory, key: tuple[str, str], tally: _Tally) -> CoverageRow:
    county, school_type = key
    row = tally.row(county, _county_name(inventory, county), school_type)
    if county and not school_type:
        row = row.model_copy(update={"ref_schools": reference.county_schools(county)})
    return row


def _county_name(inventory: Inventory, county: str) -> str:
    found = inventory.counties.get(county)
    return found.name if found else ""
