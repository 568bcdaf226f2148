"""What every NOC screen shares: header, freshness line, footer, following the app's data."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from tui.models import NocSnapshot
from tui.widgets.status import FreshnessBar, KeysFooter

if TYPE_CHECKING:
    from tui.app import NocApp


class NocScreen(Screen[None]):
    """A screen drawn from the app's latest ``NocSnapshot``.

    A screen that is not on display only remembers the newest snapshot and draws it
    when it comes back (``ScreenResume``): a refresh costs the UI thread one screen.
    Coming back restyles nothing and rebuilds no footer (see ``on_screen_resume``).
    """

    TITLE_TEXT = "netops"

    def __init__(self) -> None:
        super().__init__()
        self._pending: NocSnapshot | None = None
        self._drawn: NocSnapshot | None = None

    @property
    def noc(self) -> NocApp:
        """The app, typed."""
        return cast("NocApp", self.app)

    def compose(self) -> ComposeResult:
        """Header, freshness, the screen's body, footer."""
        yield Header(icon="≡")
        yield FreshnessBar(id="freshness")
        yield from self.body()
        yield KeysFooter()

    def body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        """Follow the app's snapshot."""
        self.sub_title = self.TITLE_TEXT
        self.watch(self.app, "snapshot", self._arrived)

    def _arrived(self, snapshot: NocSnapshot | None) -> None:
        self._pending = snapshot
        if self.is_current:
            self._draw_pending()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Draw what arrived while another screen was on display.

        Runs before ``Screen``'s own handler (subclass first), which would otherwise
        restyle every widget of the screen, and so clear the tables' render caches and
        repaint them from scratch: the switch cost 60-90 ms of UI thread for nothing.
        No style of a NOC screen depends on which screen is current, and a stylesheet
        or theme change is applied by ``App.switch_mode`` itself (as ``pop_screen``
        does for an opaque screen, Textual passes ``refresh_styles=False`` there too).
        """
        event.refresh_styles = False
        self._draw_pending()

    def _draw_pending(self) -> None:
        snapshot = self._pending
        if snapshot is None or snapshot is self._drawn:
            return
        self._drawn = snapshot
        self.draw(snapshot)

    def draw(self, snapshot: NocSnapshot) -> None:
        """Show ``snapshot`` (called on the UI thread; keep it cheap)."""
