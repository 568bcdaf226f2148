"""Scroll bars drawn straight into lines, and kept while nothing they show changes."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

#: Drawn bars kept (a bar per table, a few positions each).
BARS_KEPT = 256

_drawn: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(BARS_KEPT)


class DirectBar(ScrollBarRender, Visual):
    """The bar Textual's ``ScrollBarRender`` draws (same glyphs, colours and mouse
    meta), as lines instead of a Rich renderable.

    Rich's way round (a renderable, rendered, split into lines, each styled) cost
    2-3 ms a bar, and a table's bars are drawn again whenever the screen is laid out:
    the largest part of a Compliance filter after the table itself. A scroll bar uses
    it through ``ScrollBar.renderer`` (see ``KeptTable.on_mount``).
    """

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The bar's lines, ``style`` under them (as ``Widget.post_render`` puts it)."""
        lines = height or 1
        size, thickness = (lines, width) if self.vertical else (width, lines)
        base = style.rich_style
        bar = self.style if isinstance(self.style, RichStyle) else RichStyle.parse(self.style)
        key = (
            size,
            thickness,
            self.virtual_size,
            self.window_size,
            self.position,
            self.vertical,
            bar,
            base,
        )
        strips = _drawn.get(key)
        if strips is None:
            strips = self._draw(size, thickness, bar, base)
            _drawn[key] = strips
        return strips

    def _draw(self, size: int, thickness: int, bar: RichStyle, base: RichStyle) -> list[Strip]:
        segments = self.render_bar(
            size=size,
            window_size=self.window_size,
            virtual_size=self.virtual_size,
            position=self.position,
            vertical=self.vertical,
            thickness=thickness,
            back_color=bar.bgcolor or Color.parse("#555555"),
            bar_color=bar.color or Color.parse("bright_magenta"),
        ).segments
        styled = [
            Segment(text, base + seg_style if seg_style else base)
            for text, seg_style, control in segments
            if not control and text != "\n"
        ]
        if self.vertical:  # one segment a line
            return [Strip([segment], thickness) for segment in styled[:size]]
        line = Strip(styled[:size], size)
        return [line] * thickness

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the bar is thick (a scroll bar is placed by its widget)."""
        return self.thickness if self.vertical else container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """One line per cell of thickness (vertical bars take their widget's height)."""
        return self.thickness
