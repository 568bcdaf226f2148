"""The report as a table (CSV, and the XLSX sheet) and as JSON, in a fixed layout.

Same report, same bytes: columns and rows in a fixed order, shares with four
decimals, minutes and hours with one, no time of writing other than the report's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from netops.reports.models import CoverageReport, CoverageRow

#: How many of the busiest schools a table cell lists (JSON lists them all).
BUSIEST_IN_CELL = 5
BOM = "\ufeff"
Cell = str | int | float | None


class Kind(StrEnum):
    """How a column's values are written."""

    TEXT = "text"
    COUNT = "count"
    SHARE = "share"
    DECIMAL = "decimal"


@dataclass(frozen=True)
class Column:
    """A column: header, kind, the value of a row."""

    name: str
    kind: Kind
    value: Callable[[CoverageRow], Cell]


def _group(row: CoverageRow) -> str:
    return "/".join(part for part in (row.county, row.school_type) if part) or "total"


def _busiest(row: CoverageRow) -> str:
    return "; ".join(busy.name for busy in row.busiest[:BUSIEST_IN_CELL])


def _field(name: str, kind: Kind) -> Column:
    return Column(name, kind, lambda row: getattr(row, name))


COLUMNS: tuple[Column, ...] = (
    Column("group", Kind.TEXT, _group),
    _field("county", Kind.TEXT),
    _field("county_name", Kind.TEXT),
    _field("school_type", Kind.TEXT),
    _field("schools", Kind.COUNT),
    _field("students", Kind.COUNT),
    _field("schools_connected", Kind.COUNT),
    _field("connected_share", Kind.SHARE),
    _field("schools_gigabit", Kind.COUNT),
    _field("gigabit_share", Kind.SHARE),
    _field("schools_compliant", Kind.COUNT),
    _field("compliant_share", Kind.SHARE),
    _field("schools_non_compliant", Kind.COUNT),
    _field("schools_not_monitored", Kind.COUNT),
    _field("rooms", Kind.COUNT),
    _field("rooms_100m", Kind.COUNT),
    _field("rooms_100m_share", Kind.SHARE),
    _field("rooms_non_compliant", Kind.COUNT),
    _field("rooms_not_monitored", Kind.COUNT),
    _field("availability_teaching", Kind.SHARE),
    _field("teaching_hours_measured", Kind.DECIMAL),
    _field("school_outage_minutes", Kind.DECIMAL),
    _field("school_outage_teaching_minutes", Kind.DECIMAL),
    _field("saturated_schools", Kind.COUNT),
    Column("busiest_schools", Kind.TEXT, _busiest),
    _field("ref_schools", Kind.COUNT),
    _field("ref_rooms", Kind.COUNT),
    _field("ref_students", Kind.COUNT),
    _field("ref_connected_share", Kind.SHARE),
    _field("ref_gigabit_share", Kind.SHARE),
    _field("ref_bandwidth_share", Kind.SHARE),
)


def rows(report: CoverageReport) -> list[CoverageRow]:
    """The table's rows: the groups, then the prefecture total."""
    return [*report.groups, report.totals]


def text(value: Cell, kind: Kind) -> str:
    """A cell as CSV writes it (empty for no value)."""
    if value is None:
        return ""
    if kind is Kind.SHARE:
        return f"{float(value):.4f}"
    if kind is Kind.DECIMAL:
        return f"{float(value):.1f}"
    return str(value)


def to_csv(report: CoverageReport, *, bom: bool = False) -> str:
    """One header row, one row per group, the total last; ``bom`` for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in COLUMNS])
    for row in rows(report):
        writer.writerow([text(column.value(row), column.kind) for column in COLUMNS])
    return (BOM if bom else "") + out.getvalue()


def to_json(report: CoverageReport) -> str:
    """The whole report (period, generated_at, groups, totals, reference) as JSON."""
    return report.model_dump_json(indent=2) + "\n"
