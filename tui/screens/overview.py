"""Overview: prefecture totals, one line per county, the uplinks to watch."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from tui.format import number
from tui.models import CountyRow, NocSnapshot, UplinkRow
from tui.screens.base import NocScreen
from tui.widgets.kept_table import KeptTable, Row
from tui.widgets.status import TotalsBar

COUNTY_COLUMNS = (
    ("County", 16),
    ("Schools", 7),
    ("Up", 7),
    ("Compliant", 9),
    ("Non-compliant", 13),
    ("Not monitored", 13),
    ("Open outages", 12),
    ("Students affected", 17),
)
UPLINK_COLUMNS = (("School", 26), ("Reading", 28))


def county_cells(row: CountyRow) -> list[object]:
    """A county's cells, coloured by bucket; problems stand out, zeros are dimmed."""
    c = row.counts
    down = c.schools - c.schools_up
    return [
        Text(row.name, style="bold"),
        number(c.schools),
        Text(f"{c.schools_up:,}", style="bold red" if down else "green", justify="right"),
        number(c.compliant, "green"),
        number(c.non_compliant, "bold red"),
        number(c.not_monitored, "yellow"),
        number(c.open_outages, "bold red"),
        number(c.students_affected, "bold red"),
    ]


def uplink_rows(rows: tuple[UplinkRow, ...]) -> list[Row]:
    """Busiest or degrading uplinks: school, what to read."""
    return [(r.school, [r.name, Text(r.detail, style="yellow")]) for r in rows]


class OverviewScreen(NocScreen):
    """The screen the NOC keeps open: is the prefecture well, and where is it not."""

    TITLE_TEXT = "Overview"
    AUTO_FOCUS = "#counties"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "drill", "Drill in", show=True)]

    def body(self) -> ComposeResult:
        """Totals, counties, uplinks."""
        with Vertical(id="overview"):
            yield TotalsBar(id="totals")
            yield Label("Counties  [dim](Enter: failing schools of the county)[/dim]")
            yield KeptTable(id="counties")
            with Horizontal(id="uplinks"):
                with Vertical():
                    yield Label("Busiest uplinks (p95, last hour)")
                    yield KeptTable(id="busiest", classes="small")
                with Vertical():
                    yield Label("Degrading optics (uplink rx power)")
                    yield KeptTable(id="degrading", classes="small")

    def on_mount(self) -> None:
        """Columns, then follow the data."""
        self.query_one("#counties", KeptTable).set_columns(COUNTY_COLUMNS)
        for table_id in ("#busiest", "#degrading"):
            self.query_one(table_id, KeptTable).set_columns(UPLINK_COLUMNS)
        super().on_mount()

    def draw(self, snapshot: NocSnapshot) -> None:
        """Totals, counties and uplinks of the snapshot."""
        overview = snapshot.overview
        self.query_one(TotalsBar).show(overview.totals)
        rows = [(row.county, county_cells(row)) for row in overview.counties]
        self.query_one("#counties", KeptTable).show_rows(rows)
        self.query_one("#busiest", KeptTable).show_rows(uplink_rows(overview.busiest))
        self.query_one("#degrading", KeptTable).show_rows(uplink_rows(overview.degrading))

    def action_drill(self) -> None:
        """Enter on the focused table: a county's failures, or a school's detail."""
        table = self.focused
        if isinstance(table, KeptTable) and table.current_key:
            self._open(table, table.current_key)

    @on(KeptTable.RowSelected)
    def _selected(self, event: KeptTable.RowSelected) -> None:
        event.stop()
        self._open(event.table, event.key)

    def _open(self, table: KeptTable, key: str) -> None:
        if table.id == "counties":
            self.noc.drill_county(key)
        else:
            self.noc.open_school(key)
