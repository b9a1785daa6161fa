"""App-level flows (Pilot): the launch notice, jumps between tabs, and the app's readiness."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, OptionList

from crampui.history import HistoryStore, ItemRecord
from crampui.settings import load_settings
from crampui.ui.app import CrampApp
from crampui.ui.messages import ShowFaq, ShowTab
from crampui.ui.panes.faq import FaqPane
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.widgets.outcome_notice import OutcomeNotice
from crampui.ui.widgets.tabbed import Tabbed
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.keys import send_burst
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)
NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc)


def make_app(tmp_path: Path) -> CrampApp:
    """An app on ``tmp_path`` with a fixed wall clock and a fake monotonic clock."""
    return CrampApp(
        db_path=str(tmp_path / "history.json"),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


def session_without_outcome(tmp_path: Path, hours_ago: int = 3) -> int:
    """Store a session with no outcome yet; return its id."""
    store = HistoryStore(
        tmp_path / "history.json", clock=FakeWallClock(NOW - timedelta(hours=hours_ago))
    )
    return store.add_session([ItemRecord("hydrate", "done")]).id


async def test_the_missing_outcome_offer_never_takes_typed_keys(tmp_path: Path) -> None:
    session_without_outcome(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        send_burst(pilot, "nerve")  # typed straight away, as the app starts
        await wait_for_app_ready(pilot)
        assert app.query(OutcomeNotice), "the offer is shown"
        assert len(app.screen_stack) == 1, "as a notice, not a dialog"
        send_burst(pilot, " root")  # and typed on after the offer appeared
        cause_filter = app.query_one("#cause-filter", Input)
        await wait_until(pilot, lambda: cause_filter.value == "nerve root", "every key typed")
        assert app.focused is cause_filter


async def test_later_is_remembered_for_that_session_across_launches(tmp_path: Path) -> None:
    first = session_without_outcome(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.click("#outcome-notice-later")
        await wait_until(pilot, lambda: not app.query(OutcomeNotice), "the notice to close")
    assert load_settings(tmp_path / "settings.json")[0].snoozed_session == first

    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert not again.query(OutcomeNotice), "put off: not offered again"

    second = session_without_outcome(tmp_path, hours_ago=1)
    third = make_app(tmp_path)
    async with third.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert third.query_one(OutcomeNotice).session_id == second  # a newer session is offered


async def test_add_outcome_opens_the_dialog_on_the_checklist_tab(tmp_path: Path) -> None:
    session_without_outcome(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.click("#outcome-notice-add")
        await wait_for_screen(pilot, OutcomeScreen)
        assert app.query_one(Tabbed).active == "checklist"
        assert not app.query(OutcomeNotice)


async def test_app_is_ready_only_once_the_launch_checks_have_run(tmp_path: Path) -> None:
    session_without_outcome(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.ready.is_set()
        assert app.query(OutcomeNotice)  # the launch check ran before the app said it was ready


async def test_a_question_asked_for_before_the_faq_tab_is_built_opens_once_it_is() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ShowFaq(7))  # before the deferred tabs are built
        await wait_for_app_ready(pilot)
        await wait_until(pilot, lambda: app.query_one(FaqPane).faq_number == 7, "FAQ 7 shown")
        assert app.query_one(Tabbed).active == "faq"
        results = app.query_one("#faq-results", OptionList)
        assert app.focused is results


async def test_a_pane_asks_for_a_tab_with_a_message() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        pane: Widget = app.query_one("#causes-pane")
        pane.post_message(ShowTab("faq"))
        await wait_for_focus(pilot, "#faq-results")
        assert app.query_one(Tabbed).active == "faq"


async def test_browse_the_causes_from_an_fruitless_faq_search_opens_the_causes_tab() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", "slash")
        await wait_for_focus(pilot, "#faq-query")
        await pilot.press(*"zzqx")
        results = app.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index("browse-causes")
        results.focus()
        await pilot.press("enter")
        await wait_for_focus(pilot, "#cause-list")
        assert app.query_one(Tabbed).active == "causes"
