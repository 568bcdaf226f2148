"""The inventory: the prefecture's single source of truth."""

from netops.inventory.errors import InventoryError, InventoryIssue
from netops.inventory.inventory import Inventory
from netops.inventory.loader import load_inventory, read_inventory

__all__ = ["Inventory", "InventoryError", "InventoryIssue", "load_inventory", "read_inventory"]
