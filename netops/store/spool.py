"""The local spool: lines InfluxDB did not take yet, and lines it refused, in SQLite.

Rows are deleted only after InfluxDB accepted them, so a crash between the write
and the delete replays them: harmless, InfluxDB overwrites the same series and
time stamp. ``AUTOINCREMENT`` ids never come back, so id order is arrival order.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from netops.store.errors import StoreError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS spool (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    line TEXT NOT NULL,
    spooled_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    line TEXT NOT NULL,
    error TEXT NOT NULL,
    rejected_at REAL NOT NULL
);
"""


class Spool:
    """A FIFO of lines in a SQLite file (WAL), safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a crash of netops; only a power cut may lose
            # the last transactions.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"cannot open the spool {self.path}: {err}") from err

    def append(self, lines: Iterable[str]) -> int:
        """Add lines at the end; how many."""
        now = time.time()
        rows = [(line, now) for line in lines]
        with self._lock, self._db:
            self._db.executemany("INSERT INTO spool (line, spooled_at) VALUES (?, ?)", rows)
        return len(rows)

    def oldest(self, limit: int) -> list[tuple[int, str]]:
        """The first ``limit`` rows (id, line), oldest first."""
        with self._lock:
            cursor = self._db.execute("SELECT id, line FROM spool ORDER BY id LIMIT ?", (limit,))
            return [(int(row[0]), str(row[1])) for row in cursor]

    def settle(self, last_id: int, rejected: Iterable[tuple[str, str]] = ()) -> None:
        """Forget rows up to ``last_id`` (written) and quarantine refused ones, atomically."""
        with self._lock, self._db:
            self._quarantine(rejected)
            self._db.execute("DELETE FROM spool WHERE id <= ?", (last_id,))

    def quarantine(self, rejected: Iterable[tuple[str, str]]) -> None:
        """Keep refused lines (line, error) aside for an engineer."""
        with self._lock, self._db:
            self._quarantine(rejected)

    def _quarantine(self, rejected: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        rows = [(line, error, now) for line, error in rejected]
        self._db.executemany(
            "INSERT INTO rejected (line, error, rejected_at) VALUES (?, ?, ?)", rows
        )

    def pending(self) -> int:
        """Lines waiting to be written."""
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM spool").fetchone()[0])

    def rejected(self) -> list[tuple[str, str]]:
        """Quarantined lines with InfluxDB's error, oldest first."""
        with self._lock:
            cursor = self._db.execute("SELECT line, error FROM rejected ORDER BY id")
            return [(str(row[0]), str(row[1])) for row in cursor]

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
