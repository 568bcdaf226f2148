"""Shared output helpers of the command line.

Light on purpose, like every ``netops.cli`` module: ``import netops.cli`` must stay cheap
(``netops --help``, the TUI's start), so the inventory and settings load when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from netops.inventory import Inventory, InventoryError

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

InventoryPath = Annotated[
    Path | None,
    typer.Argument(
        help="Inventory directory (default: NETOPS_INVENTORY or the committed prefecture).",
        show_default=False,
    ),
]


def inventory_root(path: Path | None) -> Path:
    """The inventory directory the user named, else the configured one."""
    from netops.settings import get_settings  # noqa: PLC0415 (lazy: see the module doc)

    return path if path is not None else get_settings().inventory


def report_invalid(error: InventoryError) -> None:
    """Print every issue of an invalid inventory to stderr."""
    for issue in error.issues:
        errors.print(str(issue), soft_wrap=True, markup=False)
    errors.print(f"inventory invalid: {len(error.issues)} error(s)", style="bold red")


def load_or_exit(path: Path | None, *, fresh: bool = False) -> Inventory:
    """Load the inventory (unchanged files: from the cache, see ``netops.inventory.cache``;
    ``fresh``: read and validate every file), or print every error and exit 1."""
    from netops.inventory import InventoryError, load_inventory  # noqa: PLC0415 (lazy)
    from netops.inventory.cache import load_cached  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    root = inventory_root(path)
    try:
        if fresh:
            return load_inventory(root)
        return load_cached(root, get_settings().inventory_cache)
    except InventoryError as error:
        report_invalid(error)
        raise typer.Exit(1) from None
