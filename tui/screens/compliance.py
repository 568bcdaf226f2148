"""Compliance: failing schools and rooms with their reasons, filters, change since last audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label, Select

from tui.format import bucket, local
from tui.models import (
    BUCKET_LABELS,
    ChangeRow,
    ComplianceData,
    ComplianceRow,
    Directory,
    NocSnapshot,
)
from tui.screens.base import NocScreen
from tui.widgets.kept_table import TOP, KeptTable, Place, Row

COLUMNS = (
    ("School", 34),
    ("Room", 16),
    ("Bucket", 13),
    ("Why", 80),
    ("Change", 16),
    ("Type", 14),
    ("County", 16),
)
CHANGE_COLUMNS = (
    ("School", 34),
    ("County", 16),
    ("Room", 16),
    ("Before", 13),
    ("After", 13),
    ("Why", 60),
)


def _label(value: str | None) -> str:
    return BUCKET_LABELS.get(value or "", value or "(absent)")


class Prepared:
    """One snapshot's failures and changes, ready to show under any filter.

    Built once per data load (and once more when the names arrive): every row's cells,
    and the rows grouped by county, so that a filter only picks prepared rows.
    """

    def __init__(
        self,
        data: ComplianceData,
        rows: list[Row],
        changes: list[Row],
        directory: Directory | None,
    ) -> None:
        self.data = data
        self.directory = directory
        """The names the cells were built with."""
        self.rows = rows
        """The cells of every failure, in order."""
        self.changes = changes
        """The cells of every change, in order."""
        self._rows_of = self._by_county(data.rows)
        self._changes_of = self._by_county(data.changes)
        self._kinds = {r.school: r.school_type for r in data.rows}

    @staticmethod
    def _by_county(rows: Sequence[ComplianceRow | ChangeRow]) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            groups.setdefault(row.county, []).append(index)
        return groups

    def failures(self, county: str | None, kind: str | None) -> list[int]:
        """Indexes of the failures of ``county`` (None: all) and school type ``kind``."""
        pool = self._rows_of.get(county, []) if county else range(len(self.rows))
        rows = self.data.rows
        return [i for i in pool if not kind or rows[i].school_type == kind]

    def changed(self, county: str | None, kind: str | None) -> list[int]:
        """Indexes of the changes that pass the same filters (a school no longer
        failing has no type here: it passes the type filter)."""
        pool = self._changes_of.get(county, []) if county else range(len(self.changes))
        changes, kinds = self.data.changes, self._kinds
        return [i for i in pool if not kind or kinds.get(changes[i].school, kind) == kind]


class ComplianceScreen(NocScreen):
    """Who fails "gigabit to school, 100M to desktop", and why."""

    TITLE_TEXT = "Compliance"
    AUTO_FOCUS = "#failing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "drill", "School", show=True),
        Binding("f", "focus_filter", "Filter"),
        Binding("x", "clear_filters", "Clear filters"),
    ]

    county: reactive[str | None] = reactive(None)
    """Only this county's schools (None: all)."""
    school_type: reactive[str | None] = reactive(None)
    """Only schools of this type (None: all)."""

    def __init__(self) -> None:
        super().__init__()
        self._county_ids: set[str] = set()
        self._prepared: Prepared | None = None
        """The latest snapshot's rows, ready to show."""
        self._shown: tuple[str | None, str | None] = (None, None)
        """The filters the tables show (county, school type)."""
        self._full_places: tuple[Place, Place] = (TOP, TOP)
        """Where the unfiltered tables were left when a filter was set."""

    @property
    def failing(self) -> KeptTable:
        """The failures table."""
        return self._table("#failing")

    def body(self) -> ComposeResult:
        """Filters and summary, failures, changes."""
        with Horizontal(id="filters"):
            yield Select[str]([], prompt="All counties", id="county-filter")
            yield Select[str]([], prompt="All school types", id="type-filter")
            yield Label("", id="compliance-summary")
        yield KeptTable(id="failing")
        yield Label("", id="changes-title")
        yield KeptTable(id="changes", classes="small")

    def on_mount(self) -> None:
        """Columns, then follow the names (filters) and the data."""
        self._table("#failing").set_columns(COLUMNS)
        self._table("#changes").set_columns(CHANGE_COLUMNS)
        self.watch(self.app, "directory", self._fill_filters)
        super().on_mount()

    def _fill_filters(self, directory: Directory | None) -> None:
        """The counties and school types to filter by, once the names are loaded."""
        if directory is None or self._county_ids:
            return
        # The inventory's package is slow to import; by now a worker has loaded it.
        from netops.inventory.choices import SchoolType  # noqa: PLC0415

        select = self.query_one("#county-filter", Select)
        select.set_options((name, cid) for cid, name in directory.counties.items())
        self._county_ids = set(directory.counties)
        if self.county:
            select.value = self.county
        kinds = self.query_one("#type-filter", Select)
        kinds.set_options((t.value.replace("_", " "), t.value) for t in SchoolType)
        if self.school_type:
            kinds.value = self.school_type

    @on(Select.Changed, "#county-filter")
    def _county_chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.county = None if event.value is Select.NULL else str(event.value)

    @on(Select.Changed, "#type-filter")
    def _type_chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.school_type = None if event.value is Select.NULL else str(event.value)

    def watch_county(self, county: str | None) -> None:
        """Filter by county (and keep the select in step when set from elsewhere)."""
        select = self.query_one("#county-filter", Select)
        wanted = county if county else Select.NULL
        if select.value != wanted and (county is None or county in self._county_ids):
            select.value = wanted
        self._redraw()

    def watch_school_type(self, school_type: str | None) -> None:
        """Filter by school type."""
        select = self.query_one("#type-filter", Select)
        wanted = school_type if school_type else Select.NULL
        if select.value != wanted and (school_type is None or self._county_ids):
            select.value = wanted
        self._redraw()

    def action_clear_filters(self) -> None:
        """``x``: every county, every type."""
        self.county = None
        self.school_type = None

    def action_focus_filter(self) -> None:
        """``f``: to the county filter."""
        self.query_one("#county-filter", Select).focus()

    def _redraw(self) -> None:
        if self._drawn is not None:
            self.draw(self._drawn)

    def _prepare(self, snapshot: NocSnapshot) -> Prepared:
        """The snapshot's rows, ready (built once per snapshot and names)."""
        data, directory = snapshot.compliance, self.noc.directory
        prepared = self._prepared
        if prepared is None or prepared.data is not data or prepared.directory is not directory:
            prepared = Prepared(
                data,
                [self._cells(r) for r in data.rows],
                [self._change(c) for c in data.changes],
                directory,
            )
            self._prepared = prepared
        return prepared

    def draw(self, snapshot: NocSnapshot) -> None:
        """The failures and changes that pass the filters.

        A new filter starts at the top of its rows; clearing it shows the full lists
        where they were left (cursor and scroll), brought up to date.
        """
        prepared = self._prepare(snapshot)
        rows = prepared.failures(self.county, self.school_type)
        changes = prepared.changed(self.county, self.school_type)
        failing, changed = self._table("#failing"), self._table("#changes")
        places: tuple[Place | None, Place | None] = (None, None)
        shown = (self.county, self.school_type)
        if shown != self._shown:
            if self._shown == (None, None):
                self._full_places = (failing.place, changed.place)
            places = self._full_places if shown == (None, None) else (TOP, TOP)
            self._shown = shown
        failing.show_rows([prepared.rows[i] for i in rows], places[0])
        changed.show_rows([prepared.changes[i] for i in changes], places[1])
        data = snapshot.compliance
        self._summary(data, [data.rows[i] for i in rows])
        fixed = sum(1 for i in changes if data.changes[i].after == "compliant")
        # The title keeps its size (one line, full width): no layout of the screen.
        self.query_one("#changes-title", Label).update(
            f"Changed since the previous audit ({local(data.previous_time)}):"
            f" [red]{len(changes) - fixed} worse[/red], [green]{fixed} fixed[/green]",
            layout=False,
        )

    def _table(self, selector: str) -> KeptTable:
        return self.query_one(selector, KeptTable)

    def _summary(self, data: ComplianceData, rows: list[ComplianceRow]) -> None:
        schools = len({r.school for r in rows})
        rooms = sum(1 for r in rows if r.room)
        text = (
            f"audit {local(data.audit_time)}: [b]{schools:,}[/b] schools, [b]{rooms:,}[/b]"
            " rooms failing or not monitored"
            if data.audit_time
            else "[yellow]no audit yet: run `netops audit run`[/yellow]"
        )
        # A fixed size (see netops.tcss): no layout of the screen.
        self.query_one("#compliance-summary", Label).update(text, layout=False)

    def _cells(self, row: ComplianceRow) -> Row:
        county = self.noc.directory.county_name(row.county) if self.noc.directory else row.county
        change = Text(row.change, style="bold red" if row.change == "new" else "dim")
        return (
            row.key,
            [
                row.name,
                row.room_name or "—",
                bucket(row.bucket),
                "; ".join(row.reasons),
                change,
                row.school_type.replace("_", " "),
                county,
            ],
        )

    def _change(self, change: ChangeRow) -> Row:
        county = self.noc.directory.county_name(change.county) if self.noc.directory else ""
        key = f"{change.school}/{change.room}" if change.room else change.school
        after = bucket(change.after) if change.after else Text(_label(None), style="dim")
        return (
            key,
            [change.name, county, change.room or "—", _label(change.before), after, change.reason],
        )

    def action_drill(self) -> None:
        """Enter: the school of the row under the cursor."""
        table = self.focused if isinstance(self.focused, KeptTable) else None
        if table is not None and table.current_key:
            self.noc.open_school(table.current_key.split("/", 1)[0])

    @on(KeptTable.RowSelected)
    def _selected(self, event: KeptTable.RowSelected) -> None:
        event.stop()
        self.noc.open_school(event.key.split("/", 1)[0])
