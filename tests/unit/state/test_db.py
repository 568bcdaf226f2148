"""The state database: migrations apply once, in order; a newer file is refused."""

from pathlib import Path

import pytest

from netops.state import Schema, open_state

V1 = Schema("things", ["CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT)"])
V2 = Schema("things", [*V1.migrations, "ALTER TABLE thing ADD COLUMN colour TEXT"])


def test_migrations_apply_once_and_in_order(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    db = open_state(path, [V1])
    with db.transaction() as conn:
        conn.execute("INSERT INTO thing (name) VALUES ('a')")
    db.close()
    db = open_state(path, [V2])
    db.ensure(V2)
    with db.reading() as conn:
        rows = conn.execute("SELECT name, colour FROM thing").fetchall()
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    assert [tuple(r) for r in rows] == [("a", None)]
    assert version == 2


def test_a_file_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    open_state(path, [V2]).close()
    with pytest.raises(RuntimeError, match="newer than this netops knows"):
        open_state(path, [V1])


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = open_state(tmp_path / "s.sqlite", [V1])
    with pytest.raises(ValueError), db.transaction() as conn:
        conn.execute("INSERT INTO thing (name) VALUES ('lost')")
        raise ValueError
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM thing").fetchone()[0] == 0
