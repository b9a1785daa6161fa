"""History's item counts and patterns follow the user's checklist: own items by their label,
hidden ones while sessions had them, each session judged by the items it had."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Static

from crampui.checklist import items as checklist_items
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.panes.history import HistoryPane
from tests.pane_harness import PaneApp
from tests.waiting import wait_for_app_ready

pytestmark = pytest.mark.ui

START = datetime(2026, 11, 1, 18, tzinfo=timezone.utc)


def text_of(app: PaneApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.query_one(selector, Static).render())


async def test_own_and_renamed_items_are_counted_and_named_in_the_patterns(
    tmp_path: Path, content: Content
) -> None:
    store = HistoryStore(tmp_path / "history.json")
    own, changes = checklist_items.add(content, [], "Took [b]magnesium[/b]")
    store.put_item_settings(changes)
    settings = store.item_settings()
    store.put_item_settings(checklist_items.hide(content, settings, "posture"))
    store.put_item_settings(checklist_items.hide(content, store.item_settings(), "rested"))
    for day in range(16):  # magnesium on even days: never a cramp; odd days: always
        took = day % 2 == 0
        items = [
            ItemRecord(own, "done" if took else "skipped"),
            ItemRecord("hydrate", "done"),
            *([ItemRecord("rested", "done")] if day < 3 else []),
        ]
        at = START + timedelta(days=day)
        store.add_session(items, outcome=Outcome(not took, recorded_at=at), at=at)
    today = date(2026, 11, 17)
    app = PaneApp(lambda: HistoryPane(content, store, today=lambda: today), tab="History")
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_for_app_ready(pilot)
        counts = text_of(app, "#item-frequency")
        assert " 8/16  Took [b]magnesium[/b]" in counts, counts
        assert "16/16  Drink a glass of water" in counts
        assert "3/3  Check your back is not worn out" in counts, "hidden, but sessions had it"
        assert "Set up with a neutral spine" not in counts, "hidden and never in a session"
        patterns = text_of(app, "#history-patterns")
        assert "Cramped less often with" in patterns
        assert "“Took [b]magnesium[/b]” (0 of 8), 100 % without (8 of 8)" in patterns
