"""The TUI under test: the committed prefecture, fixed data, a frozen clock, 120x40."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot

from netops.clock import FixedClock
from netops.inventory.loader import load_inventory
from netops.settings import default_inventory
from tui.app import NocApp
from tui.data import directory_of
from tui.fixture import FixtureSource
from tui.models import Directory

#: Monday 2 March 2020, 09:41 in the prefecture (UTC+8): a teaching morning.
NOW = datetime(2020, 3, 2, 1, 41, tzinfo=UTC)
SIZE = (120, 40)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def directory() -> Directory:
    """The committed prefecture's names (1,718 schools), loaded once."""
    return directory_of(load_inventory(default_inventory()))


@pytest.fixture
def clock() -> FixedClock:
    """The frozen clock."""
    return FixedClock(NOW)


@pytest.fixture
def source(directory: Directory, clock: FixedClock) -> FixtureSource:
    """Fixed data over the prefecture, as of ``NOW``."""
    return FixtureSource(directory, clock)


@pytest.fixture
def make_app(source: FixtureSource, clock: FixedClock) -> Callable[..., NocApp]:
    """An app on the fixture, with no refresh timer unless asked (and no frozen garbage
    collector: tests come and go in one process)."""

    def make(refresh_s: float = 0.0) -> NocApp:
        return NocApp(source, clock=clock, refresh_s=refresh_s, freeze_gc=False)

    return make


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
