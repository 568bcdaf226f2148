"""``?``: the keys and what the colours mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# netops NOC: keys

| Key | Where | What |
|---|---|---|
| `o` `1` | anywhere | Overview: prefecture totals, counties, uplinks to watch |
| `u` `2` | anywhere | Outages: open ones, widest blast radius first |
| `c` `3` | anywhere | Compliance: failing schools and rooms, why, what changed |
| `ctrl+p` | anywhere | Find a school (name or id), a county or a device |
| `r` | anywhere | Refresh now (it also refreshes every few seconds) |
| `enter` | a table | Drill in: county → its failures, row → school |
| `escape` | school | Back |
| `h` | outages | Open outages ↔ the last 24 hours |
| `f` / `x` | compliance | Filter by county and type / clear the filters |
| `?` | anywhere | This help |
| `q` | anywhere | Quit |

**Colours**: green compliant or up, red non-compliant or down, yellow not monitored
(no fresh data: never counted as compliant). A **NEW** outage started less than
15 minutes ago. A red **STALE** line at the top means the newest poll is older than
a few poll intervals: the service or InfluxDB is down and the figures are old.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and colours; any of escape, ``?`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The help text in a scrollable box."""
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
