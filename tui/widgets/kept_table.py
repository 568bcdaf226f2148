"""A DataTable that takes a fresh list of rows and keeps the cursor and scroll position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import DataTable

#: A row: its stable key (school id, outage id, ...) and its cells.
Row = tuple[str, Sequence[Any]]
#: A column: its label and its width in cells.
Column = tuple[str, int]


class FixedCell:
    """A cell of a fixed-width column: drawn as given, never measured.

    ``DataTable`` measures every cell of every new row on idle, to widen auto-width
    columns; ours have fixed widths, so that work (tens of ms for a few hundred rows of
    reasons, each a markup parse and a word split) bought nothing. A plain string is
    shown as it is (no markup: a reason may hold brackets).
    """

    __slots__ = ("content",)

    def __init__(self, content: object) -> None:
        self.content: RenderableType = (
            content
            if isinstance(content, Text)
            else Text("" if content is None else str(content), end="")
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The content itself."""
        yield self.content

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """A constant: the column's width is fixed, so the content's does not matter."""
        return Measurement(1, 1)

    def __str__(self) -> str:
        return str(self.content)


class KeptTable(DataTable[Any]):
    """Rows are replaced on every refresh; the cursor stays on the same key.

    Same keys in the same order (the usual refresh): only the cells that changed
    are updated, nothing moves. Otherwise the table is rebuilt, the cursor goes back
    to the row it was on (or the nearest index when that row is gone) and the
    scroll offset is put back.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._keys: list[str] = []
        self._cells: dict[str, tuple[Any, ...]] = {}

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Fixed-width columns: the layout never jumps with the data (and no cell needs
        measuring: see ``FixedCell``)."""
        for label, width in columns:
            self.add_column(label, width=width)

    @property
    def current_key(self) -> str | None:
        """Key of the row under the cursor."""
        if not self._keys or not 0 <= self.cursor_row < len(self._keys):
            return None
        return self._keys[self.cursor_row]

    @property
    def keys(self) -> list[str]:
        """Row keys, in display order."""
        return list(self._keys)

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` (see the class docstring)."""
        keys = [key for key, _ in rows]
        if keys == self._keys:
            self._update_cells(rows)
            return
        current, index = self.current_key, self.cursor_row
        scroll_x, scroll_y = self.scroll_x, self.scroll_y
        self.clear()
        self._cells = {}
        for key, cells in rows:
            self.add_row(*map(FixedCell, cells), key=key)
            self._cells[key] = tuple(cells)
        self._keys = keys
        if not keys:
            return
        target = keys.index(current) if current in self._cells else min(index, len(keys) - 1)
        self.move_cursor(row=target, animate=False, scroll=False)
        self.call_after_refresh(self._restore_scroll, scroll_x, scroll_y)

    def _restore_scroll(self, x: float, y: float) -> None:
        self.scroll_to(x, y, animate=False, immediate=True)

    def _update_cells(self, rows: Sequence[Row]) -> None:
        columns = list(self.columns)
        for key, given in rows:
            cells = tuple(given)
            old = self._cells.get(key, ())
            if old == cells:
                continue
            for column, (before, after) in enumerate(zip(old, cells, strict=False)):
                if before != after:
                    self.update_cell(key, columns[column], FixedCell(after))
            self._cells[key] = cells
