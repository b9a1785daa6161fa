"""One keyboard model (issue 27.1, 27.2): tab keys, q and ? are keys outside text boxes and text
inside them; escape once leaves a box; / and letters reach the search; alt+1..4 from anywhere."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from crampui.ui.app import CrampApp
from crampui.ui.messages import ShowFaq
from crampui.ui.panes.faq import FaqPane
from crampui.ui.screens.help import KEYS
from crampui.ui.widgets.app_footer import AppFooter
from crampui.ui.widgets.tabbed import Tabbed
from tests.keys import send_burst
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def footer_text(pilot: Pilot[Any]) -> list[str]:
    """The keys the footer draws right now, as "key description"."""
    return [
        f"{key.key_display} {key.description}"
        for key in pilot.app.screen.query_one(AppFooter).shown()
    ]


def send_key(pilot: Pilot[Any], key: str) -> None:
    """Queue one named key (e.g. ``alt+3``) behind whatever is queued already."""
    pilot.app.post_message(events.Key(key, None))


async def test_tab_keys_are_text_in_the_faq_box_and_one_escape_leaves_it() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        send_burst(pilot, "2/34q?")
        box = await wait_for_focus(pilot, "#faq-query")
        assert isinstance(box, Input)
        await wait_until(pilot, lambda: box.value == "34q?", "the keys typed in the box")
        send_key(pilot, "escape")
        send_burst(pilot, "3")
        tabs = app.query_one(Tabbed)
        await wait_until(pilot, lambda: tabs.active == "checklist", "3 to switch tabs")
        assert box.value == "34q?"  # leaving the box cleared nothing


async def test_the_footer_says_what_escape_does_where_focus_is() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2")
        await wait_for_focus(pilot, "#faq-results")
        await wait_until(pilot, lambda: "/ Search" in footer_text(pilot), "/ in the footer")
        assert not any("esc" in key for key in footer_text(pilot))  # nothing to clear
        await pilot.press("slash", "b")
        await wait_until(pilot, lambda: "esc Leave box" in footer_text(pilot), "esc Leave box")
        assert "esc Clear search" not in footer_text(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "esc Clear search" in footer_text(pilot), "esc Clear")


async def test_typing_in_the_faq_list_after_a_related_question_starts_a_search() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        app.post_message(ShowFaq(7))  # as a cause's "Related questions" does
        await wait_until(
            pilot, lambda: app.query(FaqPane) and app.query_one(FaqPane).faq_number == 7, "FAQ 7"
        )
        await wait_for_focus(pilot, "#faq-results")
        send_burst(pilot, "nerve")
        box = app.query_one("#faq-query", Input)
        await wait_until(pilot, lambda: box.value == "nerve", "the word in the search box")
        assert app.focused is box


async def test_slash_focuses_the_search_from_the_answer() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2")
        await wait_for_focus(pilot, "#faq-results")
        app.query_one("#faq-answer").focus()
        await wait_for_focus(pilot, "#faq-answer")
        send_burst(pilot, "/hold")
        box = app.query_one("#faq-query", Input)
        await wait_until(pilot, lambda: box.value == "hold", "the search typed after /")


async def test_slash_in_the_cause_detail_focuses_the_filter() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        app.query_one("#cause-detail").focus()
        send_burst(pilot, "/nerve")
        box = app.query_one("#cause-filter", Input)
        await wait_until(pilot, lambda: box.value == "nerve", "the filter typed after /")


@pytest.mark.parametrize(
    ("key", "tab"), [("alt+1", "causes"), ("alt+3", "checklist"), ("alt+4", "history")]
)
async def test_alt_digits_switch_tabs_from_a_text_box(key: str, tab: str) -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        send_burst(pilot, "2/ab")
        box = app.query("#faq-query")
        await wait_until(pilot, lambda: box and box.first(Input).value == "ab", "ab typed")
        send_key(pilot, key)
        tabs = app.query_one(Tabbed)
        await wait_until(pilot, lambda: tabs.active == tab, f"{key} to show {tab}")
        assert app.query_one("#faq-query", Input).value == "ab"
        assert not isinstance(app.focused, Input) or app.focused.id == "cause-filter"


async def test_escape_in_the_cause_filter_leaves_it_and_keeps_the_filter() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        send_burst(pilot, "nerve")
        box = app.query_one("#cause-filter", Input)
        await wait_until(pilot, lambda: box.value == "nerve", "the filter")
        send_key(pilot, "escape")
        await wait_for_focus(pilot, "#cause-list")
        assert box.value == "nerve"
        assert isinstance(app.focused, OptionList)


def test_help_writes_the_keyboard_model_down() -> None:
    everywhere = dict(KEYS[0][1])
    assert "alt+1…4" in everywhere
    assert any("when not typing" in text for text in everywhere.values())
    assert any("escape" in key for key in everywhere)
