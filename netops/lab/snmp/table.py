"""Each data file as a sorted in-memory table: GET by bisect, GETNEXT/GETBULK by position.

snmpsim answers every varbind by looking the OID up in its record index, seeking in the
data file's text, reading and parsing a line or two, building the pyasn1 value and (for
live records) calling the variation module through several layers: about 150 us per
varbind, half of a responder's time. The launcher replaces
``DataFile.process_var_binds`` with ``Table.answer``, which serves reads from a table
built once per data file (at its first request) and gives the same answers:

- GET: the record's value if the OID is in the file, else noSuchInstance; a live record
  whose value is absent (an optic without a value) is noSuchInstance too;
- GETNEXT (and each GETBULK repetition): the first record after the OID whose value is
  present (an absent live value is skipped, as snmpsim's endOfMib retry does), or
  endOfMibView at the end of the file;
- SET stays with snmpsim (``None``: the caller falls back), the agent is read-only.

Static values are pyasn1 objects built once and shared by every record (and device) with
the same tag and text (``ifType`` 6, port names, ...), and so are the OIDs: a
prefecture's 1.3 million records hold a few thousand distinct objects. Live records
keep their ``(field, ifIndex)`` and are computed from the lab state at each request
(``dynamic.live_value``), so they follow the state exactly as before.

Data files are read once: the lab writes them before the responders start and changes
only the state at run time (a rewritten data file needs a restart of its responder).
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from pyasn1.type import univ  # type: ignore[import-untyped]
from pysnmp.smi import exval  # type: ignore[import-untyped]
from snmpsim.record.snmprec import SnmprecRecord  # type: ignore[import-untyped]

from netops.lab.snmp import dynamic
from netops.lab.snmp.oids import VARIATION_MODULE, Field

Oid = tuple[int, ...]
#: A live record: what to compute, for which ifIndex, and the pyasn1 type to wrap it in.
Live = tuple[Field, int, Callable[[Any], Any]]

_PARSER: Final = SnmprecRecord()
_TYPES: Final[dict[str, Callable[[Any], Any]]] = _PARSER.grammar.TAG_MAP
_LIVE_SUFFIX: Final = f":{VARIATION_MODULE}"
#: Fields whose values repeat (status, speed, duplex, alias, optics): their pyasn1
#: objects are kept, up to this many; counters and times are built at each request.
_KEEP_LIVE: Final = 65_536
_CHANGING: Final = frozenset(
    {
        Field.UPTIME,
        Field.LAST_CHANGE,
        Field.IN_OCTETS,
        Field.OUT_OCTETS,
        Field.HC_IN_OCTETS,
        Field.HC_OUT_OCTETS,
        Field.IN_ERRORS,
        Field.OUT_ERRORS,
        Field.IN_DISCARDS,
        Field.OUT_DISCARDS,
    }
)


class _Shared:
    """Objects shared by every table of the process (immutable pyasn1 values and OIDs)."""

    def __init__(self) -> None:
        self.oids: dict[Oid, tuple[Oid, Any]] = {}
        self.oid_texts: dict[str, tuple[Oid, Any]] = {}
        self.values: dict[tuple[str, str], Any] = {}
        self.live: dict[tuple[Field, int, str], Live] = {}
        self.live_values: dict[tuple[Callable[[Any], Any], int | bytes], Any] = {}

    def oid(self, text: str) -> tuple[Oid, Any]:
        found = self.oid_texts.get(text)
        if found is None:
            key = tuple(int(part) for part in text.split("."))
            found = self.oids.get(key)
            if found is None:
                found = self.oids[key] = (key, univ.ObjectIdentifier(key))
            self.oid_texts[text] = found
        return found

    def value(self, oid: str, tag: str, text: str) -> Any:
        key = (tag, text)
        found = self.values.get(key)
        if found is None:
            found = self.values[key] = _PARSER.evaluate_value(oid, tag, text)[2]
        return found

    def live_record(self, tag: str, text: str) -> Live:
        name, _, index = text.partition(",")
        key = (Field(name), int(index or 0), tag)
        found = self.live.get(key)
        if found is None:
            found = self.live[key] = (key[0], key[1], _TYPES[tag])
        return found

    def wrap(self, live: Live, value: int | bytes) -> Any:
        if live[0] in _CHANGING:
            return live[2](value)
        key = (live[2], value)
        found = self.live_values.get(key)
        if found is None:
            if len(self.live_values) >= _KEEP_LIVE:
                self.live_values.clear()
            found = self.live_values[key] = live[2](value)
        return found


_SHARED: Final = _Shared()


class Table:
    """The records of one data file, sorted by OID."""

    __slots__ = ("data_file", "keys", "oids", "values")

    def __init__(self, data_file: str) -> None:
        self.data_file = data_file
        rows: list[tuple[Oid, Any, Any]] = []
        with Path(data_file).open(encoding="iso-8859-1") as text:
            for raw in text:
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                oid_text, tag, value = line.split("|", 2)
                key, oid = _SHARED.oid(oid_text)
                if tag.endswith(_LIVE_SUFFIX):
                    entry: Any = _SHARED.live_record(tag.removesuffix(_LIVE_SUFFIX), value)
                else:
                    entry = _SHARED.value(oid_text, tag, value)
                rows.append((key, oid, entry))
        rows.sort(key=lambda row: row[0])
        self.keys: list[Oid] = [row[0] for row in rows]
        self.oids: list[Any] = [row[1] for row in rows]
        self.values: list[Any] = [row[2] for row in rows]

    def __len__(self) -> int:
        return len(self.keys)

    def _value(self, position: int) -> Any:
        """The value of the record at ``position`` now; None if it has none (live, absent)."""
        value = self.values[position]
        if type(value) is not tuple:
            return value
        result = dynamic.live_value(self.data_file, value[0], value[1], time.time())
        return None if result is None else _SHARED.wrap(value, result)

    def get(self, oid: Any) -> Any:
        """The value of ``oid``, or noSuchInstance."""
        key = tuple(oid)
        position = bisect_left(self.keys, key)
        if position < len(self.keys) and self.keys[position] == key:
            value = self._value(position)
            if value is not None:
                return value
        return exval.noSuchInstance

    def next(self, oid: Any) -> tuple[Any, Any]:
        """The first record after ``oid`` that has a value, or ``(oid, endOfMibView)``."""
        position = bisect_right(self.keys, tuple(oid))
        while position < len(self.keys):
            value = self._value(position)
            if value is not None:
                return self.oids[position], value
            position += 1
        return oid, exval.endOfMib

    def answer(self, var_binds: Sequence[tuple[Any, Any]], **context: Any) -> list[Any] | None:
        """snmpsim's ``process_var_binds`` for reads; None for a SET (left to snmpsim)."""
        if context.get("setFlag"):
            return None
        if context.get("nextFlag"):
            return [self.next(oid) for oid, _ in var_binds]
        return [(oid, self.get(oid)) for oid, _ in var_binds]


_TABLES: Final[dict[str, Table]] = {}


def table(data_file: str) -> Table:
    """The table of ``data_file``, read at the first call."""
    found = _TABLES.get(data_file)
    if found is None:
        found = _TABLES[data_file] = Table(data_file)
    return found


def shared_sizes() -> dict[str, int]:
    """How many shared objects the tables hold (for tests and memory estimates)."""
    return {
        "tables": len(_TABLES),
        "oids": len(_SHARED.oids),
        "values": len(_SHARED.values),
        "live": len(_SHARED.live),
    }
