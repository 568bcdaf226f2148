"""The store as the service's sink: every cycle's polls, rates and summary go to InfluxDB."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from netops.monitoring.results import CycleSummary, DevicePoll
from netops.store.points import rate_lines
from netops.store.store import Store

log = logging.getLogger(__name__)


class StoreSink:
    """Writes cycles to a :class:`Store`; keeps each device's last poll for its rates."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._last: dict[str, DevicePoll] = {}

    def write_cycle(self, polls: Sequence[DevicePoll], summary: CycleSummary) -> None:
        """Queue points, rates and the summary, then flush (an outage goes to the spool)."""
        rates: list[str] = []
        for poll in polls:
            if not poll.ok:
                continue
            previous = self._last.get(poll.device)
            if previous is not None:
                rates += rate_lines(previous, poll)
            self._last[poll.device] = poll
        self.store.write_polls(polls)
        self.store.write(rates)
        self.store.write_cycle(summary)
        report = self.store.flush()
        if report.error:
            log.warning(
                "InfluxDB: %s; %d point(s) spooled, replayed when it is back",
                report.error,
                report.pending,
            )
