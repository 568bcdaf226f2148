"""VLAN lists as VRP and Comware write them: ``10 100 200 to 202``."""

from __future__ import annotations

import re
from collections.abc import Iterable

_VLAN_LIST = re.compile(r"^\d+(\s+to\s+\d+)?(\s+\d+(\s+to\s+\d+)?)*$")


def vlan_ids(text: str) -> list[int]:
    """``10 100 200 to 202`` -> [10, 100, 200, 201, 202].

    Raises:
        ValueError: not a VLAN list, or a VLAN outside 1-4094.
    """
    words = text.split()
    if not _VLAN_LIST.match(" ".join(words)):
        raise ValueError(text)
    ids: set[int] = set()
    i = 0
    while i < len(words):
        low = high = int(words[i])
        if i + 2 < len(words) and words[i + 1] == "to":
            high, i = int(words[i + 2]), i + 3
        else:
            i += 1
        if not 1 <= low <= high <= 4094:
            raise ValueError(text)
        ids.update(range(low, high + 1))
    return sorted(ids)


def vlan_text(ids: Iterable[int]) -> str:
    """[10, 11, 12, 100] -> ``10 to 12 100``, as VRP and Comware print VLAN lists."""
    runs: list[list[int]] = []
    for vlan in sorted(ids):
        if runs and vlan == runs[-1][-1] + 1:
            runs[-1].append(vlan)
        else:
            runs.append([vlan])
    return " ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)
