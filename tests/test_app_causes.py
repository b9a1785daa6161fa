"""Pilot tests of the app shell and the cause browser."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from crampui.ui.app import CrampApp
from crampui.ui.panes.faq import FaqPane
from crampui.ui.screens.help import HelpScreen
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.tab_bar import TabBar
from crampui.ui.widgets.tabbed import Tabbed
from tests.tabs import click_tab
from tests.waiting import wait_for_focus, wait_for_palette_hit, wait_for_screen, wait_until

pytestmark = pytest.mark.ui


def visible_cause_ids(app: CrampApp) -> list[str]:
    """Ids of the cause options currently listed."""
    option_list = app.query_one("#cause-list", OptionList)
    return [
        option.id
        for option in (option_list.get_option_at_index(i) for i in range(option_list.option_count))
        if option.id
    ]


async def test_starts_on_the_cause_browser_showing_cause_one() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)):
        assert app.query_one(Tabbed).active == "causes"
        assert app.query_one(CauseDetail).cause_number == 1
        assert len(visible_cause_ids(app)) == 12
        assert app.focused is app.query_one("#cause-list", OptionList)


async def test_number_keys_switch_tabs() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        tabs = app.query_one(Tabbed)
        for key, tab in (("3", "checklist"), ("4", "history"), ("1", "causes"), ("2", "faq")):
            await pilot.press(key)
            assert tabs.active == tab


async def test_clicking_a_tab_switches_to_it() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        tabs = app.query_one(Tabbed)
        await click_tab(pilot, "faq")
        await wait_until(pilot, lambda: tabs.active == "faq", "the FAQ tab to open")
        assert tabs.active == "faq"


async def test_typing_in_the_list_filters_causes() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        detail = app.query_one(CauseDetail)
        await pilot.press(*"nerve")
        await wait_until(
            pilot,
            lambda: "cause-11" not in visible_cause_ids(app) and detail.cause_number == 9,
            "the list to be filtered on 'nerve'",
        )
        assert app.query_one("#cause-filter", Input).value == "nerve"
        ids = visible_cause_ids(app)
        assert "cause-9" in ids
        assert "cause-11" not in ids
        assert detail.cause_number == 9
        await pilot.press("escape", "escape")  # out of the box, then clear what it found
        await wait_until(
            pilot, lambda: len(visible_cause_ids(app)) == 12, "the filter to be cleared"
        )
        assert len(visible_cause_ids(app)) == 12


async def test_filter_with_no_match_says_so() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        message = app.query_one("#cause-filter-empty")
        await pilot.press("slash", *"zzzzqx")
        await wait_until(
            pilot,
            lambda: message.display and "zzzzqx" in str(message.render()),
            "the no-match message for 'zzzzqx'",
        )
        assert visible_cause_ids(app) == []
        assert message.display
        assert "zzzzqx" in str(message.render())


async def test_moving_through_the_list_opens_each_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        detail = app.query_one(CauseDetail)
        await pilot.press("down")
        await wait_until(pilot, lambda: detail.cause_number != 1, "the next cause to open")
        second = detail.cause_number
        assert second != 1
        assert app.content.cause(second).category == app.content.cause(1).category


async def test_red_flag_cause_shows_the_professional_banner() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)):
        banner = app.query_one("#cause-red-flag")
        assert not banner.display
        app.query_one("#causes-pane").select_cause(9)  # type: ignore[attr-defined]
        assert banner.display
        assert "professional" in str(banner.render()).lower()


async def test_related_faq_link_opens_that_question() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        app.query_one("#causes-pane").select_cause(1)  # type: ignore[attr-defined]
        faqs = app.query_one("#cause-faqs", OptionList)
        target = faqs.get_option_at_index(0).id
        assert target is not None
        number = int(target.removeprefix("faq-"))
        faqs.focus()
        faqs.highlighted = 0
        await wait_for_focus(pilot, "#cause-faqs")
        await pilot.press("enter")
        tabs = app.query_one(Tabbed)
        await wait_until(
            pilot,
            lambda: (
                tabs.active == "faq" and any(p.faq_number == number for p in app.query(FaqPane))
            ),
            f"FAQ {number} to open in the FAQ tab",
        )
        assert tabs.active == "faq"
        assert app.query_one(FaqPane).faq_number == number


async def test_help_screen_lists_keys_and_the_disclaimer() -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(widget.render()) for widget in help_screen.query("Static"))
        assert "not medical advice" in text
        assert "ctrl+p" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_jumps_to_a_cause() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await wait_for_focus(pilot, "CommandInput")
        await pilot.press(*"Cold muscles")
        await wait_for_palette_hit(pilot, "Cold muscles", "Cause 11:")
        await pilot.press("enter")
        detail = app.query_one(CauseDetail)
        await wait_until(pilot, lambda: detail.cause_number == 11, "cause 11 to open")
        assert detail.cause_number == 11


async def test_q_quits() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_clicking_a_cause_opens_it() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        option_list = app.query_one("#cause-list", OptionList)
        row = option_list.get_option_index("cause-11")
        detail = app.query_one(CauseDetail)
        await pilot.click("#cause-list", offset=(4, row))
        await wait_until(pilot, lambda: detail.cause_number == 11, "the clicked cause to open")
        assert detail.cause_number == 11


async def test_the_tab_bar_answers_clicks_under_a_name_and_arrow_keys() -> None:
    """As Textual's tabs do: a click on the underline chooses the tab above it, and left and
    right on the focused bar step through the tabs, wrapping round."""
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        tabs = app.query_one(Tabbed)
        await click_tab(pilot, "history", line=1)
        await wait_until(pilot, lambda: tabs.active == "history", "the History tab to open")
        app.screen.set_focus(app.query_one(TabBar))
        await pilot.press("right")
        await wait_until(pilot, lambda: tabs.active == "causes", "a step round to Causes")
        await pilot.press("left", "left")
        await wait_until(pilot, lambda: tabs.active == "checklist", "two steps back")
        assert app.query_one(TabBar).active == "checklist"
