"""What an audit covers: ``all``, ``county NAME`` or ``school ID``."""

from __future__ import annotations

from dataclasses import dataclass

from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile


class ScopeError(ValueError):
    """A scope that does not parse or names no county/school of the inventory."""


@dataclass(frozen=True)
class AuditScope:
    """An audit's scope."""

    kind: str = "all"
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> AuditScope:
        """``all``, ``county NAME`` / ``county:NAME``, ``school ID`` / ``school:ID``.

        Raises:
            ScopeError: anything else.
        """
        parts = text.replace(":", " ").split()
        if parts == ["all"]:
            return cls()
        if len(parts) == 2 and parts[0] in ("county", "school"):
            return cls(parts[0], parts[1])
        raise ScopeError(f"scope {text!r}: expected all, county NAME or school ID")

    def __str__(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind} {self.value}"

    def schools(self, inventory: Inventory) -> list[SchoolFile]:
        """The schools in scope, in inventory order.

        Raises:
            ScopeError: an unknown county or school.
        """
        if self.kind == "all":
            return list(inventory.schools.values())
        if self.kind == "county":
            if self.value not in inventory.counties:
                known = ", ".join(inventory.counties)
                raise ScopeError(f"no county {self.value!r}; expected one of {known}")
            return inventory.schools_in(self.value)
        if self.value not in inventory.schools:
            raise ScopeError(f"no school {self.value!r} in the inventory")
        return [inventory.schools[self.value]]

    def county(self, inventory: Inventory) -> str | None:
        """The one county to read from the store, or None for all."""
        if self.kind == "county":
            return self.value
        if self.kind == "school" and self.value in inventory.schools:
            return inventory.schools[self.value].county
        return None
