"""``netops serve``: poll every interval, audit nightly, refresh statistics, stop cleanly.

APScheduler runs the jobs; a poll cycle still running when the next is due makes
that one skip, logged and counted, never two cycles at once.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from netops.service.cycle import CycleRunner
from netops.service.loop import LoopThread
from netops.service.schedule import Schedule

log = logging.getLogger(__name__)

Hook = Callable[[], object]


class Service:
    """The scheduled jobs around one :class:`CycleRunner`."""

    def __init__(
        self,
        runner: CycleRunner,
        schedule: Schedule,
        *,
        audit: Hook | None = None,
        stats: Hook | None = None,
    ) -> None:
        self.runner = runner
        self.schedule = schedule
        self.audit, self.stats = audit, stats
        self.loop = LoopThread()
        self.scheduler = BackgroundScheduler(timezone="Asia/Shanghai")
        self.skipped = 0
        self._stop = threading.Event()

    def poll(self) -> None:
        """One poll cycle on the service's event loop."""
        self.runner.run(self.loop.run)

    def start(self) -> None:
        """Start the scheduler: a first cycle at once, then every interval."""
        self.scheduler.add_listener(self._on_skipped, EVENT_JOB_MAX_INSTANCES)
        self.scheduler.add_job(
            self.poll,
            "interval",
            seconds=self.schedule.poll_interval_s,
            id="poll",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        if self.audit is not None:
            self.scheduler.add_job(
                self.audit,
                CronTrigger.from_crontab(self.schedule.audit_cron, timezone="Asia/Shanghai"),
                id="audit",
            )
        if self.stats is not None:
            self.scheduler.add_job(
                self.stats, "interval", seconds=self.schedule.stats_interval_s, id="stats"
            )
        self.scheduler.start()

    def _on_skipped(self, event: JobEvent) -> None:
        self.skipped += 1
        log.warning(
            "%s skipped: the previous run is still going (%d skipped so far)",
            event.job_id,
            self.skipped,
        )

    def stop(self) -> None:
        """Stop taking new jobs, let a running cycle finish, close the loop."""
        self.scheduler.shutdown(wait=True)
        close = getattr(self.runner.collector, "close", None)
        if close is not None:  # sockets belong to the loop: release them from it
            self.loop.loop.call_soon_threadsafe(close)
        self.loop.close()
        self._stop.set()

    def run_forever(self) -> None:
        """Run until SIGINT or SIGTERM, then stop gracefully."""

        def on_signal(signum: int, _: FrameType | None) -> None:
            log.info("signal %d: stopping after the current cycle", signum)
            self._stop.set()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start()
            self._stop.wait()
        finally:
            if self.scheduler.running:
                self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
