"""Pilot tests of the FAQ tab: search as you type, keys, links and the no-match fallback."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, TabbedContent

from crampui.app import CrampApp
from crampui.panes.faq import FaqPane
from crampui.search import default_index
from crampui.widgets.cause_detail import CauseDetail

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def result_ids(app: CrampApp) -> list[str]:
    """Ids of the options listed in the results, in order."""
    results = app.query_one("#faq-results", OptionList)
    ids = (results.get_option_at_index(i).id for i in range(results.option_count))
    return [option_id for option_id in ids if option_id]


async def test_every_keystroke_reranks_without_waiting() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert app.focused is app.query_one("#faq-query", Input)
        query = "how long to hold it?"
        assert len(query) == 20
        for index, character in enumerate(query, start=1):
            await pilot.press(character)
            # No pause: the list must already show the ranking for what has been typed.
            expected = [f"faq-{hit.item.number}" for hit in default_index().faqs(query[:index])]
            assert result_ids(app)[: len(expected)] == expected
        assert app.query_one(FaqPane).faq_number == 4


async def test_empty_query_lists_all_twelve_in_order() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert result_ids(app) == [f"faq-{n}" for n in range(1, 13)]


async def test_down_and_enter_open_an_answer_and_escape_clears() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", *"doctor")
        await pilot.pause()
        pane = app.query_one(FaqPane)
        first, second = result_ids(app)[:2]
        assert pane.faq_number == int(first.removeprefix("faq-"))
        await pilot.press("down")
        assert pane.faq_number == int(second.removeprefix("faq-"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.query_one("#faq-answer")
        app.query_one("#faq-query", Input).focus()
        await pilot.pause()
        await pilot.press("escape")
        assert app.query_one("#faq-query", Input).value == ""
        assert len(result_ids(app)) == 12


async def test_matching_causes_are_listed_and_open_in_the_cause_browser() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", *"pinched nerve")
        await pilot.pause()
        ids = result_ids(app)
        assert ids[0] == "faq-12"
        assert "cause-9" in ids
        results = app.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index("cause-9")
        results.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "causes"
        assert app.query_one(CauseDetail).cause_number == 9


async def test_related_cause_link_jumps_to_the_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", *"dehydration")
        await pilot.pause()
        related = app.query_one("#faq-causes", OptionList)
        target = related.get_option_at_index(0).id
        assert target is not None
        related.focus()
        related.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "causes"
        assert app.query_one(CauseDetail).cause_number == int(target.removeprefix("cause-"))


async def test_no_match_offers_the_closest_questions_and_the_causes() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", *"qwxzv jjjj")
        await pilot.pause()
        status = str(app.query_one("#faq-status").render())
        assert "No question matches" in status
        ids = result_ids(app)
        assert len([i for i in ids if i.startswith("faq-")]) == 3
        assert ids[-1] == "browse-causes"
        results = app.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index("browse-causes")
        results.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "causes"


async def test_escape_on_an_empty_box_moves_to_the_results_so_tab_keys_work() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one("#faq-results", OptionList)
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "checklist"
