"""Command palette: find a school (name or id), a county or a device, and go there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.models import Directory

if TYPE_CHECKING:
    from tui.app import NocApp

#: Most hits shown for one query (the palette lists them all; more is noise).
MAX_HITS = 40


@dataclass(frozen=True, slots=True)
class Entry:
    """Something the palette can find."""

    text: str
    help: str
    kind: str
    """"school", "county" or "device"."""
    target: str
    """School id or county id to open."""


def entries(directory: Directory) -> list[Entry]:
    """Every county, school and device, counties first."""
    found = [
        Entry(f"County: {name}", f"failing schools of {name}", "county", cid)
        for cid, name in directory.counties.items()
    ]
    for info in directory.schools.values():
        county = directory.county_name(info.county)
        found.append(Entry(f"School: {info.name} ({info.id})", county, "school", info.id))
    for hostname, owner in directory.devices.items():
        if owner in directory.schools:
            where, kind = directory.school_name(owner), "school"
        else:
            where, kind = directory.county_name(owner or None), "county"
        found.append(Entry(f"Device: {hostname}", where, kind, owner))
    return found


class NocCommands(Provider):
    """Search the directory the app loaded (nothing until it has)."""

    _entries: list[Entry]

    async def startup(self) -> None:
        """Build the list once per palette opening."""
        directory = cast("NocApp", self.app).directory
        self._entries = entries(directory) if directory else []

    def _action(self, entry: Entry) -> Callable[[], object]:
        app = cast("NocApp", self.app)
        if entry.kind == "school":
            return partial(app.open_school, entry.target)
        return partial(app.drill_county, entry.target or None)

    async def search(self, query: str) -> Hits:
        """Fuzzy match on names, ids and hostnames; best first, at most MAX_HITS."""
        matcher = self.matcher(query)
        needle = query.lower()
        scored: list[tuple[float, Entry]] = []
        for entry in self._entries:
            # The fuzzy matcher is slow; a plain substring test rules most entries out.
            if needle[:1] not in entry.text.lower():
                continue
            score = matcher.match(entry.text)
            if score > 0:
                scored.append((score, entry))
        scored.sort(key=lambda pair: -pair[0])
        for score, entry in scored[:MAX_HITS]:
            yield Hit(
                score,
                matcher.highlight(entry.text),
                self._action(entry),
                text=entry.text,
                help=entry.help,
            )

    async def discover(self) -> Hits:
        """Before typing: the counties."""
        for entry in self._entries:
            if entry.text.startswith("County"):
                yield DiscoveryHit(
                    entry.text, self._action(entry), text=entry.text, help=entry.help
                )
