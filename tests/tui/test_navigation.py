"""Pilot tests: screens by key, drill-down, filters, palette, refresh keeping the cursor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Span, Text
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.scrollbar import ScrollBarRender
from textual.style import Style as VisualStyle

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
from tui.widgets.kept_table import KeptTable, fit
from tui.widgets.scroll_bar import DirectBar
from tui.widgets.status import FreshnessBar

pytestmark = pytest.mark.tui

MakeApp = Callable[..., NocApp]


def _table(app: NocApp, table_id: str) -> KeptTable:
    if table_id == "failing":  # the full table, or the filtered one while a filter is set
        assert isinstance(app.screen, ComplianceScreen)
        return app.screen.failing
    return app.screen.query_one(f"#{table_id}", KeptTable)


async def _show(pilot: Pilot[None], key: str) -> None:
    """Wait for the data, then the screen of ``key``, with its data."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


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
        await _show(pilot, "c")
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
        await _show(pilot, "c")
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
        await _show(pilot, "u")
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
        await _show(pilot, "u")
        table = _table(app, "outages")
        kinds = {k: str(table.row(k)[1]) for k in table.keys}
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
        await _show(pilot, "u")
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


async def test_filter_then_x_puts_the_full_lists_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _show(pilot, "c")
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        assert app.snapshot is not None
        failing, changes = _table(app, "failing"), _table(app, "changes")
        every_failure, every_change = failing.keys, changes.keys
        await pilot.press(*["down"] * 30)
        await pilot.pause()
        where = (failing.current_key, failing.cursor_row, failing.scroll_y)
        assert where[1] == 30 and where[2] > 0
        counties = {c.school: c.county for c in app.snapshot.compliance.changes}
        for county in ("xingyi", "anlong", "xingyi"):
            screen.county = county
            await pilot.pause()
            assert changes.keys and {counties[k.split("/")[0]] for k in changes.keys} == {county}
            assert failing.cursor_row == 0 and failing.scroll_y == 0  # a new list: the top
            assert app.screen.focused is failing
            await pilot.press("x")
            await pilot.pause()
            assert (failing.current_key, failing.cursor_row, failing.scroll_y) == where
            assert failing.keys == every_failure and changes.keys == every_change
        # Lines kept across the round trips are the lines drawn afresh.
        kept = [failing.render_line(y) for y in range(failing.size.height)]
        failing._drawn.clear()
        assert [failing.render_line(y) for y in range(failing.size.height)] == kept


def test_fit_pads_or_cuts_with_an_ellipsis() -> None:
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 5) == "abcd…"
    assert fit("", 3) == "   "
    assert fit("興義市第一中学校", 7) == "興義市…"  # wide characters: cells, not letters
    assert fit("興義市第一中学校", 6) == "興義 …"  # a wide letter never split in two
    assert fit("ab", 1) == "a"


