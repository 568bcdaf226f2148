"""Outages: what is down now, widest blast radius first; ``h`` shows the last day's history."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import Label

from tui.format import age, number, short_port, when
from tui.models import NocSnapshot, OutageRow
from tui.screens.base import NocScreen
from tui.widgets.kept_table import KeptTable, Row

COLUMNS = (
    ("Root cause", 20),
    ("Kind", 15),
    ("Where", 24),
    ("Since", 11),
    ("For", 6),
    ("Schools", 7),
    ("Rooms", 5),
    ("Students", 8),
    ("Teach", 5),
)
#: An outage younger than this is "new": highlighted.
NEW_WITHIN = timedelta(minutes=15)
#: How far back the history goes.
HISTORY_HOURS = 24.0


def outage_cells(outage: OutageRow, now: datetime, where: str) -> list[object]:
    """One outage's cells; a new one is marked NEW and highlighted."""
    new = outage.is_open and now - outage.started <= NEW_WITHIN
    style = "bold black on yellow" if new else ("bold" if outage.is_open else "dim")
    end = outage.ended or now
    kind = outage.kind.replace("_", " ")
    return [
        Text(short_port(outage.root), style=style),
        Text.assemble(("NEW ", "bold black on yellow"), kind) if new else Text(kind),
        where,
        when(outage.started, now),
        Text(age(end - outage.started), style="" if outage.is_open else "dim"),
        number(outage.schools, "bold red" if outage.is_open else ""),
        number(outage.classrooms),
        number(outage.students, "bold red" if outage.is_open else ""),
        Text("yes", style="red") if outage.teaching_hours else Text("no", style="dim"),
    ]


class OutagesScreen(NocScreen):
    """Open outages sorted by blast radius; history on demand."""

    TITLE_TEXT = "Outages"
    AUTO_FOCUS = "#outages"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "toggle_history", "History"),
        Binding("enter", "drill", "Open", show=True),
    ]

    history: reactive[bool] = reactive(False)
    """Show the last day's outages (open and closed) instead of the open ones."""

    def __init__(self) -> None:
        super().__init__()
        self._history: tuple[OutageRow, ...] = ()

    def body(self) -> ComposeResult:
        """A title line and the table."""
        yield Label("", id="outages-title")
        yield KeptTable(id="outages")

    def on_mount(self) -> None:
        """Columns, then follow the data."""
        self.query_one("#outages", KeptTable).set_columns(COLUMNS)
        super().on_mount()

    def watch_history(self) -> None:
        """Switching view: load the history, or show the open outages again."""
        if self.history:
            self.load_history()
        elif self._drawn is not None:
            self.draw(self._drawn)

    def action_toggle_history(self) -> None:
        """``h``: open outages <-> the last day's."""
        self.history = not self.history

    def draw(self, snapshot: NocSnapshot) -> None:
        """Open outages (or reload the history when that is on display)."""
        if self.history:
            self.load_history()
            return
        count = len(snapshot.outages)
        students = sum(o.students for o in snapshot.outages)
        self.query_one("#outages-title", Label).update(
            f"[b]{count} open outage{'s' if count != 1 else ''}[/b], widest blast radius first"
            f" · {students:,} students affected · [dim]h: last {HISTORY_HOURS:.0f} h[/dim]"
        )
        self._show(snapshot.outages)

    @work(thread=True, exclusive=True, group="history")
    def load_history(self) -> None:
        """Read the history in a thread, then show it."""
        rows = self.noc.source.outage_history(HISTORY_HOURS)
        self.app.call_from_thread(self._history_loaded, rows)

    def _history_loaded(self, rows: tuple[OutageRow, ...]) -> None:
        if not self.history:
            return
        self._history = rows
        still = sum(1 for o in rows if o.is_open)
        self.query_one("#outages-title", Label).update(
            f"[b]History[/b]: {len(rows)} outages in the last {HISTORY_HOURS:.0f} h"
            f" ({still} still open), newest first · [dim]h: open outages[/dim]"
        )
        self._show(rows)

    def _show(self, outages: tuple[OutageRow, ...]) -> None:
        now = self.noc.clock.now()
        directory = self.noc.directory
        rows: list[Row] = []
        for o in outages:
            if directory is None:
                where = o.school or o.county or ""
            elif o.school:
                where = directory.school_name(o.school)
            else:
                where = directory.county_name(o.county)
            rows.append((o.id, outage_cells(o, now, where)))
        self.query_one("#outages", KeptTable).show_rows(rows)

    def action_drill(self) -> None:
        """Enter: the school's screen, or the county's failures for a wider outage."""
        table = self.query_one("#outages", KeptTable)
        if table.current_key:
            self._open(table.current_key)

    @on(KeptTable.RowSelected)
    def _selected(self, event: KeptTable.RowSelected) -> None:
        event.stop()
        self._open(event.key)

    def _open(self, outage_id: str) -> None:
        snapshot = self._drawn
        pool = (self._history if self.history else ()) + (snapshot.outages if snapshot else ())
        outage = next((o for o in pool if o.id == outage_id), None)
        if outage is None:
            return
        if outage.school:
            self.noc.open_school(outage.school)
        elif outage.county:
            self.noc.drill_county(outage.county)
