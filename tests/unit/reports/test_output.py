"""CSV, JSON and XLSX: fixed layout, the same bytes for the same inputs, a real workbook."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook

from netops.inventory import Inventory
from netops.reports.coverage import coverage_report
from netops.reports.models import CoverageReport
from netops.reports.period import Period
from netops.reports.table import BOM, COLUMNS, to_csv, to_json
from netops.reports.xlsx import write_xlsx
from tests.unit.reports.test_coverage import make_inputs


def build(inventory: Inventory, may: Period) -> CoverageReport:
    return coverage_report(inventory, make_inputs(inventory), may, may.end)


def test_csv_has_a_header_a_row_per_group_and_the_total(inventory: Inventory, may: Period) -> None:
    report = build(inventory, may)
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert list(rows[0]) == [column.name for column in COLUMNS]
    assert len(rows) == len(report.groups) + 1
    total = rows[-1]
    assert total["group"] == "total" and total["schools"] == "40"
    assert total["gigabit_share"] == "0.0250" and total["school_outage_minutes"] == "90.0"
    assert total["ref_schools"] == "1718" and total["ref_bandwidth_share"] == "0.9992"
    assert rows[0]["ref_rooms"] == ""  # no county figure: empty, not 0
    assert total["busiest_schools"] == report.totals.busiest[0].name


def test_csv_bom_for_excel(inventory: Inventory, may: Period) -> None:
    text = to_csv(build(inventory, may), bom=True)
    assert text.startswith(BOM + "group,") and not to_csv(build(inventory, may)).startswith(BOM)


def test_same_inputs_give_byte_identical_csv_and_json(inventory: Inventory, may: Period) -> None:
    first, second = build(inventory, may), build(inventory, may)
    assert to_csv(first).encode() == to_csv(second).encode()
    assert to_json(first).encode() == to_json(second).encode()


def test_json_holds_period_generated_at_groups_totals_reference(
    inventory: Inventory, may: Period
) -> None:
    data = json.loads(to_json(build(inventory, may)))
    assert data["period"]["label"] == "2024-05" and data["generated_at"] == "2024-06-01T00:00:00Z"
    assert data["totals"]["schools"] == 40 and len(data["groups"]) == len(data["counties"])
    keys = {figure["key"] for figure in data["reference"]}
    assert {"published.schools", "national.bandwidth_100m_share", "seed.gigabit_share"} <= keys
    assert all(figure["source"] for figure in data["reference"])


def test_xlsx_table_formats_and_a_chart_per_county(
    inventory: Inventory, may: Period, tmp_path: Path
) -> None:
    report = build(inventory, may)
    path = write_xlsx(report, tmp_path / "out" / "coverage.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Coverage", "Charts", "Gigabit", "Reference", "About"]
    sheet = book["Coverage"]
    header = [cell.value for cell in sheet[1]]
    assert header == [column.name for column in COLUMNS]
    assert sheet[1][0].font.bold and sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:AE{len(report.groups) + 2}"
    share = header.index("gigabit_share") + 1
    count = header.index("schools") + 1
    assert sheet.cell(row=2, column=share).number_format == "0.0%"
    assert sheet.cell(row=2, column=count).number_format == "#,##0"
    assert sheet.cell(row=sheet.max_row, column=1).value == "total"
    assert sheet.cell(row=sheet.max_row, column=count).value == 40
    assert sheet.column_dimensions["A"].width >= 8
    # openpyxl reads the charts back into the (untyped) private list.
    assert len(vars(book["Charts"])["_charts"]) == len(report.counties)
    assert len(vars(book["Gigabit"])["_charts"]) == 1
    assert book["Reference"]["A2"].value == "published.schools"
