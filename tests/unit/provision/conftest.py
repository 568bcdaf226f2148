"""Fixtures of the provisioning tests: the small inventory, loaded once; a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.clock import FixedClock
from netops.inventory import Inventory, load_inventory


@pytest.fixture(scope="session")
def inventory(small_inventory_master: Path) -> Inventory:
    """The small generated prefecture (read only)."""
    return load_inventory(small_inventory_master)


@pytest.fixture
def clock() -> FixedClock:
    """A clock at 2025-03-01 08:00 UTC."""
    return FixedClock(datetime(2025, 3, 1, 8, 0, tzinfo=UTC))
