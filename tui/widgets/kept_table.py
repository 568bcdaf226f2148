"""A DataTable that takes a fresh list of rows and keeps the cursor and scroll position."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable

#: A row: its stable key (school id, outage id, ...) and its cells.
Row = tuple[str, Sequence[Any]]
#: A column: its label and its width in cells.
Column = tuple[str, int]

#: Rendered lines a table keeps (a few screens' worth, per table).
LINES_KEPT = 512


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

    Rendered lines are kept across rebuilds (see ``render_line``): a row shown again
    at the same place, with the same cells and the same look, is not rendered again.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._keys: list[str] = []
        self._cells: dict[str, tuple[Any, ...]] = {}
        self._known: dict[str, tuple[tuple[Any, ...], int]] = {}
        """Each key's last cells and their version (kept across rebuilds)."""
        self._versions: list[int] = []
        """The version of each row's cells, in display order."""
        self._version = count()
        self._lines: LRUCache[tuple[Any, ...], Strip] = LRUCache(LINES_KEPT)
        self._components: tuple[Any, ...] | None = None
        """The styles of the table's parts (None: to be read again)."""
        self._look: tuple[Any, ...] = ()
        self._style: Style | None = None
        """What every line of this rendering looks like: styles and pseudo-classes."""
        self._window = (0, 0)
        """The columns in sight (from, to) when rows were last drawn."""
        self._column_x: list[int] = []
        """Where each column starts."""

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Fixed-width columns: the layout never jumps with the data (and no cell needs
        measuring: see ``FixedCell``)."""
        for label, width in columns:
            self.add_column(label, width=width)
        self._lines.clear()
        self._window = (0, 0)

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
        for key, given in rows:
            cells = tuple(given)
            self.add_row(*map(FixedCell, cells), key=key)
            self._cells[key] = cells
        self._keys = keys
        self._versions = [self._version_of(key, self._cells[key]) for key in keys]
        # The size DataTable would compute when idle, after the screen's layout: set
        # now, it joins that layout instead of asking for another (one-line rows,
        # fixed-width columns, no row labels).
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width, len(keys) + header)
        # Nor is there anything left for DataTable to measure on idle: the columns'
        # widths are fixed, rows one line high and without labels (that pass walked
        # every cell of every new row, 10-15 ms for a county's rows).
        self._new_rows.clear()
        self._require_update_dimensions = False
        if len(self._known) > 4 * len(keys) + 64:  # forget rows long gone
            self._known = {key: self._known[key] for key in keys}
        if not keys:
            return
        target = keys.index(current) if current in self._cells else min(index, len(keys) - 1)
        self.move_cursor(row=target, animate=False, scroll=False)
        self.call_after_refresh(self._restore_scroll, scroll_x, scroll_y)

    def _version_of(self, key: str, cells: tuple[Any, ...]) -> int:
        """The same number as last time if ``key`` still has these cells."""
        known = self._known.get(key)
        if known is not None and known[0] == cells:
            return known[1]
        version = next(self._version)
        self._known[key] = (cells, version)
        return version

    def _restore_scroll(self, x: float, y: float) -> None:
        self.scroll_to(x, y, animate=False, immediate=True)

    def _update_cells(self, rows: Sequence[Row]) -> None:
        columns = list(self.columns)
        for index, (key, given) in enumerate(rows):
            cells = tuple(given)
            old = self._cells.get(key, ())
            if old == cells:
                continue
            for column, (before, after) in enumerate(zip(old, cells, strict=False)):
                if before != after:
                    self.update_cell(key, columns[column], FixedCell(after))
            self._cells[key] = cells
            self._versions[index] = self._version_of(key, cells)

    # -- rendering ---------------------------------------------------------------

    def _render_line_in_row(self, *args: Any, **kwargs: Any) -> Any:
        """A row's cells; those out of the table's window are left blank (see
        ``_render_cell``), so the rows kept are dropped when the window moves."""
        window = (round(self.scroll_x), round(self.scroll_x) + self.size.width)
        if window != self._window:
            self._row_render_cache.clear()
            self._window = window
            offsets, x = [], 0
            for column in self.ordered_columns:
                offsets.append(x)
                x += column.get_render_width(self)
            self._column_x = offsets
        return super()._render_line_in_row(*args, **kwargs)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A body cell drawn straight from its text: the segments ``DataTable`` gets from
        Rich (``Styled(Padding(text))`` through ``Console.render_lines``), without Rich's
        renderable machinery (0.2 ms a cell, most of a new screenful's cost).

        Only one-line ``FixedCell`` texts without tabs, line breaks, alignment or
        overflow of their own, in rows one line high with no fixed rows or columns;
        anything else is left to ``DataTable`` (the header, right-aligned numbers).
        Equal to its output segment for segment (``test_cells_drawn_as_datatable_draws_them``,
        ``test_every_table_drawn_as_datatable_draws_it``).
        """
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        start = self._column_x[column_index] if column_index < len(self._column_x) else 0
        left, right = self._window
        if start >= right or start + width <= left:
            # Out of sight: cropped away by the line, so only its width counts. Not
            # kept (the window is not in the cell's key; see ``_render_line_in_row``).
            return [[Segment(" " * width)]]
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cell_cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        lines = cache.get(cell_cache_key)
        if lines is not None:
            return lines
        row = self.rows[row_key]
        cell = self._data[row_key].get(column_key) if row.height == 1 else None
        content = cell.content if isinstance(cell, FixedCell) else None
        padding = self.cell_padding
        inner = width - 2 * padding
        if (
            not isinstance(content, Text)
            or content.justify not in (None, "default")  # aligned: padded by Rich
            or content.overflow not in (None, "fold")
            or inner < 1
            or "\n" in content.plain
            or "\t" in content.plain
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
        ) + component_style
        null = Style.null()
        console = self.app.console
        if not content.plain and (content.style or content.spans):
            text = []  # as Rich: nothing, then a blank line
        elif content.spans:
            text = list(content.render(console, end=""))
        elif content.style:  # Rich makes the text's own style a span when it renders
            text = [Segment(content.plain, console.get_style(content.style, default=null))]
        else:
            text = [Segment(content.plain)]
        body = (
            Segment.adjust_line_length(text, inner)
            if text
            else [Segment(" " * inner, null)]  # Rich's blank line for an empty cell
        )
        if padding:
            body = [Segment(" " * padding, null), *body, Segment(" " * padding, null)]
        lines = [list(Segment.apply_style(body, pre_style, post_style))]
        cache[cell_cache_key] = lines
        return lines

    def notify_style_update(self) -> None:
        """Styles changed (or only the focus): read the look again before drawing."""
        super().notify_style_update()
        self._components = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Note the look of the lines first (see ``render_line``)."""
        if self._components is None:
            names = sorted(self.COMPONENT_CLASSES)
            self._components = tuple(self.get_component_rich_style(name) for name in names)
        style = self.rich_style
        self._look = (style, self._components, self.get_pseudo_class_state())
        self._style = style
        try:
            return super().render_lines(crop)
        finally:
            self._style = None

    @property
    def rich_style(self) -> Style:
        """The table's style; while drawing, read once (``DataTable`` reads it per line,
        each time a walk up the whole DOM)."""
        return self._style if self._style is not None else super().rich_style

    def render_line(self, y: int) -> Strip:
        """A row's line: kept from an earlier rendering if nothing it shows has changed.

        ``DataTable`` keeps rendered lines too, but drops them all whenever the table
        is rebuilt, resized, shown again or focused: a filter set then cleared, or a
        table hidden and shown again, rendered every visible cell anew (0.2 ms each,
        30-40 ms for a screenful). Here a line is known by the row's place, the
        version of its cells, the cursor and hover on it, the width and horizontal
        scroll, and the table's styles and pseudo-classes (the header line likewise,
        with the whole cursor and hover). Rows and the header are one line high and no
        rows are fixed (``show_rows``); anything else is left to ``DataTable``.
        """
        header = self.header_height if self.show_header else 0
        scroll_x, scroll_y = self.scroll_offset
        row = -1 if y < header else y - header + scroll_y
        if self.fixed_rows or row >= len(self._versions) or (row < 0 and y != 0):
            return super().render_line(y)
        if self.cursor_type == "row" and row >= 0:
            cursor: object = self.cursor_row == row
            hover: object = self.hover_row == row and self._show_hover_cursor
        else:  # the header (or another kind of cursor): every column may light up
            cursor = self.cursor_coordinate
            hover = (self.hover_coordinate, self._show_hover_cursor)
        key = (
            row,
            self._versions[row] if row >= 0 else -1,
            self.size.width,
            scroll_x,
            self.cursor_type,
            self.show_cursor,
            self.fixed_columns,
            cursor,
            hover,
            self._look,
        )
        line = self._lines.get(key)
        if line is None:
            line = super().render_line(y)
            self._lines[key] = line
        return line
