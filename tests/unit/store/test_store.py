"""The Store with a FakeWriter: batching, spool order, exactly-once, quarantine."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.clock import FixedClock
from netops.store.spool import Spool
from netops.store.store import Store
from netops.store.writer import FakeWriter, api_for_version


def lines(start: int, count: int) -> list[str]:
    """Distinct lines numbered from ``start``."""
    return [f"m n={i}i {i}" for i in range(start, start + count)]


@pytest.fixture
def spool(tmp_path: Path) -> Iterator[Spool]:
    """An empty spool file."""
    spool = Spool(tmp_path / "spool.sqlite")
    yield spool
    spool.close()


def store(writer: FakeWriter, spool: Spool, batch_size: int = 10) -> Store:
    """A store that flushes only when told or when a batch is full."""
    clock = FixedClock(datetime(2024, 9, 1, tzinfo=UTC))
    return Store(writer, spool, batch_size=batch_size, flush_interval_s=3600, clock=clock)


def test_lines_wait_for_a_full_batch(spool: Spool) -> None:
    writer = FakeWriter()
    s = store(writer, spool, batch_size=5)
    assert s.write(lines(0, 4)) is None
    assert writer.written == []
    report = s.write(lines(4, 3))
    assert report is not None and report.written == 7
    assert writer.written == lines(0, 7)
    assert writer.calls == 2  # 7 lines in batches of 5


def test_interval_flushes_a_partial_batch(spool: Spool) -> None:
    writer = FakeWriter()
    clock = FixedClock(datetime(2024, 9, 1, tzinfo=UTC))
    s = Store(writer, spool, batch_size=100, flush_interval_s=10, clock=clock)
    s.write(lines(0, 1))
    clock.advance(10)
    s.write(lines(1, 1))
    assert writer.written == lines(0, 2)


def test_outage_spools_in_order_and_replays_exactly_once(spool: Spool) -> None:
    writer = FakeWriter(fail=3)
    s = store(writer, spool)
    for start in range(0, 30, 10):  # three failed writes
        report = s.write(lines(start, 10))
        assert report is not None and report.error and report.written == 0
    assert spool.pending() == 30
    report = s.write(lines(30, 10))  # InfluxDB is back
    assert report is not None and report.error is None
    assert report.written == 40 and report.pending == 0
    assert writer.written == lines(0, 40)  # oldest first, nothing twice


def test_new_lines_queue_behind_the_spool(spool: Spool) -> None:
    writer = FakeWriter(fail=2)
    s = store(writer, spool)
    s.write(lines(0, 10))  # fails: spooled
    s.write(lines(10, 10))  # spool not empty: queued behind, replay fails
    assert writer.calls == 2 and spool.pending() == 20
    s.flush()
    assert writer.written == lines(0, 20)


def test_a_new_store_replays_the_spool_of_the_last_one(tmp_path: Path) -> None:
    path = tmp_path / "spool.sqlite"
    first = store(FakeWriter(fail=99), Spool(path))
    first.write(lines(0, 10))
    first.write(lines(10, 5))
    report = first.close()  # the 5 buffered lines go to the spool too
    assert report.pending == 15
    writer = FakeWriter()
    second = store(writer, Spool(path))
    assert second.flush().written == 15
    assert writer.written == lines(0, 15)
    second.close()


def test_bad_lines_are_quarantined_and_do_not_block(
    spool: Spool, caplog: pytest.LogCaptureFixture
) -> None:
    writer = FakeWriter(reject=lambda line: line.startswith("m n=3i"))
    s = store(writer, spool)
    with caplog.at_level(logging.ERROR, logger="netops.store"):
        report = s.write(lines(0, 10))
    assert report is not None and report.rejected == 1 and report.written == 9
    assert writer.written == [line for line in lines(0, 10) if line != "m n=3i 3"]
    [(line, error)] = spool.rejected()
    assert line == "m n=3i 3" and "400" in error
    assert "quarantined" in caplog.text
    s.write(lines(10, 10))
    assert writer.written[-10:] == lines(10, 10)


def test_bad_spooled_lines_are_quarantined_on_replay(spool: Spool) -> None:
    writer = FakeWriter(fail=1, reject=lambda line: line == "m n=5i 5")
    s = store(writer, spool)
    s.write(lines(0, 10))
    report = s.flush()
    assert report.rejected == 1 and report.pending == 0
    assert len(writer.written) == 9 and len(spool.rejected()) == 1


def test_a_crash_after_write_before_delete_only_replays(spool: Spool) -> None:
    # The write reached InfluxDB but the rows were not deleted: they are written
    # again (InfluxDB overwrites identical series and time), never lost.
    spool.append(lines(0, 3))
    writer = FakeWriter()
    writer.write(lines(0, 3))
    store(writer, spool).flush()
    assert writer.written == lines(0, 3) + lines(0, 3)
    assert spool.pending() == 0


@pytest.mark.parametrize(
    ("version", "api"),
    [
        ("1.6.7~rc0", "v1"),
        ("1.7.11", "v1"),
        ("1.8.10", "v2"),
        ("v2.7.4", "v2"),
        ("3.0.1", "v2"),
        ("", "v2"),
    ],
)
def test_api_for_version(version: str, api: str) -> None:
    assert api_for_version(version) == api
