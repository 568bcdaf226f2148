"""Audits in the state database: one row per audit, per school and per room (queryable).

The report helper and ``netops audit diff`` read audits of any period back from here.
Findings and warnings are JSON columns; buckets, counties and types are plain columns,
so "non-compliant rooms of county X in audit N" is one indexed SQL query.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter

from netops.compliance.models import (
    Audit,
    AuditHeader,
    Bucket,
    BucketCounts,
    Finding,
    RoomResult,
    SchoolResult,
)
from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.state.db import Schema, StateDB

SCHEMA = Schema(
    "compliance",
    [
        """
        CREATE TABLE compliance_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time TEXT NOT NULL,
            scope TEXT NOT NULL,
            thresholds TEXT NOT NULL,
            capacity TEXT NOT NULL,
            counts TEXT NOT NULL,
            schools INTEGER NOT NULL,
            compliant INTEGER NOT NULL,
            non_compliant INTEGER NOT NULL,
            not_monitored INTEGER NOT NULL
        );
        CREATE INDEX compliance_audit_time ON compliance_audit (time);
        CREATE TABLE compliance_school (
            audit_id INTEGER NOT NULL REFERENCES compliance_audit (id) ON DELETE CASCADE,
            school TEXT NOT NULL,
            county TEXT NOT NULL,
            school_type TEXT NOT NULL,
            name TEXT NOT NULL,
            students INTEGER NOT NULL,
            classrooms INTEGER NOT NULL,
            bucket TEXT NOT NULL,
            uplink_bucket TEXT NOT NULL,
            findings TEXT NOT NULL,
            warnings TEXT NOT NULL,
            uplink TEXT NOT NULL,
            PRIMARY KEY (audit_id, school)
        );
        CREATE INDEX compliance_school_county ON compliance_school (audit_id, county, bucket);
        CREATE TABLE compliance_room (
            audit_id INTEGER NOT NULL,
            school TEXT NOT NULL,
            room TEXT NOT NULL,
            name TEXT NOT NULL,
            terminal TEXT,
            device TEXT,
            port TEXT,
            bucket TEXT NOT NULL,
            findings TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (audit_id, school, room),
            FOREIGN KEY (audit_id, school)
                REFERENCES compliance_school (audit_id, school) ON DELETE CASCADE
        );
        CREATE INDEX compliance_room_bucket ON compliance_room (audit_id, bucket)
        """,
    ],
)

_FINDINGS = TypeAdapter(list[Finding])
_COUNTS = TypeAdapter(dict[str, BucketCounts])
#: Uplink observations kept beside each school row (JSON column ``uplink``).
_UPLINK_FIELDS = (
    "uplink_device",
    "uplink_port",
    "uplink_speed_mbps",
    "uplink_rx_dbm",
    "contracted_mbps",
    "p95_bps",
)


class AuditNotFoundError(LookupError):
    """No audit with that id."""


def _time(moment: datetime) -> str:
    # One fixed format, so text order is time order.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _dump(findings: list[Finding]) -> str:
    return _FINDINGS.dump_json(findings).decode()


def _school_row(audit_id: int, s: SchoolResult) -> tuple[Any, ...]:
    uplink = {name: getattr(s, name) for name in _UPLINK_FIELDS}
    return (
        audit_id, s.school, s.county, s.school_type, s.name, s.students, s.classrooms,
        s.bucket.value, s.uplink_bucket.value, _dump(s.findings), _dump(s.warnings),
        json.dumps(uplink),
    )  # fmt: skip


def _room_row(audit_id: int, school: str, r: RoomResult) -> tuple[Any, ...]:
    detail = {"terminals": r.terminals, "speed_mbps": r.speed_mbps, "duplex": r.duplex}
    return (
        audit_id, school, r.room, r.name, r.terminal, r.device, r.port, r.bucket.value,
        _dump(r.findings), json.dumps(detail),
    )  # fmt: skip


def _header(row: sqlite3.Row) -> AuditHeader:
    return AuditHeader(
        id=int(row["id"]),
        time=_parse_time(row["time"]),
        scope=row["scope"],
        counts=_COUNTS.validate_json(row["counts"]),
    )


class AuditRepository:
    """Save and read audits (``Schema("compliance")`` in the shared state database)."""

    def __init__(self, db: StateDB) -> None:
        self.db = db
        db.ensure(SCHEMA)

    def save(self, audit: Audit) -> int:
        """Store the audit with its schools and rooms; returns its id (also set on ``audit``)."""
        total = audit.total.schools
        counts = _COUNTS.dump_json(audit.counts()).decode()
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO compliance_audit (time, scope, thresholds, capacity, counts, schools,"
                " compliant, non_compliant, not_monitored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _time(audit.time), audit.scope, audit.thresholds.model_dump_json(),
                    audit.capacity.model_dump_json(), counts, len(audit.schools),
                    total[Bucket.COMPLIANT], total[Bucket.NON_COMPLIANT],
                    total[Bucket.NOT_MONITORED],
                ),
            )  # fmt: skip
            audit_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO compliance_school VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_school_row(audit_id, s) for s in audit.schools],
            )
            conn.executemany(
                "INSERT INTO compliance_room VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_room_row(audit_id, s.school, r) for s in audit.schools for r in s.rooms],
            )
        audit.id = audit_id
        return audit_id

    def load(self, audit_id: int) -> Audit:
        """One audit with every school and room.

        Raises:
            AuditNotFoundError: no audit with that id.
        """
        with self.db.reading() as conn:
            head = conn.execute(
                "SELECT * FROM compliance_audit WHERE id = ?", (audit_id,)
            ).fetchone()
            if head is None:
                raise AuditNotFoundError(f"no audit {audit_id}")
            schools = conn.execute(
                "SELECT * FROM compliance_school WHERE audit_id = ? ORDER BY rowid", (audit_id,)
            ).fetchall()
            rooms = conn.execute(
                "SELECT * FROM compliance_room WHERE audit_id = ? ORDER BY rowid", (audit_id,)
            ).fetchall()
        by_school: dict[str, list[RoomResult]] = {}
        for row in rooms:
            detail = json.loads(row["detail"])
            by_school.setdefault(row["school"], []).append(
                RoomResult(
                    room=row["room"], name=row["name"], terminal=row["terminal"],
                    device=row["device"], port=row["port"], bucket=Bucket(row["bucket"]),
                    findings=_FINDINGS.validate_json(row["findings"]), **detail,
                )
            )  # fmt: skip
        return Audit(
            id=int(head["id"]),
            time=_parse_time(head["time"]),
            scope=head["scope"],
            thresholds=ComplianceThresholds.model_validate_json(head["thresholds"]),
            capacity=CapacityThresholds.model_validate_json(head["capacity"]),
            schools=[
                SchoolResult(
                    school=row["school"], county=row["county"], school_type=row["school_type"],
                    name=row["name"], students=row["students"], classrooms=row["classrooms"],
                    bucket=Bucket(row["bucket"]), uplink_bucket=Bucket(row["uplink_bucket"]),
                    findings=_FINDINGS.validate_json(row["findings"]),
                    warnings=_FINDINGS.validate_json(row["warnings"]),
                    rooms=by_school.get(row["school"], []), **json.loads(row["uplink"]),
                )
                for row in schools
            ],
        )  # fmt: skip

    def _one_id(self, sql: str, args: tuple[Any, ...] = ()) -> int | None:
        with self.db.reading() as conn:
            row = conn.execute(sql, args).fetchone()
        return None if row is None else int(row["id"])

    def latest(self) -> Audit | None:
        """The most recent audit, or None when none was saved."""
        found = self._one_id("SELECT id FROM compliance_audit ORDER BY time DESC, id DESC LIMIT 1")
        return None if found is None else self.load(found)

    def latest_with(self, school_id: str) -> int | None:
        """Id of the most recent audit that covered the school (any scope), or None."""
        return self._one_id(
            "SELECT a.id AS id FROM compliance_audit a JOIN compliance_school s"
            " ON s.audit_id = a.id WHERE s.school = ? ORDER BY a.time DESC, a.id DESC LIMIT 1",
            (school_id,),
        )

    def previous(self, audit_id: int) -> Audit | None:
        """The audit saved just before ``audit_id`` (by time), or None.

        Raises:
            AuditNotFoundError: no audit ``audit_id``.
        """
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT time FROM compliance_audit WHERE id = ?", (audit_id,)
            ).fetchone()
        if row is None:
            raise AuditNotFoundError(f"no audit {audit_id}")
        found = self._one_id(
            "SELECT id FROM compliance_audit WHERE time < ? OR (time = ? AND id < ?)"
            " ORDER BY time DESC, id DESC LIMIT 1",
            (row["time"], row["time"], audit_id),
        )
        return None if found is None else self.load(found)

    def list(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[AuditHeader]:
        """Headers (id, time, scope, counts per county) of audits in ``[since, until)``.

        Oldest first; either bound may be None (open).
        """
        sql, args = "SELECT * FROM compliance_audit WHERE 1 = 1", list[str]()
        if since is not None:
            sql, args = sql + " AND time >= ?", [*args, _time(since)]
        if until is not None:
            sql, args = sql + " AND time < ?", [*args, _time(until)]
        with self.db.reading() as conn:
            rows = conn.execute(sql + " ORDER BY time, id", args).fetchall()
        return [_header(row) for row in rows]
