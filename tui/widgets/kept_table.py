"""A table of fixed-width columns that takes a fresh list of rows on every refresh and
keeps the cursor on its row.

Textual's ``DataTable`` is a general grid (cell cursors, row labels, rows of any
height, columns sized to their content); a NOC table is simpler and changes whole:
one-line rows with a key, fixed columns, a row cursor. Built for that, a new list of
rows costs a list (no per-row objects), a line is drawn straight from its cells, and
each row's drawn line is kept until its cells change. A filter of the Compliance
screen, a refresh of any screen, are then a repaint of the lines in sight, not a
rebuild of the table (``bench/tui_speed.py``; docs/tui.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.scroll_bar import DirectBar

#: A row: its stable key (school id, outage id, ...) and its cells (str or Rich Text).
Row = tuple[str, Sequence[Any]]
#: A column: its label and the width of its content in cells.
Column = tuple[str, int]

#: Blank cells either side of a cell's content.
PADDING = 1
#: Drawn rows kept per table (a few screens' worth, and both sides of a filter).
ROWS_KEPT = 1024
#: Cells a left/right key scrolls sideways.
SIDE_STEP = 8


@dataclass(frozen=True)
class Place:
    """Where a table's cursor and scroll were: to put them back later (a filter
    cleared shows the full list as it was left)."""

    key: str | None = None
    row: int = 0
    scroll_x: float = 0
    scroll_y: float = 0


#: The top of the list.
TOP = Place()


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)


class KeptTable(ScrollView, can_focus=True):
    """Rows are replaced on every refresh; the cursor stays on the same key.

    Same keys in the same order (the usual refresh): the rows whose cells changed are
    drawn again, nothing moves. Otherwise the cursor goes back to the row it was on
    (or the nearest index when that row is gone) and the scroll offset is kept, or
    both are put where ``place`` says.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "kept-table--header",
        "kept-table--even-row",
        "kept-table--odd-row",
        "kept-table--cursor",
    }
    # The look of Textual's DataTable (zebra stripes, row cursor), for the same theme.
    DEFAULT_CSS = """
    KeptTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .kept-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .kept-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .kept-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .kept-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .kept-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .kept-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .kept-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Select", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "cursor_to(0)", "First", show=False),
        Binding("end,ctrl+end", "cursor_to(-1)", "Last", show=False),
        Binding("left", "sideways(-1)", "Left", show=False),
        Binding("right", "sideways(1)", "Right", show=False),
    ]

    class RowSelected(Message):
        """Enter on a row, or a click on the row under the cursor."""

        def __init__(self, table: KeptTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> KeptTable:
            """The table (for ``@on(..., selector)``)."""
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._labels: list[str] = []
        self._widths: list[int] = []
        """Each column's width on screen, padding included."""
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cells: dict[str, tuple[Any, ...]] = {}
        self._known: dict[str, tuple[tuple[Any, ...], int]] = {}
        """Each key's last cells and their version (kept across new lists)."""
        self._versions: list[int] = []
        """The version of each row's cells, in display order."""
        self._version = count()
        self._cursor = 0
        self._drawn: LRUCache[tuple[Any, ...], Strip] = LRUCache(ROWS_KEPT)
        """Whole rows as drawn: by key, version, stripe, cursor and look."""
        self._look: tuple[Style, ...] | None = None
        """The styles of the header, even and odd rows, cursor (None: read again)."""

    def on_mount(self) -> None:
        """Bars drawn straight into lines (see ``DirectBar``); Textual lets a scroll bar
        instance choose its renderer."""
        for bar in (self.vertical_scrollbar, self.horizontal_scrollbar):
            bar.renderer = DirectBar  # type: ignore[misc]

    # -- data ----------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Fixed-width columns: the layout never jumps with the data."""
        self._labels = [label for label, _ in columns]
        self._widths = [width + 2 * PADDING for _, width in columns]
        self._drawn.clear()
        self._resize()

    @property
    def current_key(self) -> str | None:
        """Key of the row under the cursor."""
        return self._keys[self._cursor] if self._keys else None

    @property
    def cursor_row(self) -> int:
        """Index of the row under the cursor."""
        return self._cursor

    @property
    def keys(self) -> list[str]:
        """Row keys, in display order."""
        return list(self._keys)

    @property
    def row_count(self) -> int:
        """How many rows the table shows."""
        return len(self._keys)

    def row(self, key: str) -> tuple[Any, ...]:
        """The cells of the row ``key``."""
        return self._cells[key]

    @property
    def place(self) -> Place:
        """Where the cursor and the scroll are now."""
        return Place(self.current_key, self._cursor, self.scroll_x, self.scroll_y)

    def show_rows(self, rows: Sequence[Row], place: Place | None = None) -> None:
        """Show ``rows`` (see the class docstring); ``place``: where to put the cursor
        and the scroll (by default, where they are)."""
        keys = [key for key, _ in rows]
        if keys == self._keys and place is None:
            self._update_cells(rows)
            return
        where = place or self.place
        self._keys = keys
        self._index = {key: index for index, key in enumerate(keys)}
        self._cells = {key: tuple(cells) for key, cells in rows}
        self._versions = [self._version_of(key, self._cells[key]) for key in keys]
        if len(self._known) > 4 * len(keys) + 256:  # forget rows long gone
            self._known = {key: self._known[key] for key in keys}
        found = self._index.get(where.key) if where.key is not None else None
        self._cursor = found if found is not None else max(0, min(where.row, len(keys) - 1))
        self._resize()
        self.scroll_to(where.scroll_x, where.scroll_y, animate=False, immediate=True)
        self.refresh()

    def _update_cells(self, rows: Sequence[Row]) -> None:
        for index, (key, given) in enumerate(rows):
            cells = tuple(given)
            if cells != self._cells[key]:
                self._cells[key] = cells
                self._versions[index] = self._version_of(key, cells)
                self.refresh_line(index + 1)

    def _version_of(self, key: str, cells: tuple[Any, ...]) -> int:
        """The same number as last time if ``key`` still has these cells."""
        known = self._known.get(key)
        if known is not None and known[0] == cells:
            return known[1]
        version = next(self._version)
        self._known[key] = (cells, version)
        return version

    def _resize(self) -> None:
        self.virtual_size = Size(sum(self._widths), len(self._keys) + 1)

    # -- cursor and keys -------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into sight."""
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row != self._cursor:
            self.refresh_line(self._cursor + 1)
            self._cursor = row
            self.refresh_line(row + 1)
        body = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + body:
            self.scroll_to(y=row - body + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        """Up or down a row."""
        self.move_cursor(self._cursor + step)

    def action_page(self, pages: int) -> None:
        """Up or down a screenful."""
        self.move_cursor(self._cursor + pages * max(1, self.scrollable_content_region.height - 1))

    def action_cursor_to(self, row: int) -> None:
        """To the first row, or the last (-1)."""
        self.move_cursor(row if row >= 0 else len(self._keys) - 1)

    def action_sideways(self, step: int) -> None:
        """Scroll left or right."""
        self.scroll_to(x=self.scroll_x + step * SIDE_STEP, animate=False, immediate=True)

    def action_select(self) -> None:
        """Enter: the row under the cursor."""
        if self.current_key is not None:
            self.post_message(self.RowSelected(self, self.current_key))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the row; on the cursor's row, selects it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = offset.y - 1 + round(self.scroll_y)
        if row >= len(self._keys):
            return
        if row == self._cursor:
            self.action_select()
        else:
            self.move_cursor(row)

    # -- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (the theme, or the focus): read the look again."""
        super().notify_style_update()
        self._look = None

    def _styles(self) -> tuple[Style, ...]:
        if self._look is None:
            self._look = tuple(
                self.get_component_rich_style(f"kept-table--{part}")
                for part in ("header", "even-row", "odd-row", "cursor")
            )
        return self._look

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the table in sight: the header, then the rows scrolled to."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        look = self._styles()
        if y == 0:
            return self._header(look).crop_extend(scroll_x, scroll_x + width, look[0])
        row = y - 1 + scroll_y
        if row >= len(self._keys):
            return Strip.blank(width, self.rich_style)
        key = self._keys[row]
        cursor = row == self._cursor
        stripe = look[2 if row % 2 else 1]
        cache_key = (key, self._versions[row], stripe, cursor and look[3])
        line = self._drawn.get(cache_key)
        if line is None:
            line = self._draw_row(self._cells[key], stripe, look[3] if cursor else None)
            self._drawn[cache_key] = line
        return line.crop_extend(scroll_x, scroll_x + width, stripe + look[3] if cursor else stripe)

    def _header(self, look: tuple[Style, ...]) -> Strip:
        cache_key = (None, -1, look[0], None)  # no row has the key None
        line = self._drawn.get(cache_key)
        if line is None:
            line = self._draw_row(self._labels, look[0], None)
            self._drawn[cache_key] = line
        return line

    def _draw_row(self, cells: Sequence[Any], base: Style, over: Style | None) -> Strip:
        """All of a row's cells, each in its column's width: ``base`` under the cells'
        own styles, ``over`` (the cursor) above them."""
        console = self.app.console
        pad = " " * PADDING
        segments: list[Segment] = []
        for content, width in zip(cells, self._widths, strict=False):
            inner = width - 2 * PADDING
            if isinstance(content, Text):
                parts = self._text(content, inner, console)
                segments.append(Segment(pad, base + over if over else base))
                for text, style, _ in parts:
                    combined = base + style if style else base
                    segments.append(Segment(text, combined + over if over else combined))
                segments.append(Segment(pad, base + over if over else base))
            else:
                text = "" if content is None else str(content)
                style = base + over if over else base
                segments.append(Segment(pad + fit(text, inner) + pad, style))
        return Strip(segments).simplify()

    @staticmethod
    def _text(content: Text, width: int, console: Any) -> list[Segment]:
        """A styled cell's segments in exactly ``width`` cells (one line: breaks and
        tabs as spaces; too long: cut with an ellipsis; right or centre as justified)."""
        text = content.copy()
        if "\n" in text.plain or "\t" in text.plain:
            text = Text(text.plain.replace("\n", " ").replace("\t", " "), style=text.style)
            text.spans = list(content.spans)
        text.end = ""
        if text.style:  # Text.render leaves a text's own style out unless it is a span
            text.stylize_before(text.style)
            text.style = ""
        if text.cell_len > width:
            text.truncate(width, overflow="ellipsis", pad=True)
        else:
            text.align(content.justify if content.justify in ("right", "center") else "left", width)
        return list(text.render(console, end=""))
