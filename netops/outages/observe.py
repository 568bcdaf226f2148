"""What the polls say about each device and link, remembered across cycles.

A device's state counts its consecutive failed polls; a link's state is its last
observed oper status with the times it changed (for flap damping). Only devices
and links that are not plainly healthy have a state; the rest have none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from netops.monitoring.results import DevicePoll
from netops.outages.settings import OutageSettings
from netops.outages.topology import Topology


@dataclass
class DeviceState:
    """A device that failed its latest poll(s)."""

    missed: int
    first_missed: datetime
    reason: str | None = None


@dataclass
class LinkState:
    """A link that is down, or changed state recently."""

    down: bool = False
    since: datetime | None = None
    """First poll of the current down spell."""
    up_streak: int = 0
    """Consecutive polls that saw it up."""
    flapping: bool = False
    changes: list[datetime] = field(default_factory=list)
    """Times its state changed within the flap window."""

    def held(self, settings: OutageSettings) -> bool:
        """Down, or flapping and not yet up for ``hold_polls`` polls."""
        return self.down or (self.flapping and self.up_streak < settings.hold_polls)

    def idle(self) -> bool:
        """Nothing worth remembering."""
        return not self.down and not self.flapping and not self.changes


def observe_devices(states: dict[str, DeviceState], polls: Iterable[DevicePoll]) -> None:
    """Count failed polls; a device that answers forgets its failures."""
    for poll in polls:
        if poll.ok:
            states.pop(poll.device, None)
            continue
        state = states.get(poll.device)
        if state is None:
            states[poll.device] = DeviceState(1, poll.time, poll.reason)
        else:
            state.missed += 1
            state.reason = poll.reason or state.reason


def link_readings(topology: Topology, polls: Iterable[DevicePoll]) -> dict[str, bool]:
    """Link -> down (True) or up (False), from the oper status of either end.

    A link is down when any end reports its port down, up when the ends that
    answered report up; a link no end reported on is absent (no news). Only links
    with both ends in the cycle are judged: a port facing a device this cycle does
    not poll (a scoped poll, the lab's part of the prefecture) says nothing.
    """
    polls = list(polls)
    polled = {poll.device for poll in polls}
    seen: dict[str, bool] = {}
    for poll in polls:
        if not poll.ok:
            continue
        for reading in poll.ports:
            link = topology.ports.get((poll.device, reading.port))
            if link is None or reading.oper_up is None:
                continue
            ends = topology.ends(link)
            if ends is None or not set(ends) <= polled:
                continue
            seen[link] = seen.get(link, False) or not reading.oper_up
    return seen


def observe_links(
    states: dict[str, LinkState],
    readings: dict[str, bool],
    at: datetime,
    settings: OutageSettings,
) -> None:
    """Apply one cycle's link readings at ``at``: changes, streaks, flapping."""
    window_start = at - timedelta(seconds=settings.flap_window_s)
    for link, down in readings.items():
        state = states.get(link)
        if state is None:
            if not down:
                continue
            state = states[link] = LinkState()
        if down != state.down:
            state.changes.append(at)
        state.changes = [t for t in state.changes if t >= window_start]
        state.down = down
        if down:
            state.up_streak = 0
            state.since = state.since or at
        else:
            state.up_streak += 1
            state.since = None
        if not down and state.up_streak >= settings.hold_polls:
            state.flapping = False  # stable again
        elif len(state.changes) > settings.flap_count:
            state.flapping = True
    for link in [name for name, state in states.items() if state.idle()]:
        del states[link]
