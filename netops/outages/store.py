"""Outages in the state database: the repository readers use, and the tracker's writer.

Times are stored as fixed-width UTC text (``2026-11-02T01:00:00.000000Z``) so that
text order is time order. An outage merged into a later root keeps its row
(``merged_into``) but no reader sees it: its time is in the surviving outage.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from netops.outages.models import BlastRadius, Outage, OutageKind
from netops.outages.observe import DeviceState, LinkState
from netops.state.db import Schema, StateDB

SCHEMA = Schema(
    "outages",
    [
        """
        CREATE TABLE outages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            root TEXT NOT NULL,
            county TEXT,
            school TEXT,
            started TEXT NOT NULL,
            ended TEXT,
            teaching_hours INTEGER NOT NULL DEFAULT 0,
            schools TEXT NOT NULL DEFAULT '[]',
            classrooms INTEGER NOT NULL DEFAULT 0,
            students INTEGER NOT NULL DEFAULT 0,
            suppressed TEXT NOT NULL DEFAULT '[]',
            reason TEXT NOT NULL DEFAULT '',
            flapping INTEGER NOT NULL DEFAULT 0,
            merged_into INTEGER REFERENCES outages (id)
        );
        CREATE INDEX outages_ended ON outages (ended);
        CREATE INDEX outages_started ON outages (started);
        CREATE INDEX outages_root ON outages (root);
        CREATE TABLE outage_devices (
            device TEXT PRIMARY KEY,
            missed INTEGER NOT NULL,
            first_missed TEXT NOT NULL,
            reason TEXT
        );
        CREATE TABLE outage_links (
            link TEXT PRIMARY KEY,
            down INTEGER NOT NULL,
            since TEXT,
            up_streak INTEGER NOT NULL,
            flapping INTEGER NOT NULL,
            changes TEXT NOT NULL
        )
        """
    ],
)

_VISIBLE = "merged_into IS NULL"


def to_text(at: datetime) -> str:
    """A time as sortable UTC text."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str) -> datetime:
    """Back from :func:`to_text`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _outage(row: sqlite3.Row) -> Outage:
    return Outage(
        id=int(row["id"]),
        kind=OutageKind(row["kind"]),
        root=row["root"],
        county=row["county"],
        school=row["school"],
        started=from_text(row["started"]),
        ended=from_text(row["ended"]) if row["ended"] else None,
        teaching_hours=bool(row["teaching_hours"]),
        blast=BlastRadius(
            schools=json.loads(row["schools"]),
            classrooms=int(row["classrooms"]),
            students=int(row["students"]),
        ),
        suppressed=json.loads(row["suppressed"]),
        reason=row["reason"],
        flapping=bool(row["flapping"]),
    )


def _by_impact(outages: list[Outage]) -> list[Outage]:
    return sorted(outages, key=lambda o: (-o.blast.students, -o.blast.classrooms, o.started))


class OutageRepository:
    """Reads outages (CLI, TUI, reports) and hands the tracker a writer."""

    def __init__(self, db: StateDB) -> None:
        self.db = db
        db.ensure(SCHEMA)

    def open(self) -> list[Outage]:
        """Outages still going on, largest blast radius (students) first."""
        with self.db.reading() as conn:
            rows = conn.execute(f"SELECT * FROM outages WHERE ended IS NULL AND {_VISIBLE}")
            return _by_impact([_outage(r) for r in rows])

    def between(self, since: datetime, until: datetime) -> list[Outage]:
        """Outages overlapping ``[since, until)`` (open ones included), in start order."""
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT * FROM outages WHERE {_VISIBLE} AND started < ?"
                " AND (ended IS NULL OR ended > ?) ORDER BY started, id",
                (to_text(until), to_text(since)),
            )
            return [_outage(r) for r in rows]

    def get(self, outage_id: int) -> Outage | None:
        """One outage by id; a merged one answers with the outage it went into."""
        with self.db.reading() as conn:
            for _ in range(100):  # merges chain at most a few times
                row = conn.execute("SELECT * FROM outages WHERE id = ?", (outage_id,)).fetchone()
                if row is None:
                    return None
                if row["merged_into"] is None:
                    return _outage(row)
                outage_id = int(row["merged_into"])
        return None

    @contextmanager
    def writer(self) -> Iterator[OutageWriter]:
        """The tracker's writes of one cycle, in one transaction."""
        with self.db.transaction() as conn:
            yield OutageWriter(conn)


