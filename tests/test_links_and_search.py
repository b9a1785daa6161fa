"""Links and searches (issue 27.12): back from a question to its cause, the FAQ's right pane
follows the highlight, enter on a cramp-log row opens its session, and searches list only
questions that match meaningfully."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from crampui.content.search import default_index
from crampui.history import Session
from crampui.ui.app import CrampApp
from crampui.ui.messages import ShowFaq
from crampui.ui.panes.faq import FaqPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.episodes import EpisodesScreen
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.tabbed import Tabbed
from tests.seeded import seeded_app
from tests.snapshots import SMALL
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)


async def test_backspace_goes_back_from_a_question_to_its_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        app.query_one(CauseDetail).post_message(ShowFaq(4, from_cause=12))
        await wait_until(
            pilot, lambda: app.query(FaqPane) and app.query_one(FaqPane).faq_number == 4, "FAQ 4"
        )
        await wait_for_focus(pilot, "#faq-results")
        await pilot.press("backspace")
        tabs, detail = app.query_one(Tabbed), app.query_one(CauseDetail)
        await wait_until(
            pilot,
            lambda: tabs.active == "causes" and detail.cause_number == 12,
            "cause 12 in the Causes tab",
        )


async def test_the_right_pane_follows_a_highlighted_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", "slash", *"underlying")
        results = app.query_one("#faq-results", OptionList)
        await wait_until(
            pilot, lambda: results.get_option_index("cause-10") is not None, "cause 10 listed"
        )
        await pilot.press("escape")
        await wait_for_focus(pilot, "#faq-results")
        results.highlighted = results.get_option_index("cause-10")
        title = app.query_one("#faq-question", Static)
        await wait_until(pilot, lambda: "Cause 10" in str(title.render()), "cause 10 on the right")


async def test_enter_on_a_cramp_log_row_opens_its_session(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        await pilot.press("c")
        screen = await wait_for_screen(pilot, EpisodesScreen)
        await wait_until(pilot, lambda: screen.logged, "the cramps listed")
        index = next(i for i, (_episode, session) in enumerate(screen.logged) if session)
        session = screen.logged[index][1]
        assert session is not None
        await pilot.press(*["down"] * index, "enter")
        await wait_for_screen_gone(pilot, EpisodesScreen)
        pane = app.query_one(HistoryPane)

        def on_session() -> bool:
            entry = pane.selected_entry()
            return isinstance(entry, Session) and entry.id == session.id

        await wait_until(pilot, on_session, "the cramp's session selected")


def test_my_back_seizes_up_lists_only_questions_about_cramps() -> None:
    hits = default_index().filter_faqs("my back seizes up")
    assert 1 <= len(hits) <= 4
    assert default_index().filter_faqs("how many seconds")[0].item.number == 4
