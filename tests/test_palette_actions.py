"""Every action in the command palette with its key shown (issue 27.8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from crampui.ui.app import CrampApp
from crampui.ui.providers import PALETTE_ACTIONS
from crampui.ui.screens.customise import CustomiseScreen
from crampui.ui.widgets.tabbed import Tabbed
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)


async def open_palette_and_pick(pilot: Pilot[int], query: str, hit: str) -> None:
    """Open the palette, type ``query`` and choose the hit that starts with ``hit``."""
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await wait_for_focus(pilot, "CommandInput")
    await pilot.press(*query)
    await wait_for_palette_hit(pilot, query, hit)
    await pilot.press("enter")


@pytest.mark.parametrize(
    ("query", "hit", "tab"),
    [("history", "History tab  (4)", "history"), ("checklist", "Checklist tab  (3)", "checklist")],
)
async def test_the_palette_switches_tabs_and_shows_the_key(query: str, hit: str, tab: str) -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await open_palette_and_pick(pilot, query, hit)
        tabs = app.query_one(Tabbed)
        await wait_until(pilot, lambda: tabs.active == tab, f"the {tab} tab")


async def test_the_palette_writes_a_report_from_any_tab(tmp_path: Path) -> None:
    app = CrampApp(db_path=str(tmp_path / "history.json"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        store = app.open_store()
        assert store is not None
        store.add_session([])
        await open_palette_and_pick(pilot, "report", "Report for your physio or GP  (r in")
        await wait_until(
            pilot, lambda: list(tmp_path.glob("reports/*.html")), "the report to be written"
        )
        assert app.query_one(Tabbed).active == "history"


async def test_the_palette_opens_customise_and_the_timer() -> None:
    app = CrampApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await open_palette_and_pick(pilot, "customise", "Customise the checklist items")
        await wait_for_screen(pilot, CustomiseScreen)


def test_every_pane_action_has_a_key_in_the_palette() -> None:
    keyed = [action for action in PALETTE_ACTIONS if action.action != "toggle_open_on_causes"]
    assert all(action.key and f"({action.key}" in action.text for action in keyed)
    texts = [action.text for action in PALETTE_ACTIONS]
    for wanted in ("report", "History", "Checklist", "timer"):
        assert any(wanted.casefold() in text.casefold() for text in texts), wanted
