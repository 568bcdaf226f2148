"""One poll cycle: ask the collector for every target, hand the results to the sinks."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from netops.clock import Clock
from netops.monitoring.collector import Collector
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.monitoring.targets import PollTarget

log = logging.getLogger(__name__)


class Sink(Protocol):
    """Where a cycle's results go (the InfluxDB store, a test list, ...)."""

    def write_cycle(self, polls: Sequence[DevicePoll], summary: CycleSummary) -> None:
        """Take the results of one cycle; must not raise for a storage outage."""
        ...


class CycleRunner:
    """Runs poll cycles; never two at once (a second request is skipped and says so)."""

    def __init__(
        self,
        collector: Collector,
        targets: Callable[[], list[PollTarget]],
        sinks: Sequence[Sink],
        clock: Clock,
    ) -> None:
        self.collector = collector
        self.targets = targets
        self.sinks = list(sinks)
        self.clock = clock
        self.skipped = 0
        self._running = threading.Lock()

    def run(self, run_async: Callable[..., list[DevicePoll]]) -> CycleSummary | None:
        """One cycle, or None (logged) when the previous one is still running.

        ``run_async`` runs the collector's coroutine to completion (``asyncio.run``, or
        a loop the caller owns: an SNMP engine is bound to the loop it first ran in).
        """
        if not self._running.acquire(blocking=False):
            self.skipped += 1
            log.warning(
                "poll cycle skipped: the previous cycle is still running (%d skipped so far)",
                self.skipped,
            )
            return None
        try:
            started, wall = self.clock.now(), time.perf_counter()
            polls = run_async(self.collector.poll(self.targets()))
            summary = CycleSummary.of(started, time.perf_counter() - wall, polls)
            for sink in self.sinks:
                sink.write_cycle(polls, summary)
            log.info(
                "poll cycle: %d devices, %d ok, %d failed, %d varbinds in %.1f s",
                summary.devices,
                summary.ok,
                summary.failed,
                summary.varbinds,
                summary.duration_s,
            )
            return summary
        finally:
            self._running.release()
