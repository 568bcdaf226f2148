"""Snapshot tests: every screen at 120x40, fixed data, frozen clock (SVGs in __snapshots__).

Regenerate after an intended change with ``pytest tests/tui --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZE, settle
from tui.app import NocApp
from tui.fixture import FixtureSource
from tui.models import COMPLIANT, NON_COMPLIANT

pytestmark = pytest.mark.tui

Compare = Callable[..., bool]
MakeApp = Callable[..., NocApp]


def keys(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the data, press keys, wait again."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def a_school(source: FixtureSource, bucket: str) -> str:
    """The first school (in id order) of a bucket: a stable pick."""
    return min(s for s in source.directory().schools if source.bucket_of(s) == bucket)


def test_overview(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys())


def test_overview_stale(snap_compare: Compare, make_app: MakeApp, source: FixtureSource) -> None:
    source.last_poll_age_s = 7 * 60  # seven missed one-minute polls: the service is down
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys())


def test_outages(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("u"))


def test_outages_history(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("u", "h"))


def test_compliance(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("c"))


def test_compliance_of_a_county(snap_compare: Compare, make_app: MakeApp) -> None:
    # Overview, third county (Anlong), Enter: its failing schools.
    run = keys("down", "down", "enter")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def _school(
    make_app: MakeApp, school: str
) -> tuple[NocApp, Callable[[Pilot[None]], Awaitable[None]]]:
    app = make_app()

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.open_school(school)
        await settle(pilot)

    return app, run


def test_school_compliant(snap_compare: Compare, make_app: MakeApp, source: FixtureSource) -> None:
    app, run = _school(make_app, a_school(source, COMPLIANT))
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_school_failing(snap_compare: Compare, make_app: MakeApp, source: FixtureSource) -> None:
    app, run = _school(make_app, a_school(source, NON_COMPLIANT))
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_help(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("question_mark"))
