"""Pilot tests of the FAQ tab: search as you type, keys, links and the no-match fallback."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from crampui.content.search import default_index
from crampui.ui.app import CrampApp
from crampui.ui.panes.faq import FaqPane
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.tabbed import Tabbed
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def result_ids(app: CrampApp) -> list[str]:
    """Ids of the options listed in the results, in order."""
    results = app.query_one("#faq-results", OptionList)
    ids = (results.get_option_at_index(i).id for i in range(results.option_count))
    return [option_id for option_id in ids if option_id]


def ranked_faq_ids(app: CrampApp, query: str) -> list[str]:
    """Ids of the questions the FAQ pane's index ranks for ``query``, best first."""
    return [f"faq-{hit.item.number}" for hit in app.query_one(FaqPane).index.filter_faqs(query)]


async def wait_for_ranking(pilot: Pilot[int], app: CrampApp, query: str) -> list[str]:
    """Wait until the results list the questions ranked for ``query``; return the result ids."""
    expected = ranked_faq_ids(app, query)
    await wait_until(
        pilot, lambda: result_ids(app)[: len(expected)] == expected, f"the results for {query!r}"
    )
    return result_ids(app)


async def wait_for_cause(pilot: Pilot[int], app: CrampApp, number: int) -> None:
    """Wait until the Causes tab is open on cause ``number``."""
    tabs, detail = app.query_one(Tabbed), app.query_one(CauseDetail)
    await wait_until(
        pilot,
        lambda: tabs.active == "causes" and detail.cause_number == number,
        f"cause {number} in the Causes tab",
    )


async def test_every_keystroke_reranks_without_waiting() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2")
        # The tab opens on the questions; the first letter typed starts the search.
        assert app.focused is app.query_one("#faq-results", OptionList)
        query = "how long to hold it?"
        assert len(query) == 20
        for index, character in enumerate(query, start=1):
            await pilot.press(character)
            # No pause: the list must already show the ranking for what has been typed.
            expected = [
                f"faq-{hit.item.number}" for hit in default_index().filter_faqs(query[:index])
            ]
            assert result_ids(app)[: len(expected)] == expected
        assert app.query_one(FaqPane).faq_number == 4


async def test_empty_query_lists_all_twelve_in_order() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2")
        assert result_ids(app) == [f"faq-{n}" for n in range(1, 13)]


async def test_down_and_enter_open_an_answer_and_escape_leaves_then_clears() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", *"spasm")
        pane = app.query_one(FaqPane)
        first, second = (await wait_for_ranking(pilot, app, "spasm"))[:2]
        first_number, second_number = (int(i.removeprefix("faq-")) for i in (first, second))
        await wait_until(pilot, lambda: pane.faq_number == first_number, "the first answer")
        assert pane.faq_number == first_number
        await pilot.press("down")
        await wait_until(pilot, lambda: pane.faq_number == second_number, "the second answer")
        assert pane.faq_number == second_number
        await pilot.press("enter")
        await wait_for_focus(pilot, "#faq-answer")
        assert app.focused is app.query_one("#faq-answer")
        app.query_one("#faq-query", Input).focus()
        await wait_for_focus(pilot, "#faq-query")
        await pilot.press("escape")
        await wait_for_focus(pilot, "#faq-results")
        assert app.query_one("#faq-query", Input).value == "spasm"
        await pilot.press("escape")
        assert app.query_one("#faq-query", Input).value == ""
        await wait_until(pilot, lambda: len(result_ids(app)) == 12, "all twelve questions")
        assert len(result_ids(app)) == 12


async def test_matching_causes_are_listed_and_open_in_the_cause_browser() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", *"pinched nerve")
        ids = await wait_for_ranking(pilot, app, "pinched nerve")
        assert ids[0] == "faq-12"
        assert "cause-9" in ids
        results = app.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index("cause-9")
        results.focus()
        await wait_for_focus(pilot, "#faq-results")
        await pilot.press("enter")
        await wait_for_cause(pilot, app, 9)
        assert app.query_one(Tabbed).active == "causes"
        assert app.query_one(CauseDetail).cause_number == 9


async def test_related_cause_link_jumps_to_the_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", *"dehydration")
        first = (await wait_for_ranking(pilot, app, "dehydration"))[0]
        pane = app.query_one(FaqPane)
        await wait_until(
            pilot, lambda: f"faq-{pane.faq_number}" == first, "the best answer to be shown"
        )
        related = app.query_one("#faq-causes", OptionList)
        target = related.get_option_at_index(0).id
        assert target is not None
        number = int(target.removeprefix("cause-"))
        related.focus()
        related.highlighted = 0
        await wait_for_focus(pilot, "#faq-causes")
        await pilot.press("enter")
        await wait_for_cause(pilot, app, number)
        assert app.query_one(Tabbed).active == "causes"
        assert app.query_one(CauseDetail).cause_number == number


async def test_no_match_offers_the_closest_questions_and_the_causes() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", "slash", *"qwxzv jjjj")
        status_line = app.query_one("#faq-status")
        await wait_until(
            pilot, lambda: "qwxzv jjjj" in str(status_line.render()), "the no-match status line"
        )
        status = str(status_line.render())
        assert "No question matches" in status
        ids = result_ids(app)
        assert len([i for i in ids if i.startswith("faq-")]) == 3
        assert ids[-1] == "browse-causes"
        results = app.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index("browse-causes")
        results.focus()
        await wait_for_focus(pilot, "#faq-results")
        await pilot.press("enter")
        tabs = app.query_one(Tabbed)
        await wait_until(pilot, lambda: tabs.active == "causes", "the Causes tab")
        assert tabs.active == "causes"


async def test_escape_on_an_empty_box_moves_to_the_results_so_tab_keys_work() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", "slash")
        await wait_for_focus(pilot, "#faq-query")
        await pilot.press("escape")
        await wait_for_focus(pilot, "#faq-results")
        assert app.focused is app.query_one("#faq-results", OptionList)
        await pilot.press("3")
        assert app.query_one(Tabbed).active == "checklist"


async def test_red_flag_banner_shows_every_related_causes_advice() -> None:
    """FAQ 3 relates to causes 9 and 10: the banner gives both causes' advice, not the first's."""
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2")
        pane = app.query_one(FaqPane)
        await wait_until(pilot, lambda: pane.faq_number == 1, "the first answer")
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: pane.faq_number == 3, "the third answer")
        banner = " ".join(str(app.query_one("#faq-red-flag").render()).split())
        red_flags = [
            cause for cause in app.content.causes_for(app.content.faq(3)) if cause.red_flag
        ]
        assert [cause.number for cause in red_flags] == [9, 10]
        for cause in red_flags:
            assert " ".join(cause.professional_advice.split()) in banner
