"""How the Customise screen, its form and the Checklist with an own item look."""

from __future__ import annotations

from pathlib import Path

import pytest

from crampui.checklist import items as checklist_items
from crampui.content.store import default_content
from crampui.history import HistoryStore, ItemRecord
from crampui.ui.panes.checklist import ChecklistPane
from tests.pane_harness import START, Clock, PaneApp
from tests.snapshots import LARGE, SMALL, TINY, SnapCompare
from tests.test_snapshots_checklist import keys

SIZES = pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


def customised_app(tmp_path: Path) -> PaneApp:
    """The Checklist on a history where "Took magnesium" was added, moved up and ticked,
    posture is hidden, warm-up renamed, and the run has a note."""
    content = default_content()
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    store.add_session([ItemRecord(item.id, "done") for item in content.checklist])
    own, changes = checklist_items.add(
        content, [], "Took magnesium", "A tablet with dinner the evening before.", [4]
    )
    store.put_item_settings(changes)
    for change in (
        lambda s: checklist_items.move(content, s, own, 3),
        lambda s: checklist_items.hide(content, s, "posture"),
        lambda s: checklist_items.rename(content, s, "warm-up", "Ten minutes on the bike"),
    ):
        store.put_item_settings(change(store.item_settings()))
    store.save_draft(
        [ItemRecord("hydrate", "done"), ItemRecord(own, "done")], "stiff after a drive"
    )
    return PaneApp(lambda: ChecklistPane(content, store))


@SIZES
def test_checklist_with_an_own_item(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("down", "down")
    assert snap_compare(customised_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_customise_screen(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = keys("c", "down", "down")
    assert snap_compare(customised_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_customise_add_form(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("c", "a", "text:Slept eight hours", "tab", "tab", "text:3 99", "enter")
    assert snap_compare(customised_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [TINY, SMALL], ids=["60x20", "80x24"])
def test_session_note_dialog(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("e")
    assert snap_compare(customised_app(tmp_path), terminal_size=size, run_before=run_before)
