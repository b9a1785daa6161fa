"""How editing and finding in History look (pytest-textual-snapshot): the session editor, a past
session being added, the filter dialog and a filtered table."""

from __future__ import annotations

from pathlib import Path

import pytest

from crampui.content.store import default_content
from crampui.history import HistoryStore, ItemRecord
from crampui.ui.panes.history import HistoryPane
from tests.pane_harness import START, PaneApp, seed_history
from tests.snapshots import LARGE, SMALL, SnapCompare
from tests.test_snapshots_checklist import keys

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


def history_app(tmp_path: Path) -> PaneApp:
    """The History tab on 26 seeded sessions; the newest has an item no longer listed."""
    ids = [item.id for item in default_content().checklist]
    store, _clock = seed_history(tmp_path / "history.json", ids)
    newest = store.get(26)
    store.update_session(26, items=[*newest.items, ItemRecord("foam-roller", "done")])
    return PaneApp(lambda: HistoryPane(default_content(), store, today=START.date), tab="History")


def store_of(app: PaneApp) -> HistoryStore:
    """The store the app shows (for checks after the snapshot)."""
    return app.query_one(HistoryPane).store


@SIZES
def test_session_editor(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Session #13 (advice shown) being edited: one item skipped with a reason, a note."""
    app = history_app(tmp_path)
    run_before = keys(
        *["down"] * 13, "e", "down", "down", "s", "text:sore knee", "enter", "tab", "text:stiff"
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_session_editor_unlisted_item(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The newest session: its last item is not on the checklist any more; a bad time."""
    run_before = keys("e", "shift+tab", "ctrl+a", "ctrl+k", "text:2026-11-26 09:00", "enter")
    assert snap_compare(history_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_add_past_session(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = keys("a", "space", "down", "space")
    assert snap_compare(history_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_filter_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = keys("slash", "text:lower back", "tab", "right", "space", "tab", "text:2026-11-01")
    assert snap_compare(history_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_filtered_history(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = keys("slash", "text:lower back", "tab", "right", "space", "enter")
    assert snap_compare(history_app(tmp_path), terminal_size=size, run_before=run_before)
