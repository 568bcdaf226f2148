"""One SQLite file, many domains: connection, pragmas and per-domain migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Schema:
    """A domain's tables: migration ``i`` (0-based) brings the domain to version ``i + 1``.

    Migrations are append-only: a released one is never edited, a change is a new one.
    """

    domain: str
    migrations: Sequence[str]


class StateDB:
    """A SQLite connection shared by the domains (thread-safe: one lock around it).

    WAL mode, so readers (the TUI, ``netops audit show``) never block the writer (the
    service) and the writer never blocks them.
    """

    def __init__(self, path: Path | str, schemas: Sequence[Schema] = ()) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            str(path), timeout=30.0, check_same_thread=False, isolation_level=None
        )
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version"
            " (domain TEXT PRIMARY KEY, version INTEGER NOT NULL)"
        )
        for schema in schemas:
            self.ensure(schema)

    def ensure(self, schema: Schema) -> None:
        """Apply the schema's migrations the file does not have yet (idempotent)."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT version FROM schema_version WHERE domain = ?", (schema.domain,)
            ).fetchone()
            have = int(row["version"]) if row else 0
            if have > len(schema.migrations):
                msg = (
                    f"{self.path}: the {schema.domain!r} tables are at version {have}, "
                    f"newer than this netops knows ({len(schema.migrations)}): upgrade netops"
                )
                raise RuntimeError(msg)
            for script in schema.migrations[have:]:
                for statement in _statements(script):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (domain, version) VALUES (?, ?)"
                " ON CONFLICT(domain) DO UPDATE SET version = excluded.version",
                (schema.domain, len(schema.migrations)),
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (a consistent snapshot inside the block)."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()


def _statements(script: str) -> list[str]:
    """Split a migration into statements (they hold no ``;`` inside literals)."""
    return [part.strip() for part in script.split(";") if part.strip()]


def open_state(path: Path | str, schemas: Sequence[Schema] = ()) -> StateDB:
    """Open (creating if needed) the state database with the given domains' tables."""
    return StateDB(path, schemas)
