"""Plurals and key names the same everywhere (issue 27.13)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from crampui.ui.app import CrampApp
from crampui.ui.screens.item_form import ItemFields, ItemFormScreen
from crampui.ui.widgets.app_footer import AppFooter
from crampui.wording import plural
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def test_plural() -> None:
    assert plural(1, "session") == "1 session"
    assert plural(3, "session") == "3 sessions"
    assert plural(0, "cramp") == "0 cramps"
    assert plural(2, "copy", "copies") == "2 copies"


async def test_one_matching_question_is_one_question_that_matches() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("2", *"dehydration")
        status = app.query_one("#faq-status", Static)
        await wait_until(pilot, lambda: "1 question matches" in str(status.render()), "1 match")


async def test_the_footer_writes_ctrl_keys_as_help_does() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await wait_for_focus(pilot, "#checklist-items")
        keys = [key.key_display for key in app.screen.query_one(AppFooter).shown()]
        assert "ctrl+s" in keys
        assert not any(key.startswith("^") for key in keys)


async def test_a_one_field_dialog_does_not_offer_tab_to_a_next_field() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)

        async def keep(_fields: ItemFields) -> None:
            """Apply nothing."""

        app.push_screen(ItemFormScreen("Rename", keep, label="Old", details=False))
        screen = await wait_for_screen(pilot, ItemFormScreen)
        hint = str(screen.query_one(".dialog-hint", Static).render())
        assert "tab" not in hint and "enter to save" in hint
