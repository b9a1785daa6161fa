"""Pilot tests: the Causes filter, related questions and the palette share one search index."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.command import CommandList
from textual.geometry import Region
from textual.widgets import Input, OptionList

from crampui.content.store import Content
from crampui.ui.app import CrampApp
from crampui.ui.panes.faq import FaqPane
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.tabbed import Tabbed
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def listed_causes(app: CrampApp) -> list[int]:
    """Numbers of the causes the list shows."""
    option_list = app.query_one("#cause-list", OptionList)
    ids = (option_list.get_option_at_index(i).id for i in range(option_list.option_count))
    return [int(i.removeprefix("cause-")) for i in ids if i]


@pytest.mark.parametrize(("typed", "first"), [("9", 9), ("nerv", 9), ("dehydraton", 1)])
async def test_filter_finds_numbers_prefixes_and_typos(typed: str, first: int) -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *typed)
        assert listed_causes(app)[:1] == [first]
        assert app.query_one(CauseDetail).cause_number == first


async def test_typing_a_free_digit_in_the_list_filters_by_number() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        assert app.query_one("#cause-filter", Input).value == "9"
        assert listed_causes(app) == [9]


async def test_down_from_the_filter_moves_into_the_list() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"nerv")
        assert app.focused is app.query_one("#cause-filter", Input)
        await pilot.press("down")
        option_list = app.query_one("#cause-list", OptionList)
        assert app.focused is option_list
        assert option_list.highlighted_option is not None
        assert option_list.highlighted_option.id == "cause-9"


async def test_no_match_clears_the_detail_and_says_so_by_the_box() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzzqx")
        detail = app.query_one(CauseDetail)
        assert not detail.display
        message = app.query_one("#cause-filter-empty")
        assert message.display and "zzzzqx" in str(message.render())
        box = app.query_one("#cause-filter", Input)
        assert message.region.y == box.region.bottom
        await pilot.press("escape", "escape")
        assert detail.display
        assert len(listed_causes(app)) == 12


async def test_related_questions_show_the_highlight_and_open_the_chosen_one() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        app.query_one("#causes-pane").select_cause(2)  # type: ignore[attr-defined]
        faqs = app.query_one("#cause-faqs", OptionList)
        faqs.focus()
        await wait_for_focus(pilot, "#cause-faqs")
        assert faqs.highlighted == 0
        await pilot.press("down")
        chosen = faqs.highlighted_option
        assert chosen is not None and chosen.id == "faq-2"
        await pilot.press("enter")
        pane = await wait_until(pilot, lambda: app.query(FaqPane).first(), "the FAQ pane")
        await wait_until(pilot, lambda: pane.faq_number == 2, "FAQ 2 to open")
        assert app.query_one(Tabbed).active == "faq"
        results = app.query_one("#faq-results", OptionList)
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == "faq-2"


async def test_the_app_searches_its_own_content(content: Content) -> None:
    """Content passed to the app is what every finder searches, not the bundled content."""
    renamed = replace(content.cause(9), title="Squashed nerve root")
    other = replace(content, causes=tuple(renamed if c.number == 9 else c for c in content.causes))
    app = CrampApp(content=other)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"squashed")
        assert listed_causes(app) == [9]
        assert [hit.item.title for hit in app.search_index.causes("squashed")] == [
            "Squashed nerve root"
        ]


async def test_palette_ranks_with_the_search_index() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("ctrl+p", *"dehydraton")
        commands = await wait_until(
            pilot,
            lambda: (found := app.screen.query(CommandList)) and found.first().option_count,
            "palette results",
        )
        assert commands
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.query_one(CauseDetail).cause_number == 1, "cause 1 to open"
        )


async def test_faq_results_keep_every_line_when_the_list_scrolls(content: Content) -> None:
    """At 80x24 a question that wraps to three lines shows all three after scrolling."""
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", *"stretch")
        results = app.query_one("#faq-results", OptionList)
        await pilot.press(*["down"] * 9)
        await wait_until(pilot, lambda: results.scroll_y > 0, "the results to scroll")
        strips = results.render_lines(Region(0, 0, results.size.width, results.size.height))
        shown = " ".join(" ".join(strip.text for strip in strips).split())
        assert content.faq(8).question in shown
