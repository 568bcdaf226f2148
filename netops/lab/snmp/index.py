"""A small, fast stand-in for ``dbm`` under snmpsim's record index (``open`` and ``whichdb``).

snmpsim keeps, per data file, an index OID -> "offset,subtree,previous offset" in a dbm
database. The Python here has neither gdbm nor ndbm, so snmpsim falls back to
``dbm.dumb``, which reopens a file for every lookup and ``literal_eval``s every key when
opening: about 55 ms to open a device's index and 70 us per lookup. This module keeps
the index as a plain dict loaded from a tab-separated file (well under a millisecond to
open, a dict lookup per varbind); the launcher installs it in place of ``dbm``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

MAGIC: Final = "netops-lab-index 1\n"
KIND: Final = "netops-lab-index"


class Index:
    """One data file's index: str keys, bytes values (what dbm hands back)."""

    def __init__(self, path: str, flag: str = "r") -> None:
        self.path = path
        self._dirty = "n" in flag
        self._data: dict[str, bytes] = {} if self._dirty else _load(path)

    def __getitem__(self, key: str | bytes) -> bytes:
        return self._data[key.decode() if isinstance(key, bytes) else key]

    def __setitem__(self, key: str | bytes, value: str | bytes) -> None:
        name = key.decode() if isinstance(key, bytes) else key
        self._data[name] = value.encode() if isinstance(value, str) else value
        self._dirty = True

    def __contains__(self, key: object) -> bool:
        name = key.decode() if isinstance(key, bytes) else key
        return name in self._data

    def __len__(self) -> int:
        return len(self._data)

    def keys(self) -> list[str]:
        """Every key."""
        return list(self._data)

    def close(self) -> None:
        """Write the index if it changed (atomically: a reader never sees half of it)."""
        if not self._dirty:
            return
        tmp = Path(f"{self.path}.tmp")
        with tmp.open("w", encoding="utf-8") as out:
            out.write(MAGIC)
            out.writelines(f"{k}\t{v.decode()}\n" for k, v in self._data.items())
        tmp.replace(self.path)
        self._dirty = False


def _load(path: str) -> dict[str, bytes]:
    with Path(path).open(encoding="utf-8") as text:
        if text.readline() != MAGIC:
            raise OSError(f"{path} is not a netops lab index")
        return {k: v.encode() for k, _, v in (line.rstrip("\n").partition("\t") for line in text)}


def open(file: str, flag: str = "r", mode: int = 0o666) -> Index:  # dbm's API, hence the name
    """Open (``flag`` 'r') or create anew (a flag with 'n') the index at ``file``."""
    return Index(file, flag)


def whichdb(filename: str) -> str | None:
    """``KIND`` if ``filename`` is one of our indexes, else None (snmpsim then rebuilds)."""
    try:
        with Path(filename).open(encoding="utf-8") as text:
            return KIND if text.readline() == MAGIC else None
    except (OSError, UnicodeDecodeError):
        return None
