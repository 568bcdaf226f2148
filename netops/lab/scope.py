"""What part of the prefecture the lab (or a poll) covers.

Light on purpose: ``netops lab up --scope`` declares its option with this type, and the
command line must not import the lab to show its help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netops.inventory.inventory import Inventory
    from netops.inventory.models import SchoolFile


@dataclass(frozen=True)
class Scope:
    """Which part of the prefecture the lab runs: all, one county, or the first N schools."""

    kind: str = "county"
    value: str = "xingyi"

    @classmethod
    def parse(cls, text: str) -> Scope:
        """``all``, ``county NAME`` / ``county:NAME``, ``schools N`` / ``schools:N``."""
        parts = text.replace(":", " ").split()
        if parts == ["all"]:
            return cls("all", "")
        if len(parts) == 2 and parts[0] in ("county", "schools"):
            if parts[0] == "schools" and not parts[1].isdigit():
                raise ValueError(f"schools needs a number, got {parts[1]!r}")
            return cls(parts[0], parts[1])
        raise ValueError(f"scope {text!r}: expected all, county NAME or schools N")

    def __str__(self) -> str:
        return self.kind if self.kind == "all" else f"{self.kind} {self.value}"

    def schools(self, inventory: Inventory) -> list[SchoolFile]:
        """The schools in scope.

        Raises:
            KeyError: an unknown county.
        """
        if self.kind == "all":
            return list(inventory.schools.values())
        if self.kind == "county":
            if self.value not in inventory.counties:
                raise KeyError(
                    f"no county {self.value!r}; expected one of {', '.join(inventory.counties)}"
                )
            return inventory.schools_in(self.value)
        return list(inventory.schools.values())[: int(self.value)]
