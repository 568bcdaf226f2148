"""The report as a workbook (openpyxl): a formatted table, a chart per county, the references.

Sheets: ``Coverage`` (the table: styled header, shares as %, widths, frozen header and
first column, autofilter), ``Charts`` (each county's schools by bucket, one bar chart
per county), ``Gigabit`` (gigabit-to-school share per county beside the reference),
``Reference`` (every reference figure with its source) and ``About`` (period, audits,
notes).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from netops.reports.models import CoverageReport, CoverageRow
from netops.reports.reference import Unit
from netops.reports.table import COLUMNS, Kind, rows

NUMBER_FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.SHARE: "0.0%",
    Kind.DECIMAL: "#,##0.0",
    Kind.TEXT: "@",
}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BUCKETS = ("compliant", "non-compliant", "not monitored")
CHARTS_PER_LINE = 3
CHART_ROWS = 16


def write_xlsx(report: CoverageReport, path: Path) -> Path:
    """Write the workbook to ``path`` (its folder is created) and return the path."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Coverage"
    _coverage(sheet, report)
    _charts(book.create_sheet("Charts"), report.counties)
    _gigabit(book.create_sheet("Gigabit"), report.counties)
    _reference(book.create_sheet("Reference"), report)
    _about(book.create_sheet("About"), report)
    book.properties.created = report.generated_at.replace(tzinfo=None)
    book.properties.modified = report.generated_at.replace(tzinfo=None)
    book.properties.title = f"{report.title} ({report.period.label})"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _header(sheet: Worksheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _coverage(sheet: Worksheet, report: CoverageReport) -> None:
    _header(sheet, [column.name for column in COLUMNS])
    table = rows(report)
    for row in table:
        sheet.append([column.value(row) for column in COLUMNS])
    for index, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        for cell in sheet[letter][1:]:
            cell.number_format = NUMBER_FORMATS[column.kind]
        width = max(len(column.name), *(len(str(column.value(row) or "")) for row in table))
        sheet.column_dimensions[letter].width = min(max(width, 8) + 2, 40)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(table) + 1}"


def _charts(sheet: Worksheet, counties: list[CoverageRow]) -> None:
    _header(sheet, ["county", *BUCKETS])
    for row in counties:
        sheet.append(
            [
                row.county_name or row.county,
                row.schools_compliant,
                row.schools_non_compliant,
                row.schools_not_monitored,
            ]
        )
    sheet.column_dimensions["A"].width = 22
    categories = Reference(sheet, min_col=2, max_col=4, min_row=1, max_row=1)
    for index, row in enumerate(counties):
        chart = BarChart()
        chart.type = "col"
        chart.title = f"{row.county_name or row.county}: schools by bucket"
        chart.y_axis.title = "schools"
        chart.legend = None
        values = Reference(sheet, min_col=1, max_col=4, min_row=index + 2, max_row=index + 2)
        chart.add_data(values, from_rows=True, titles_from_data=True)
        chart.set_categories(categories)
        chart.height, chart.width = 7.5, 12
        line, place = divmod(index, CHARTS_PER_LINE)
        anchor_row = len(counties) + 3 + line * CHART_ROWS
        sheet.add_chart(chart, f"{get_column_letter(1 + place * 8)}{anchor_row}")


def _gigabit(sheet: Worksheet, counties: list[CoverageRow]) -> None:
    _header(sheet, ["county", "gigabit_share", "ref_gigabit_share", "ref_bandwidth_share"])
    for row in counties:
        sheet.append(
            [
                row.county_name or row.county,
                row.gigabit_share,
                row.ref_gigabit_share,
                row.ref_bandwidth_share,
            ]
        )
    for line in sheet.iter_rows(min_row=2, min_col=2, max_col=4):
        for cell in line:
            cell.number_format = NUMBER_FORMATS[Kind.SHARE]
    sheet.column_dimensions["A"].width = 22
    chart = BarChart()
    chart.type = "col"
    chart.title = "Gigabit to school: share of schools, by county, beside the references"
    chart.y_axis.title = "share of schools"
    chart.y_axis.number_format = "0%"
    data = Reference(sheet, min_col=2, max_col=4, min_row=1, max_row=len(counties) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(counties) + 1))
    chart.height, chart.width = 9, 24
    sheet.add_chart(chart, "F2")


def _reference(sheet: Worksheet, report: CoverageReport) -> None:
    _header(sheet, ["key", "label", "value", "scope", "year", "source"])
    for figure in report.reference:
        sheet.append(
            [figure.key, figure.label, figure.value, figure.scope, figure.year, figure.source]
        )
        cell = sheet.cell(row=sheet.max_row, column=3)
        cell.number_format = NUMBER_FORMATS[Kind.SHARE if figure.unit is Unit.SHARE else Kind.COUNT]
    for letter, width in zip("ABCDEF", (34, 60, 12, 16, 10, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _about(sheet: Worksheet, report: CoverageReport) -> None:
    facts: list[tuple[str, str]] = [
        ("report", report.title),
        ("prefecture", report.prefecture),
        ("period", report.period.label),
        ("from (UTC)", report.period.start.isoformat()),
        ("to (UTC)", report.period.end.isoformat()),
        ("complete", "yes" if report.period.complete else "no (still running)"),
        ("generated at (UTC)", report.generated_at.isoformat()),
        ("grouped by", ", ".join(report.by)),
        ("audits used", ", ".join(time.isoformat() for time in report.audits) or "none"),
    ]
    facts.extend(("note", note) for note in report.notes)
    for fact in facts:
        sheet.append(list(fact))
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
