"""The footer: one widget that follows the keys of the tab and focus, and presses a key clicked."""

from __future__ import annotations

import pytest

from crampui.ui.app import CrampApp
from crampui.ui.widgets.app_footer import AppFooter
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 32)


def descriptions(app: CrampApp) -> list[str]:
    """What the footer's keys drawn now do."""
    return [item.description for item in app.screen.query_one(AppFooter).shown()]


async def test_the_footer_follows_the_tab_and_draws_its_keys_on_one_line() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        footer = app.screen.query_one(AppFooter)
        await wait_until(pilot, lambda: "Help" in descriptions(app), "the footer's keys")
        assert "Save" not in descriptions(app)
        await pilot.press("3")
        await wait_for_focus(pilot, "#checklist-items")
        await wait_until(pilot, lambda: "Save" in descriptions(app), "the Checklist's keys")
        line = footer.render().plain
        for item in footer.shown():
            assert f" {item.key_display} {item.description} " in line
        assert not footer.children  # no widget per key to mount again on each switch
        await pilot.press("1")
        await wait_for_focus(pilot, "#cause-list")
        await wait_until(pilot, lambda: "Save" not in descriptions(app), "the Checklist's gone")


async def test_a_click_on_a_footer_key_presses_it() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await wait_until(pilot, lambda: "Help" in descriptions(app), "the footer's keys")
        footer = app.screen.query_one(AppFooter)
        left = 0
        for item in footer.shown():
            if item.description == "Help":
                break
            left += item.width
        assert footer.item_at(left + 1) is not None
        await pilot.click(AppFooter, offset=(left + 1, 0))
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
