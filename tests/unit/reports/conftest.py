"""Shared pieces of the report tests: the small inventory, a timetable, hand-made inputs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.inventory import Inventory, load_inventory
from netops.reports.period import Period, PeriodKind
from netops.timetable import Timetable


@pytest.fixture(scope="session")
def inventory(small_inventory_master: Path) -> Inventory:
    return load_inventory(small_inventory_master)


@pytest.fixture
def timetable() -> Timetable:
    """Lessons 08:00-12:00 and 14:00-17:30, Monday to Friday, Asia/Shanghai."""
    return Timetable()


@pytest.fixture
def may() -> Period:
    """May 2024, UTC boundaries (simple arithmetic in the tests)."""
    return Period(
        kind=PeriodKind.MONTH,
        label="2024-05",
        start=datetime(2024, 5, 1, tzinfo=UTC),
        end=datetime(2024, 6, 1, tzinfo=UTC),
    )
