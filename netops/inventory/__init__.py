"""The inventory: the prefecture's single source of truth.

The public names load on first use (PEP 562), so ``netops.inventory.choices`` and the
other light submodules import without pydantic and the loader (the CLI's start-up).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netops.inventory.errors import InventoryError, InventoryIssue
    from netops.inventory.inventory import Inventory
    from netops.inventory.loader import load_inventory, read_inventory

__all__ = ["Inventory", "InventoryError", "InventoryIssue", "load_inventory", "read_inventory"]

_HOME = {
    "Inventory": "netops.inventory.inventory",
    "InventoryError": "netops.inventory.errors",
    "InventoryIssue": "netops.inventory.errors",
    "load_inventory": "netops.inventory.loader",
    "read_inventory": "netops.inventory.loader",
}


def __getattr__(name: str) -> object:
    """Import a public name from its submodule on first use."""
    try:
        home = _HOME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
