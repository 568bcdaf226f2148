"""Inventory errors that name the file, the line, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: A field path inside one YAML document: keys and list indexes.
Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``('rooms', 3, 'terminals', 0, 'ip')`` -> ``rooms[3].terminals[0].ip``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "<document>"


@dataclass(frozen=True, slots=True)
class InventoryIssue:
    """One thing wrong with the inventory.

    ``line`` is 1-based and None until resolved from the YAML source; ``loc``
    is the field path inside ``file``.
    """

    file: Path
    loc: Loc
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {format_loc(self.loc)}: {self.message}"


@dataclass(slots=True)
class InventoryError(Exception):
    """The inventory is invalid; carries every issue found, not just the first."""

    issues: list[InventoryIssue] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.issues)} error(s) in the inventory"
        return "\n".join([head, *(f"  {issue}" for issue in self.issues)])
