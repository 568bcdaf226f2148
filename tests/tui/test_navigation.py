"""Pilot tests: screens by key, drill-down, filters, palette, refresh keeping the cursor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial

import pytest
from rich.text import Span, Text
from textual.command import CommandPalette
from textual.widgets import DataTable

from netops.clock import FixedClock
from tests.tui.conftest import NOW, SIZE, settle
from tui.app import NocApp
from tui.fixture import FixtureSource
from tui.models import COMPLIANT, OutageRow
from tui.screens.compliance import ComplianceScreen
from tui.screens.help import HelpScreen
from tui.screens.outages import OutagesScreen
from tui.screens.overview import OverviewScreen
from tui.screens.school import SchoolScreen
from tui.widgets.kept_table import KeptTable
from tui.widgets.status import FreshnessBar

pytestmark = pytest.mark.tui

MakeApp = Callable[..., NocApp]


def _table(app: NocApp, table_id: str) -> KeptTable:
    if table_id == "failing":  # the full table, or the filtered one while a filter is set
        assert isinstance(app.screen, ComplianceScreen)
        return app.screen.failing
    return app.screen.query_one(f"#{table_id}", KeptTable)


async def test_overview_counts_every_school(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert app.snapshot is not None
        totals = app.snapshot.overview.totals
        assert totals.schools == 1718
        assert totals.compliant + totals.non_compliant + totals.not_monitored == 1718
        assert len(_table(app, "counties").keys) == 9
        assert not app.stale


async def test_keys_switch_screens(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen in (
            ("u", OutagesScreen),
            ("c", ComplianceScreen),
            ("o", OverviewScreen),
            ("2", OutagesScreen),
            ("3", ComplianceScreen),
            ("1", OverviewScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_county_drills_into_compliance_then_school(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        counties = _table(app, "counties")
        await pilot.press("down", "down")
        county = counties.current_key
        assert county == "anlong"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        assert screen.county == county
        failing = _table(app, "failing")
        assert failing.keys
        assert app.snapshot is not None
        wanted = {r.key for r in app.snapshot.compliance.rows if r.county == county}
        assert set(failing.keys) == wanted
        school = failing.current_key
        assert school is not None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        assert app.screen.school_id == school.split("/")[0]
        assert app.screen.detail is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ComplianceScreen)


async def test_compliance_filters_by_county_and_type(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        assert app.snapshot is not None
        rows = {r.key: r for r in app.snapshot.compliance.rows}
        everything = len(_table(app, "failing").keys)
        assert everything == len(rows)
        screen.school_type = "primary"
        await pilot.pause()
        kept = _table(app, "failing").keys
        assert kept and all(rows[k].school_type == "primary" for k in kept)
        # The county through the select, as a user does it: f, open, the first county.
        await pilot.press("f", "enter", "down", "enter")
        await pilot.pause()
        assert screen.county == "xingyi"
        kept = _table(app, "failing").keys
        assert kept and all(rows[k].county == "xingyi" for k in kept)
        assert all(rows[k].school_type == "primary" for k in kept)
        screen.failing.focus()
        await pilot.press("x")
        await pilot.pause()
        assert screen.county is None and screen.school_type is None
        assert len(_table(app, "failing").keys) == everything


async def test_palette_finds_a_school_by_id(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"al-0002")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        assert app.screen.school_id == "al-0002"


async def test_palette_finds_a_county(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"County: Wangmo")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ComplianceScreen)
        assert app.screen.county == "wangmo"


async def test_refresh_keeps_cursor_and_scroll(make_app: MakeApp, source: FixtureSource) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = _table(app, "failing")
        await pilot.press(*["down"] * 40)
        await pilot.pause()
        key, row, scroll = table.current_key, table.cursor_row, table.scroll_y
        assert row == 40 and scroll > 0
        for _ in range(3):
            app.refresh_data()
            await settle(pilot)
        assert (table.current_key, table.cursor_row, table.scroll_y) == (key, row, scroll)
        assert source.snapshots >= 4


async def test_refresh_follows_the_row_when_rows_move(
    make_app: MakeApp, source: FixtureSource
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = _table(app, "outages")
        await pilot.press("down")
        key = table.current_key
        assert key is not None and table.cursor_row == 1
        # A wider outage arrives: it sorts first, the cursor stays on its outage.
        source.add_outage(_outage("o-wide", students=999_999))
        app.refresh_data()
        await settle(pilot)
        assert table.keys[0] == "o-wide"
        assert table.current_key == key and table.cursor_row == 2


async def test_new_outage_is_highlighted_and_history_toggles(
    make_app: MakeApp, source: FixtureSource
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = _table(app, "outages")
        kinds = {k: str(table.get_row(k)[1]) for k in table.keys}
        assert kinds["o-new"].startswith("NEW")
        assert not kinds["o-agg"].startswith("NEW")
        await pilot.press("h")
        await settle(pilot)
        assert "o-old" in table.keys  # closed: only in the history
        await pilot.press("h")
        await settle(pilot)
        assert "o-old" not in table.keys


async def test_closed_outage_leaves_the_screen(make_app: MakeApp, source: FixtureSource) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "o-up" in _table(app, "outages").keys
        source.close_outage("o-up")
        await pilot.press("r")
        await settle(pilot)
        assert "o-up" not in _table(app, "outages").keys


async def test_stale_banner_when_polls_stop(
    make_app: MakeApp, source: FixtureSource, clock: FixedClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FreshnessBar)
        assert not app.stale and not bar.has_class("-stale")
        clock.advance(600)  # ten minutes without a poll cycle
        source.last_poll_age_s = 620
        app.refresh_data()
        await settle(pilot)
        assert app.stale and bar.has_class("-stale")
        assert app.freshness.startswith("STALE")


async def test_source_failure_marks_stale_keeps_figures(
    make_app: MakeApp, source: FixtureSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.snapshot

        def broken() -> None:
            raise ConnectionError("InfluxDB is not answering")

        monkeypatch.setattr(source, "snapshot", broken)
        app.refresh_data()
        await settle(pilot)
        assert app.stale and "not answering" in app.freshness
        assert app.snapshot is before


async def test_timer_refreshes(make_app: MakeApp) -> None:
    app = make_app(refresh_s=0.05)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.refreshes >= 3:
                break
        assert app.refreshes >= 3


def _outage(oid: str, *, students: int) -> OutageRow:
    return OutageRow(
        id=oid,
        kind="device_down",
        root="xr-agg01",
        county="xingren",
        school=None,
        started=NOW - timedelta(minutes=30),
        ended=None,
        teaching_hours=True,
        schools=120,
        classrooms=900,
        students=students,
    )


def test_fixture_is_deterministic(source: FixtureSource, directory: object) -> None:
    again = FixtureSource(source.directory(), source.clock)
    assert again.snapshot() == source.snapshot()
    compliant = next(s for s in source.directory().schools if source.bucket_of(s) == COMPLIANT)
    assert again.school(compliant) == source.school(compliant)
    assert replace(source.snapshot().freshness, error=None).last_poll is not None


async def test_filter_then_x_keeps_both_tables_and_draws_as_fresh(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        assert app.snapshot is not None
        full, changes = _table(app, "failing"), _table(app, "changes")
        every_change = changes.keys
        await pilot.press(*["down"] * 30)
        await pilot.pause()
        where = (full.current_key, full.cursor_row, full.scroll_y)
        for county in ("xingyi", "anlong", "xingyi"):
            screen.county = county
            await pilot.pause()
            assert not full.display and not changes.display
            short = _table(app, "changes-filtered")
            assert short.display
            counties = {c.school: c.county for c in app.snapshot.compliance.changes}
            assert short.keys and {counties[k.split("/")[0]] for k in short.keys} == {county}
            assert app.screen.focused is screen.failing  # focus followed the table
            await pilot.press("x")
            await pilot.pause()
            assert full.display and changes.display and app.screen.focused is full
            assert (full.current_key, full.cursor_row, full.scroll_y) == where
            assert changes.keys == every_change
        # Lines kept across the round trips are the lines DataTable draws afresh.
        kept = [full.render_line(y) for y in range(full.size.height)]
        full._lines.clear()
        full._clear_caches()
        assert [full.render_line(y) for y in range(full.size.height)] == kept


async def test_cells_drawn_as_datatable_draws_them(make_app: MakeApp) -> None:
    """``KeptTable._render_cell`` gives the segments of ``DataTable._render_cell``: every
    cell of both compliance tables, under the cursor, hovered, focused or not, plus cells
    of awkward text (empty, too long, wide characters, styled, a line break)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        extra = _table(app, "changes")
        odd = [
            "",
            "x" * 200,
            "興義市第一中学校" * 5,
            "a[b]c",
            "trailing   ",
            "two\nlines",
            "tab\there",
        ]
        styled = [
            Text("new", style="bold red"),
            Text("", style="dim"),
            Text("ab", spans=[Span(0, 1, "green")]),
            Text("abc", style="italic", spans=[Span(1, 2, "green"), Span(0, 3, "bold")]),
            Text("1,234", style="green", justify="right"),
            Text("centre", justify="center"),
            Text("y" * 100, overflow="ellipsis"),
        ]
        extra.show_rows(
            [*extra_rows(extra), *((f"odd{i}", [c] * 6) for i, c in enumerate([*odd, *styled]))]
        )
        await pilot.pause()
        for table in (_table(app, "failing"), extra):
            table.focus()
            await pilot.pause()
            table._pseudo_class_state = table.get_pseudo_class_state()
            widths = [c.get_render_width(table) for c in table.ordered_columns]
            n = table.row_count  # the first rows and the awkward ones (the last)
            for row in sorted({*range(min(n, 40)), *range(max(0, n - 20), n)}):
                for column, width in enumerate(widths):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        style = table._get_row_style(row, table.rich_style)
                        table._cell_render_cache.clear()
                        ours = table._render_cell(row, column, style, width, cursor, hover)
                        table._cell_render_cache.clear()
                        theirs = DataTable._render_cell(
                            table, row, column, style, width, cursor, hover
                        )
                        if table._column_x[column] < table.size.width:  # in sight
                            assert ours == theirs, (row, column, cursor, hover)
            await _assert_lines_as_datatable(pilot, table)


