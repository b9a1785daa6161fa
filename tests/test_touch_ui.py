"""A phone-sized screen (``crampui serve`` on a phone): everything by touch, with Pilot clicks.

Below 60 columns the app lays out for a phone: the tab names drop their numbers so all four
fit, Causes and FAQ put the detail under the list, "Cramping now" is a button, and the
Checklist's Save, Skip, Timer and Outcome are buttons. At 80 columns in a terminal none of
the buttons is shown.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from crampui.history import HistoryStore
from crampui.locations import history_path
from crampui.ui.app import CrampApp
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.timer import TimerScreen
from crampui.ui.widgets.tab_bar import TabBar
from crampui.ui.widgets.touch_bar import TouchBar
from tests.snapshots import PHONE
from tests.tabs import click_tab
from tests.waiting import (
    wait_for_app_ready,
    wait_for_screen,
    wait_for_screen_gone,
    wait_for_widget,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


async def test_on_a_phone_cramping_now_is_a_button() -> None:
    app = CrampApp()
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.query_one(TouchBar).display
        await pilot.click("#touch-cramping-now")
        await wait_for_screen(pilot, CrampingNowScreen)


async def test_the_button_is_made_when_a_wide_screen_narrows_to_a_phone() -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        assert not app.query("#touch-cramping-now")  # not made for a hidden bar
        for _ in range(2):  # narrowing twice makes one button
            await pilot.resize_terminal(*PHONE)
            await wait_until(pilot, lambda: app.query_one(TouchBar).display, "the touch bar")
            await pilot.resize_terminal(80, 24)
            await wait_until(pilot, lambda: not app.query_one(TouchBar).display, "no touch bar")
        await pilot.resize_terminal(*PHONE)
        await wait_for_widget(pilot, "#touch-cramping-now")
        assert len(app.query("#touch-cramping-now")) == 1
        await pilot.click("#touch-cramping-now")
        await wait_for_screen(pilot, CrampingNowScreen)


async def test_in_a_wide_terminal_no_touch_button_shows() -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        await click_tab(pilot, "checklist")
        await wait_for_widget(pilot, ChecklistPane)
        assert not app.query_one(TouchBar).display
        assert not app.query_one("#checklist-buttons").display


async def test_all_four_tab_names_fit_a_phone_and_each_can_be_tapped() -> None:
    app = CrampApp()
    async with app.run_test(size=(38, 30)) as pilot:
        await wait_for_app_ready(pilot)
        bar = app.query_one(TabBar)
        await wait_until(pilot, lambda: bar.spans[0].label == "Causes", "the short tab names")
        assert [span.label for span in bar.spans] == ["Causes", "FAQ", "Checklist", "History"]
        assert bar.spans[-1].end < bar.size.width
        for tab in ("history", "faq", "checklist", "causes"):
            await click_tab(pilot, tab)
            await wait_until(pilot, lambda: bar.active == tab, f"the {tab} tab")  # noqa: B023


async def test_on_a_phone_the_cause_is_under_the_list() -> None:
    app = CrampApp()
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_app_ready(pilot)
        column = app.query_one("#cause-list-column").region
        detail = app.query_one("#cause-detail").region
        assert detail.y >= column.bottom
        assert detail.width >= PHONE[0] - 2


async def test_a_run_is_ticked_and_saved_by_taps_alone() -> None:
    app = CrampApp()
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_app_ready(pilot)
        await click_tab(pilot, "checklist")
        pane = await wait_for_widget(pilot, ChecklistPane)
        items = pane.query_one("#checklist-items", OptionList)
        await pilot.click(items, offset=(2, 0))  # the first row's mark: "Drink a glass of water"
        await wait_until(pilot, lambda: pane.count("done") == 1, "the tapped item ticked")
        await pilot.click("#checklist-save")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await wait_for_screen_gone(pilot, ConfirmScreen)
        await wait_until(pilot, lambda: pane.count("done") == 0, "a new run after the save")
    (session,) = HistoryStore(history_path()).sessions()
    assert session.done_ids == ("hydrate",)


async def test_on_a_phone_a_tap_on_a_rows_label_ticks_it() -> None:
    """A finger cannot aim at the three-column mark: on a touch screen a tap on the label
    ticks the row (in a wide terminal the same click only highlights it, to read)."""
    app = CrampApp()
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_app_ready(pilot)
        await click_tab(pilot, "checklist")
        pane = await wait_for_widget(pilot, ChecklistPane)
        items = pane.query_one("#checklist-items", OptionList)
        await pilot.click(items, offset=(12, 1))  # the label of the second row
        await wait_until(pilot, lambda: pane.count("done") == 1, "the tapped row ticked")
        assert items.highlighted == 1


async def test_the_timer_button_opens_the_hold_timer() -> None:
    app = CrampApp()
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_app_ready(pilot)
        await click_tab(pilot, "checklist")
        await wait_for_widget(pilot, ChecklistPane)
        await pilot.click("#checklist-timer")
        await wait_for_screen(pilot, TimerScreen)
