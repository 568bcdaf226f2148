"""Poll cycles and the scheduler with a fake collector (no servers)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from netops.clock import FixedClock
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.monitoring.targets import PollTarget
from netops.service.cycle import CycleRunner
from netops.service.schedule import Schedule
from netops.service.scheduler import Service

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def target(name: str) -> PollTarget:
    return PollTarget(
        device=name, vendor="huawei", platform="huawei_vrp", host="127.0.0.1", ports=[]
    )


class FakeCollector:
    """Answers after ``delay`` seconds; ``down`` devices fail; counts concurrent cycles."""

    name = "fake"

    def __init__(self, delay: float = 0.0, down: frozenset[str] = frozenset()) -> None:
        self.delay, self.down = delay, down
        self.active = self.most_active = self.cycles = 0
        self._lock = threading.Lock()

    async def poll(self, targets: Sequence[PollTarget]) -> list[DevicePoll]:
        with self._lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        await asyncio.sleep(self.delay)
        with self._lock:
            self.active -= 1
            self.cycles += 1
        return [
            DevicePoll(
                device=t.device,
                collector=self.name,
                time=START,
                ok=t.device not in self.down,
                reason="timeout after 1 s" if t.device in self.down else None,
                varbinds=0 if t.device in self.down else 10,
            )
            for t in targets
        ]


class ListSink:
    def __init__(self) -> None:
        self.cycles: list[tuple[Sequence[DevicePoll], CycleSummary]] = []

    def write_cycle(self, polls: Sequence[DevicePoll], summary: CycleSummary) -> None:
        self.cycles.append((polls, summary))


def test_a_cycle_summarises_and_hands_results_to_every_sink() -> None:
    sinks = [ListSink(), ListSink()]
    runner = CycleRunner(
        FakeCollector(down=frozenset({"b"})),
        lambda: [target("a"), target("b"), target("c")],
        sinks,
        FixedClock(START),
    )
    summary = runner.run(asyncio.run)
    assert summary is not None
    assert (summary.devices, summary.ok, summary.failed, summary.varbinds) == (3, 2, 1, 20)
    assert summary.failures == {"b": "timeout after 1 s"}
    assert summary.started == START
    assert all(len(sink.cycles) == 1 and sink.cycles[0][1] == summary for sink in sinks)


def test_a_cycle_requested_while_one_runs_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    collector = FakeCollector(delay=0.3)
    runner = CycleRunner(collector, lambda: [target("a")], [], FixedClock(START))
    first = threading.Thread(target=runner.run, args=(asyncio.run,))
    first.start()
    time.sleep(0.1)
    assert runner.run(asyncio.run) is None
    first.join()
    assert runner.skipped == 1 and collector.cycles == 1
    assert "skipped" in caplog.text


def test_service_polls_on_schedule_never_overlaps_and_stops_cleanly() -> None:
    collector = FakeCollector(delay=0.25)
    sink = ListSink()
    runner = CycleRunner(collector, lambda: [target("a")], [sink], FixedClock(START))
    service = Service(runner, Schedule(poll_interval_s=0.1))
    service.start()
    time.sleep(1.2)
    service.stop()
    assert collector.most_active == 1
    assert collector.cycles >= 2 and len(sink.cycles) == collector.cycles
    assert service.skipped >= 1
    assert not service.scheduler.running
