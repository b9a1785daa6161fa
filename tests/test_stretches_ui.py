"""Pilot tests: stretches are found from the FAQ box and the palette, and open with their
caution (issue 29)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from crampui.ui.app import CrampApp
from crampui.ui.screens.stretch import StretchScreen
from tests.test_palette_actions import open_palette_and_pick
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)


def option_ids(options: OptionList) -> list[str | None]:
    """The ids of the options a list shows."""
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


def shown_text(screen: StretchScreen) -> str:
    """Everything the stretch screen says."""
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_the_faq_box_finds_a_stretch_and_opens_it_with_its_caution() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await wait_for_focus(pilot, "#faq-results")
        await pilot.press("slash", *"knee to chest")
        results = app.query_one("#faq-results", OptionList)
        await wait_until(pilot, lambda: "stretch-knee-to-chest" in option_ids(results), "a hit")
        results.highlighted = results.get_option_index("stretch-knee-to-chest")
        answer = app.query_one("#faq-answer-text", Static)
        await wait_until(pilot, lambda: "Caution." in str(answer.render()), "the caution")
        results.focus()
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, StretchScreen)
        assert screen.stretch.id == "knee-to-chest"
        text = shown_text(screen)
        assert "spreads into a buttock or leg, stop" in text
        assert "Nerve compression" in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, StretchScreen), "closed")


async def test_the_palette_offers_a_stretch_by_another_word_for_it() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await open_palette_and_pick(pilot, "buttock stretch", "Stretch: Buttock stretch")
        screen = await wait_for_screen(pilot, StretchScreen)
        assert screen.stretch.id == "glute-stretch"
        assert "Hold 20 s · 2 reps · each side" in shown_text(screen)
