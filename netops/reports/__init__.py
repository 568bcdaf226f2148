"""Statistics for the education bureau: coverage reports from stored data (docs/reports.md).

Modules: ``period`` (day, week, month), ``inputs`` (the report's view of stored data),
``sources`` (audits, outages), ``history`` (InfluxDB), ``downtime`` (outage minutes),
``coverage`` (the aggregation), ``models``, ``reference`` (figures with sources),
``table`` (CSV, JSON), ``xlsx``, ``runner`` (from the settings).
"""

from netops.reports.coverage import coverage_report
from netops.reports.models import CoverageReport, CoverageRow, GroupBy
from netops.reports.period import Period, parse_period
from netops.reports.table import to_csv, to_json
from netops.reports.xlsx import write_xlsx

__all__ = [
    "CoverageReport",
    "CoverageRow",
    "GroupBy",
    "Period",
    "coverage_report",
    "parse_period",
    "to_csv",
    "to_json",
    "write_xlsx",
]
