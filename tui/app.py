"""The NOC app: wires the screens, the refresh worker and the freshness line; nothing else."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from netops.clock import Clock, SystemClock
from tui.data import NocSource
from tui.format import age, local
from tui.models import Directory, Freshness, NocSnapshot
from tui.palette import NocCommands
from tui.screens.overview import OverviewScreen

if TYPE_CHECKING:
    from tui.screens.compliance import ComplianceScreen
    from tui.screens.outages import OutagesScreen

#: Data older than this many poll intervals is stale (the service is down).
STALE_AFTER_INTERVALS = 3.0


#: Middle-generation collections between two full ones (Python's default: 10).
FULL_COLLECTION_EVERY = 100


def freshness_line(freshness: Freshness, now: datetime, stale_after: float) -> tuple[str, bool]:
    """The text of the freshness line, and whether the data is stale."""
    interval = freshness.poll_interval_s
    audit = f"audit {local(freshness.last_audit)}"
    if freshness.last_poll is None:
        why = freshness.error or "no poll cycle recorded yet; is `netops serve` running?"
        return f"STALE: {why} · {audit}", True
    late = now - freshness.last_poll
    stale = late > timedelta(seconds=interval * stale_after)
    when = f"newest poll {local(freshness.last_poll)} ({age(late)} ago)"
    if freshness.error:
        return f"STALE: {freshness.error} · {when} · {audit}", True
    if stale:
        return (
            f"STALE: {when}, more than {stale_after:g} poll intervals ({interval:g} s):"
            f" the service may be down; the figures are that old · {audit}",
            True,
        )
    return f"{when} · polled every {interval:g} s · {audit}", False


def _outages_screen() -> OutagesScreen:
    from tui.screens.outages import OutagesScreen  # noqa: PLC0415 (after the first frame)

    return OutagesScreen()


def _compliance_screen() -> ComplianceScreen:
    from tui.screens.compliance import ComplianceScreen  # noqa: PLC0415 (after the first frame)

    return ComplianceScreen()


class NocApp(App[None]):
    """``netops tui``: Overview, Outages and Compliance modes; School over any of them.

    Only the Overview is imported before the first frame; the other screens (and what
    they pull in: charts, Markdown, the inventory's enums) are imported on first use,
    and each mode's screen is built once and kept.
    """

    CSS_PATH = str(Path(__file__).with_name("netops.tcss"))
    TITLE = "netops NOC"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        "overview": OverviewScreen,
        "outages": _outages_screen,
        "compliance": _compliance_screen,
    }
    DEFAULT_MODE = "overview"
    COMMANDS = App.COMMANDS | {NocCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o,1", "switch_mode('overview')", "Overview"),
        Binding("u,2", "switch_mode('outages')", "Outages"),
        Binding("c,3", "switch_mode('compliance')", "Compliance"),
        Binding("r", "refresh_now", "Refresh"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    snapshot: reactive[NocSnapshot | None] = reactive(None, always_update=True)
    """The newest data (screens follow it)."""
    directory: reactive[Directory | None] = reactive(None)
    """Names of counties, schools and devices (loaded once)."""
    freshness: reactive[str] = reactive("Loading…")
    """The freshness line every screen shows."""
    stale: reactive[bool] = reactive(False)
    """The newest poll is too old (or the data could not be read)."""

    def __init__(
        self,
        source: NocSource,
        *,
        clock: Clock | None = None,
        refresh_s: float = 5.0,
        stale_after: float = STALE_AFTER_INTERVALS,
        freeze_gc: bool = True,
    ) -> None:
        super().__init__()
        self.freeze_gc = freeze_gc
        """Freeze the loaded inventory out of the garbage collector (tests: False)."""
        self.source = source
        self.clock: Clock = clock or SystemClock()
        self.refresh_s = refresh_s
        self.stale_after = stale_after
        self.refreshes = 0
        """Snapshots applied so far (tests and the bench wait on it)."""
        self._last: Freshness | None = None

    def on_mount(self) -> None:
        """Paint the first frame, then start loading (a loading thread slows the paint)."""
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        """Load names and data in threads; refresh on a timer."""
        self.load_directory()
        self.refresh_data()
        if self.refresh_s > 0:
            self.set_interval(self.refresh_s, self.refresh_data, name="refresh")

    # -- loading (worker threads) --------------------------------------------------

    @work(thread=True, exclusive=True, group="directory")
    def load_directory(self) -> None:
        """The inventory's names, once."""
        directory = self.source.directory()
        self.call_from_thread(self._directory_loaded, directory)

    def _directory_loaded(self, directory: Directory) -> None:
        """Keep the names; take the inventory out of the garbage collector's sweeps.

        The prefecture's inventory is some millions of long-lived objects: each full
        collection walked them all, a pause of 0.3-1 s at a random key press. Frozen
        objects are never collected (they live as long as the app anyway); freezing
        is a constant-time move, unlike a collection first.
        """
        if self.freeze_gc:
            gc.freeze()
            # Full collections still walk what came after (drawn lines, snapshots): 50-
            # 120 ms each, every few seconds while keys are pressed; ten times rarer,
            # they no longer land on most key presses (docs/tui.md, "Speed").
            threshold, middle, _ = gc.get_threshold()
            gc.set_threshold(threshold, middle, FULL_COLLECTION_EVERY)
        self.directory = directory

    @work(thread=True, exclusive=True, group="refresh")
    def refresh_data(self) -> None:
        """One snapshot from the source; a failure marks the data stale, keeps the old."""
        try:
            snapshot = self.source.snapshot()
        except Exception as exc:  # any source failure: show it, keep going
            self.log.error(f"refresh failed: {exc!r}")
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self._failed, f"cannot read the data: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.apply, snapshot)

    # -- applying (UI thread) ------------------------------------------------------

    def apply(self, snapshot: NocSnapshot) -> None:
        """Show a new snapshot: freshness first, then the screens (via ``snapshot``)."""
        self._last = snapshot.freshness
        self._freshness(snapshot.freshness)
        self.snapshot = snapshot
        self.refreshes += 1

    def _failed(self, reason: str) -> None:
        last = self._last or Freshness(None, 60.0)
        self._freshness(Freshness(last.last_poll, last.poll_interval_s, last.last_audit, reason))

    def _freshness(self, freshness: Freshness) -> None:
        text, stale = freshness_line(freshness, self.clock.now(), self.stale_after)
        self.freshness = text
        self.stale = stale

    # -- navigation ----------------------------------------------------------------

    def action_refresh_now(self) -> None:
        """``r``: refresh at once."""
        self.refresh_data()

    def action_help(self) -> None:
        """``?``: keys and colours."""
        from tui.screens.help import HelpScreen  # noqa: PLC0415 (Markdown: on first use)

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_school(self, school_id: str) -> None:
        """Push the school's screen over the current one."""
        from tui.screens.school import SchoolScreen  # noqa: PLC0415 (charts: on first use)

        if isinstance(self.screen, SchoolScreen):
            self.pop_screen()
        self.push_screen(SchoolScreen(school_id))

    async def show_compliance(self, county: str | None = None) -> None:
        """The Compliance screen, filtered by ``county`` (None: every county)."""
        from tui.screens.compliance import ComplianceScreen  # noqa: PLC0415

        await self.switch_mode("compliance")
        screen = self.screen
        if isinstance(screen, ComplianceScreen):
            screen.county = county

    def drill_county(self, county: str | None) -> None:
        """Run :meth:`show_compliance` (from a sync callback: palette, Enter)."""
        self.run_worker(self.show_compliance(county), exclusive=True, group="navigate")