def extra_rows(table: KeptTable) -> list[tuple[str, list[object]]]:
    """The rows ``table`` shows."""
    return [(key, list(table._cells[key])) for key in table.keys]


async def _assert_lines_as_datatable(pilot: object, table: KeptTable) -> None:
    """Whole lines, scrolled sideways, equal DataTable's own (no cell left out)."""
    for scroll_x in (0, 37, 90, 0):
        table.scroll_to(scroll_x, 0, animate=False, immediate=True)
        await pilot.pause()  # type: ignore[attr-defined]
        ours = [table.render_line(y) for y in range(table.size.height)]
        table._lines.clear()
        table._clear_caches()
        table._render_cell = partial(DataTable._render_cell, table)  # type: ignore[method-assign]
        table._render_line_in_row = partial(DataTable._render_line_in_row, table)  # type: ignore[method-assign]
        try:
            theirs = [DataTable.render_line(table, y) for y in range(table.size.height)]
        finally:
            del table._render_cell, table._render_line_in_row
            table._clear_caches()
        assert ours == theirs, (table.id, scroll_x)


async def test_every_table_drawn_as_datatable_draws_it(make_app: MakeApp) -> None:
    """The tables of the overview and outages screens too (right-aligned numbers...)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("o", "u", "c"):
            await pilot.press(key)
            await settle(pilot)
            for table in app.screen.query(KeptTable):
                if table.display:
                    await _assert_lines_as_datatable(pilot, table)