async def test_rows_draw_every_kind_of_cell_in_its_column(make_app: MakeApp) -> None:
    """Plain and styled cells, too long, wide, with line breaks, right-aligned: each in
    exactly its column's cells; the cursor's row takes the cursor's colours; every line
    is the table's width, the header stays on top while the rows scroll."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _show(pilot, "c")
        table = _table(app, "changes")  # columns 34, 16, 16, 13, 13, 60
        odd: list[object] = [
            "",
            "x" * 200,
            Text("new", style="bold red"),
            Text("1,234", style="green", justify="right"),
            Text("two\nlines\tand a tab"),
            Text("y" * 100, spans=[Span(0, 3, "bold")]),
        ]
        rows = [(f"row{i}", odd) for i in range(60)]
        table.show_rows(rows)
        table.focus()
        await pilot.pause()
        look = table._styles()
        line = table._draw_row(odd, look[1], None)
        cells = [2 + 34, 2 + 16, 2 + 16, 2 + 13, 2 + 13, 2 + 60]
        assert line.cell_length == sum(cells)
        text = line.text
        starts = [sum(cells[:i]) for i in range(len(cells))]
        assert text[starts[1] : starts[2]] == " " + "x" * 15 + "… "
        assert text[: starts[1]] == " " * 36
        assert text[starts[3] : starts[4]] == " " + "1,234".rjust(13) + " "
        assert text[starts[4] : starts[5]] == " two lines an… "
        assert "red" in str(next(s.style for s in line if s.text.strip() == "new"))
        assert any(s.style and s.style.bold for s in line if s.text.startswith("yyy"))
        assert "…" in text[starts[5] :]
        # The cursor's row wears the cursor's colours over the cells' own.
        under_cursor = table._draw_row(odd, look[1], look[3])
        cursor_colours = (look[1] + look[3]).bgcolor
        assert all(s.style and s.style.bgcolor == cursor_colours for s in under_cursor)
        for y in range(table.size.height):
            assert table.render_line(y).cell_length == table.size.width
        header = table.render_line(0)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 59 and table.scroll_y > 0
        assert table.render_line(0) == header
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("right", "right")
        await pilot.pause()
        assert table.scroll_x == 16
        assert table.render_line(0).text.startswith(table.render_line(0).text[:5])
        assert "School" not in table.render_line(0).text  # scrolled past the first column


async def test_keys_and_clicks_move_the_cursor_and_select(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _show(pilot, "c")
        table = _table(app, "failing")
        body = table.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row == body
        assert table.scroll_y == 1  # the cursor's row just in sight at the bottom
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        third = table.keys[2]
        await pilot.click(table, offset=(3, 3))  # header, then rows 0, 1, 2
        await pilot.pause()
        assert table.cursor_row == 2 and isinstance(app.screen, ComplianceScreen)
        await pilot.click(table, offset=(3, 3))  # again: the school
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        assert app.screen.school_id == third.split("/")[0]


async def test_every_table_line_fits_and_kept_lines_equal_fresh(make_app: MakeApp) -> None:
    """Every table of every screen, scrolled sideways too: lines as wide as the table,
    and the lines kept equal the lines drawn again from the cells."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("o", "u", "c"):
            await pilot.press(key)
            await settle(pilot)
            for table in app.screen.query(KeptTable):
                for scroll_x in (0, 37, 0):
                    table.scroll_to(scroll_x, 0, animate=False, immediate=True)
                    await pilot.pause()
                    kept = [table.render_line(y) for y in range(table.size.height)]
                    assert all(line.cell_length == table.size.width for line in kept)
                    table._drawn.clear()
                    assert [table.render_line(y) for y in range(table.size.height)] == kept


@pytest.mark.parametrize("vertical", [True, False])
def test_scroll_bars_drawn_as_textual_draws_them(vertical: bool) -> None:
    """``DirectBar`` gives the segments of Textual's own ``ScrollBarRender``, at every
    position of the thumb, ends in eighths included."""
    console = Console(width=120, height=40, color_system="truecolor")
    style = RichStyle(color="#ff0000", bgcolor="#202020")
    size, thickness = (23, 1) if vertical else (118, 1)
    for virtual in (24, 57, 240, 1000):
        top = virtual - 23  # scroll offsets never go past it
        for position in sorted({min(p, top) for p in (0, 0.5, 3, virtual / 3, top)}):
            args: dict[str, Any] = {
                "virtual_size": virtual,
                "window_size": 23,
                "position": position,
                "thickness": thickness,
                "vertical": vertical,
                "style": style,
            }
            width, height = (thickness, size) if vertical else (size, thickness)
            options = console.options.update(width=width, height=height)
            theirs = list(
                Segment.split_and_crop_lines(
                    console.render(ScrollBarRender(**args), options),
                    width,
                    pad=False,
                    include_new_lines=False,
                )
            )
            ours = DirectBar(**args).render_strips(width, height, VisualStyle(), None)  # type: ignore[arg-type]
            assert [list(strip) for strip in ours] == theirs, (virtual, position)
