"""History (issue 27.9): a table sized to the terminal, Home and End in tables, the new session
selected after a save, every month named on the calendar, dates under the weekly bars, the
target stepped both ways, and "so far" while a week runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.history import Session
from crampui.ui.app import CrampApp
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.widgets.heatmap import month_labels
from crampui.ui.widgets.line_table import LineTable
from crampui.ui.widgets.trend_chart import TrendChart
from tests.seeded import seeded_app
from tests.snapshots import SMALL, TINY
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


def table(app: CrampApp) -> LineTable:
    """The History table."""
    return app.query_one("#history-table", LineTable)


async def open_history(app: CrampApp, pilot: Pilot[int]) -> None:
    """Wait for the app, then open the History tab with its table focused."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")
    await wait_for_focus(pilot, "#history-table")


@pytest.mark.parametrize(("size", "rows"), [(SMALL, 9), (TINY, 6)], ids=["80x24", "60x20"])
async def test_the_table_takes_most_of_the_height(
    tmp_path: Path, size: tuple[int, int], rows: int
) -> None:
    app = seeded_app(tmp_path)
    app.settings = replace(app.settings, weekly_target=3)  # the target line takes a row
    async with app.run_test(size=size) as pilot:
        await open_history(app, pilot)
        await wait_until(pilot, lambda: table(app).size.height, "the table laid out")
        assert table(app).size.height - 1 >= rows  # less its header


async def test_home_and_end_go_to_the_first_and_last_row(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(app, pilot)
        listed = len(app.query_one(HistoryPane).listed)
        await pilot.press("end")
        await wait_until(pilot, lambda: table(app).cursor_row == listed - 1, "the last row")
        await pilot.press("home")
        await wait_until(pilot, lambda: table(app).cursor_row == 0, "the first row")
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: table(app).cursor_row > 1, "a page down")


async def test_a_run_saved_in_the_checklist_is_selected_in_history(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(app, pilot)
        await pilot.press("end")
        await wait_until(pilot, lambda: table(app).cursor_row > 5, "the end of the table")
        await pilot.press("3")
        await wait_for_focus(pilot, "#checklist-items")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-yes")
        await pilot.press("enter")  # Save anyway
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the dialog to close")
        store = app.open_store()
        assert store is not None
        newest = max(store.sessions(), key=lambda session: session.id)
        pane = app.query_one(HistoryPane)

        def selected() -> bool:
            entry = pane.selected_entry()
            return isinstance(entry, Session) and entry.id == newest.id

        await pilot.press("4")  # a hidden History reads the change once it is shown again
        await wait_for_focus(pilot, "#history-table")
        await wait_until(pilot, selected, "the new session selected")
        assert table(app).cursor_row == 0


def test_every_month_is_named_on_the_calendar() -> None:
    labels = month_labels(date(2026, 12, 7), weeks=12, margin=3)  # weeks from 21 Sep
    assert labels.split() == ["Oct", "Nov", "Dec"]


async def test_the_weekly_bars_have_their_dates_and_the_target_steps_both_ways(
    tmp_path: Path,
) -> None:
    app = seeded_app(tmp_path)
    app.settings = replace(app.settings, weekly_target=4)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(app, pilot)
        chart = str(app.query_one(TrendChart).render())
        weeks = app.query_one(TrendChart).weeks
        assert "week of" in chart
        assert " ".join(str(week.start.day) for week in weeks[-3:]) in " ".join(chart.split())
        target = app.query_one("#history-target", Static)
        await pilot.press("T")
        await wait_until(pilot, lambda: app.settings.weekly_target == 3, "the target down to 3")
        await pilot.press("t")
        await wait_until(pilot, lambda: app.settings.weekly_target == 4, "the target up to 4")
        line = str(target.render())
        assert "this week so far" in line  # the seeded week has fewer than 4 sessions
        assert "met 0 weeks" not in line
