"""The freshness line (a red banner when the data is stale), the totals tiles, the footer."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.models import Counts

#: Tiles of the totals bar: attribute of Counts, label, CSS class.
TILES = (
    ("schools_up", "schools up", "-up"),
    ("compliant", "compliant", "-compliant"),
    ("non_compliant", "non-compliant", "-non-compliant"),
    ("not_monitored", "not monitored", "-not-monitored"),
    ("open_outages", "open outages", "-outages"),
    ("students_affected", "students affected", "-students"),
)


class FreshnessBar(Static):
    """How old the data is; turns into a red "STALE" banner when the service is down.

    It follows the app's ``freshness`` and ``stale`` reactives, so every screen shows
    the same line without the screens knowing about it.
    """

    def on_mount(self) -> None:
        """Follow the app."""
        self.watch(self.app, "freshness", self._show)
        self.watch(self.app, "stale", self._show)

    def _show(self, _: object = None) -> None:
        self.update(str(getattr(self.app, "freshness", "")))
        self.set_class(bool(getattr(self.app, "stale", False)), "-stale")


class Tile(Static):
    """One figure with its label underneath."""


class TotalsBar(Horizontal):
    """Prefecture (or county) totals as coloured tiles."""

    def compose(self) -> ComposeResult:
        """A tile per figure."""
        for attribute, _label, css in TILES:
            yield Tile("…", id=f"tile-{attribute}", classes=css)

    def show(self, counts: Counts) -> None:
        """Show ``counts``; a zero figure is dimmed by CSS (``-zero``)."""
        for attribute, label, _css in TILES:
            value = getattr(counts, attribute)
            tile = self.query_one(f"#tile-{attribute}", Tile)
            total = f" / {counts.schools:,}" if attribute == "schools_up" else ""
            tile.update(f"[b]{value:,}[/b]{total}\n{label}")
            tile.set_class(value == 0, "-zero")


def shown_bindings(screen: Screen[Any]) -> tuple[tuple[object, ...], ...]:
    """What a footer shows of the screen's active bindings (key, action, label, state)."""
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    ``Footer`` recomposes (a widget per key, then a layout of the whole screen) each
    time the screen signals its bindings, which it does on every screen switch and
    focus move even when the same keys stay: 60-90 ms of UI thread per switch.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose when the shown keys differ from the ones last composed."""
        shown = shown_bindings(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the condition under which Footer recomposes
