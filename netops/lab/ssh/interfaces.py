"""Interface names as the CLI takes them: full, the vendor's short form, or a unique prefix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# The type is letters (and hyphens), possibly after digits as in Huawei's 100GE.
_NAME = re.compile(r"^(?P<type>\d*[A-Za-z][A-Za-z-]*?)(?P<number>\d+(?:/\d+)*)$")
_NUMBER = re.compile(r"^\d+(?:/\d+)*$")


def split_name(name: str) -> tuple[str, str] | None:
    """``GigabitEthernet0/0/1`` -> (``GigabitEthernet``, ``0/0/1``); None if not a port name."""
    match = _NAME.match(name)
    return (match["type"], match["number"]) if match else None


class InterfaceNames:
    """The ports of one device and the ways an engineer may type them."""

    def __init__(self, names: Iterable[str], short: Mapping[str, str]) -> None:
        self._names = {name.lower(): name for name in names}
        types = {parts[0] for name in self._names.values() if (parts := split_name(name))}
        self._types = sorted(types, key=len)
        # Short forms (GE, XGE...) that the device accepts for the types it has.
        self._short = {s.lower(): full for full, s in short.items() if full in types}
        self._abbrev = dict(short)

    def abbreviate(self, name: str) -> str:
        """The short form the device prints in brief tables (``GE0/0/1``)."""
        parts = split_name(name)
        if parts is None:
            return name
        return self._abbrev.get(parts[0], parts[0]) + parts[1]

    def resolve(self, words: list[str], i: int) -> tuple[str, int] | None:
        """The port named at ``words[i]`` (``GE0/0/1``, ``gi0/0/1``, ``GigabitEthernet 0/0/1``)."""
        parts = split_name(words[i])
        used = 1
        if parts is None and i + 1 < len(words) and _NUMBER.match(words[i + 1]):
            parts, used = (words[i], words[i + 1]), 2
        if parts is None:
            return None
        kind = self._kind(parts[0])
        if kind is None:
            return None
        name = self._names.get(f"{kind}{parts[1]}".lower())
        return (name, used) if name else None

    def _kind(self, typed: str) -> str | None:
        lowered = typed.lower()
        exact = [t for t in self._types if t.lower() == lowered]
        if exact:
            return exact[0]
        if lowered in self._short:
            return self._short[lowered]
        prefixed = [t for t in self._types if t.lower().startswith(lowered)]
        return prefixed[0] if len(prefixed) == 1 else None