class OutageWriter:
    """Writes inside one transaction: outages and the per-device/per-link states."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def open_outages(self) -> list[Outage]:
        """Open outages, oldest first."""
        rows = self.conn.execute(
            f"SELECT * FROM outages WHERE ended IS NULL AND {_VISIBLE} ORDER BY started, id"
        )
        return [_outage(r) for r in rows]

    def closed_since(self, root: str, since: datetime) -> Outage | None:
        """The latest outage of ``root`` that ended at or after ``since``."""
        row = self.conn.execute(
            f"SELECT * FROM outages WHERE root = ? AND ended >= ? AND {_VISIBLE}"
            " ORDER BY ended DESC LIMIT 1",
            (root, to_text(since)),
        ).fetchone()
        return _outage(row) if row else None

    def save(self, outage: Outage) -> Outage:
        """Insert (no id) or update an outage; returns it with its id."""
        values = (
            outage.kind.value,
            outage.root,
            outage.county,
            outage.school,
            to_text(outage.started),
            to_text(outage.ended) if outage.ended else None,
            int(outage.teaching_hours),
            json.dumps(outage.blast.schools),
            outage.blast.classrooms,
            outage.blast.students,
            json.dumps(outage.suppressed),
            outage.reason,
            int(outage.flapping),
        )
        columns = (
            "kind, root, county, school, started, ended, teaching_hours, schools,"
            " classrooms, students, suppressed, reason, flapping"
        )
        if outage.id is None:
            cursor = self.conn.execute(
                f"INSERT INTO outages ({columns}) VALUES ({', '.join('?' * len(values))})",
                values,
            )
            return outage.model_copy(update={"id": cursor.lastrowid})
        sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        self.conn.execute(f"UPDATE outages SET {sets} WHERE id = ?", (*values, outage.id))
        return outage

    def merge(self, outage_id: int, into: int, at: datetime) -> None:
        """Fold an outage into another (same cause, found later to be below it)."""
        self.conn.execute(
            "UPDATE outages SET merged_into = ?, ended = COALESCE(ended, ?) WHERE id = ?",
            (into, to_text(at), outage_id),
        )

    def devices(self) -> dict[str, DeviceState]:
        """Devices that failed their latest polls."""
        rows = self.conn.execute("SELECT * FROM outage_devices")
        return {
            r["device"]: DeviceState(int(r["missed"]), from_text(r["first_missed"]), r["reason"])
            for r in rows
        }

    def save_devices(self, states: dict[str, DeviceState]) -> None:
        """Replace the device states."""
        self.conn.execute("DELETE FROM outage_devices")
        self.conn.executemany(
            "INSERT INTO outage_devices (device, missed, first_missed, reason) VALUES (?,?,?,?)",
            [(d, s.missed, to_text(s.first_missed), s.reason) for d, s in states.items()],
        )

    def links(self) -> dict[str, LinkState]:
        """Links that are down or changed recently."""
        rows = self.conn.execute("SELECT * FROM outage_links")
        return {
            r["link"]: LinkState(
                down=bool(r["down"]),
                since=from_text(r["since"]) if r["since"] else None,
                up_streak=int(r["up_streak"]),
                flapping=bool(r["flapping"]),
                changes=[from_text(t) for t in json.loads(r["changes"])],
            )
            for r in rows
        }

    def save_links(self, states: dict[str, LinkState]) -> None:
        """Replace the link states."""
        self.conn.execute("DELETE FROM outage_links")
        self.conn.executemany(
            "INSERT INTO outage_links (link, down, since, up_streak, flapping, changes)"
            " VALUES (?,?,?,?,?,?)",
            [
                (
                    link,
                    int(s.down),
                    to_text(s.since) if s.since else None,
                    s.up_streak,
                    int(s.flapping),
                    json.dumps([to_text(t) for t in s.changes]),
                )
                for link, s in states.items()
            ],
        )
