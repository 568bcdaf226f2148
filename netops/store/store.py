"""The Store: batches lines to InfluxDB; what it cannot write now waits in the spool.

Order is kept: while the spool holds lines, new batches queue behind them and the
spool is replayed oldest first. Lines InfluxDB refuses (400/422) are isolated by
halving the batch and quarantined, so one bad line never blocks the queue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from netops.clock import Clock, SystemClock
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.store.errors import StoreRejectedError, StoreUnavailableError
from netops.store.points import cycle_lines, poll_lines
from netops.store.spool import Spool
from netops.store.writer import Writer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlushReport:
    """What one flush did."""

    written: int = 0
    """Lines InfluxDB accepted (fresh and replayed)."""
    spooled: int = 0
    """Lines put in the spool by this flush."""
    rejected: int = 0
    """Lines quarantined by this flush."""
    pending: int = 0
    """Lines left in the spool afterwards."""
    error: str | None = None
    """Why InfluxDB did not take everything, if it did not."""


class Store:
    """Writes line protocol through a Writer, durably (see the module docstring)."""

    def __init__(
        self,
        writer: Writer,
        spool: Spool,
        *,
        batch_size: int = 5000,
        flush_interval_s: float = 10.0,
        clock: Clock | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.writer = writer
        self.spool = spool
        self.batch_size = batch_size
        self.flush_interval_s = flush_interval_s
        self.clock = clock or SystemClock()
        self._buffer: list[str] = []
        self._last_flush = self.clock.now()
        self._lock = threading.RLock()
        self._down = False

    def write(self, lines: Iterable[str]) -> FlushReport | None:
        """Queue lines; flush when a batch is full or the interval has passed."""
        with self._lock:
            self._buffer.extend(line for line in lines if line)
            elapsed = (self.clock.now() - self._last_flush).total_seconds()
            if len(self._buffer) >= self.batch_size or elapsed >= self.flush_interval_s:
                return self.flush()
            return None

    def write_polls(self, polls: Iterable[DevicePoll]) -> FlushReport | None:
        """Queue the points of device polls."""
        return self.write(poll_lines(polls))

    def write_cycle(self, summary: CycleSummary) -> FlushReport | None:
        """Queue the point of a poll cycle."""
        return self.write(cycle_lines(summary))

    def flush(self) -> FlushReport:
        """Write the buffer (behind the spool, if any), then replay the spool."""
        with self._lock:
            batch, self._buffer = self._buffer, []
            self._last_flush = self.clock.now()
            written = spooled = rejected = 0
            error: str | None = None
            if batch and self.spool.pending() == 0:
                written, rejected, spooled, error = self._deliver_all(batch)
            elif batch:
                spooled = self.spool.append(batch)
            if error is None:
                replayed, quarantined, error = self.replay()
                written, rejected = written + replayed, rejected + quarantined
            self._note(error, spooled)
            return FlushReport(written, spooled, rejected, self.spool.pending(), error)

    def replay(self) -> tuple[int, int, str | None]:
        """Write the spool oldest first: (written, quarantined, error that stopped it)."""
        written = quarantined = 0
        with self._lock:
            while rows := self.spool.oldest(self.batch_size):
                lines = [line for _, line in rows]
                try:
                    bad = self._deliver(lines)
                except StoreUnavailableError as err:
                    return written, quarantined, str(err)
                self.spool.settle(rows[-1][0], bad)
                self._log_rejected(bad)
                written += len(lines) - len(bad)
                quarantined += len(bad)
        return written, quarantined, None

    def close(self) -> FlushReport:
        """Flush; what InfluxDB does not take stays in the spool for the next Store."""
        with self._lock:
            report = self.flush()
            self.writer.close()
            self.spool.close()
            return report

    def _deliver_all(self, lines: list[str]) -> tuple[int, int, int, str | None]:
        """Write in batches: (written, rejected, spooled, error)."""
        written = rejected = 0
        for start in range(0, len(lines), self.batch_size):
            chunk = lines[start : start + self.batch_size]
            try:
                bad = self._deliver(chunk)
            except StoreUnavailableError as err:
                # The failed chunk may be partly written: replaying it overwrites
                # the same points, so it goes to the spool whole, then the rest.
                return written, rejected, self.spool.append(lines[start:]), str(err)
            self.spool.quarantine(bad)
            self._log_rejected(bad)
            written, rejected = written + len(chunk) - len(bad), rejected + len(bad)
        return written, rejected, 0, None

    def _deliver(self, lines: list[str]) -> list[tuple[str, str]]:
        """Write lines; the refused ones with their error (found by halving)."""
        try:
            self.writer.write(lines)
        except StoreRejectedError as err:
            if len(lines) == 1:
                return [(lines[0], str(err))]
            middle = len(lines) // 2
            return self._deliver(lines[:middle]) + self._deliver(lines[middle:])
        return []

    def _log_rejected(self, bad: list[tuple[str, str]]) -> None:
        if bad:
            log.error(
                "InfluxDB refused %d line(s), quarantined in %s (table rejected); "
                "first: %s: %.200s",
                len(bad),
                self.spool.path,
                bad[0][1],
                bad[0][0],
            )

    def _note(self, error: str | None, spooled: int) -> None:
        if error is not None and not self._down:
            log.warning("InfluxDB unavailable (%s); spooling to %s", error, self.spool.path)
        elif error is None and self._down:
            log.info("InfluxDB answers again; spool replayed")
        elif spooled and error is not None:
            log.debug("spooled %d line(s)", spooled)
        self._down = error is not None
