"""The person's own words everywhere (issue 27.5): own checklist items by their label, never
by their id, in History's detail line and in Customise."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from crampui.checklist import items as checklist_items
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.customise import CustomiseScreen
from tests.pane_harness import START, Clock, PaneApp
from tests.waiting import wait_for_app_ready, wait_for_screen, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

LABEL = "Heat pack on lower back"


def store_with_own_item(path: Path, content: Content) -> tuple[HistoryStore, str]:
    """A store with one own item and a session that skipped it with a reason."""
    store = HistoryStore(path, clock=Clock())
    own, changes = checklist_items.add(content, [], LABEL)
    store.put_item_settings(changes)
    store.add_session([ItemRecord(own, "skipped", "forgot it at home")])
    return store, own


async def test_history_names_a_skipped_own_item_by_its_label(
    tmp_path: Path, content: Content
) -> None:
    store, own = store_with_own_item(tmp_path / "history.json", content)
    today = (START + timedelta(days=1)).date()
    app = PaneApp(lambda: HistoryPane(content, store, today=lambda: today), tab="History")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_app_ready(pilot)
        detail = app.query_one("#history-row-detail", Static)
        await wait_until(pilot, lambda: "Skipped" in str(detail.render()), "the detail line")
        text = str(detail.render())
        assert f"Skipped: {LABEL} (forgot it at home)" in text
        assert own not in text


async def test_customise_describes_an_own_item_by_its_label(
    tmp_path: Path, content: Content
) -> None:
    store, own = store_with_own_item(tmp_path / "history.json", content)
    app = PaneApp(lambda: ChecklistPane(content, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("c")
        screen = await wait_for_screen(pilot, CustomiseScreen)
        await wait_until(pilot, lambda: screen.entries, "the items")
        await pilot.press("end")
        detail = screen.query_one("#customise-detail", Static)
        await wait_until(pilot, lambda: LABEL in str(detail.render()), "the own item described")
        assert own not in str(detail.render())
