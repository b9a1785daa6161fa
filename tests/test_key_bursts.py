"""Keys sent as one burst (a paste, a fast typist, a busy machine) all land where they belong."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from crampui.ui.app import CrampApp
from crampui.ui.widgets.tabbed import Tabbed
from tests.keys import send_burst
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("from_tab", ["2", "3", "4"])
async def test_letters_typed_right_after_a_tab_key_reach_the_cause_filter(from_tab: str) -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press(from_tab)
        send_burst(pilot, "1nerve")
        filter_box = app.query_one("#cause-filter", Input)
        await wait_until(pilot, lambda: filter_box.value == "nerve", "the whole word in the filter")
        assert app.query_one(Tabbed).active == "causes"


async def test_digits_in_the_faq_box_are_typed_not_tab_switches() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", "slash")
        search = await wait_until(
            pilot, lambda: app.focused if isinstance(app.focused, Input) else None, "the FAQ box"
        )
        send_burst(pilot, "15 to 30")
        await wait_until(pilot, lambda: search.value == "15 to 30", "digits typed in the box")
        assert app.query_one(Tabbed).active == "faq"


async def test_a_question_typed_with_the_tab_key_on_the_first_frame_reaches_the_faq_box() -> None:
    """The FAQ tab is built when 2 arrives; the keys behind it wait and land in its box."""
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        send_burst(pilot, "2bounce")
        search = await wait_until(
            pilot,
            lambda: app.query("#faq-query").first(Input) if app.query("#faq-query") else None,
            "the FAQ box",
        )
        await wait_until(pilot, lambda: search.value == "bounce", "the whole word in the box")
        assert app.focused is search
