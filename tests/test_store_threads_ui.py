"""The app never reads or writes the history on the UI thread (Pilot): every call it makes to
its store, from the Checklist's save to History's edit, delete and undo, a target change and a
re-read after another process changed the file, to the Customise screen's reads and changes,
runs in a thread; the UI shows the result."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from crampui.checklist import items as checklist_items
from crampui.checklist.items import Entry
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.settings import Settings, load_settings, save_settings
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.customise import CustomiseScreen
from crampui.ui.screens.item_form import ItemFormScreen
from crampui.ui.screens.session_editor import SessionEditorScreen
from crampui.ui.store_thread import STORE_THREAD
from crampui.ui.widgets.line_table import LineTable
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.pane_harness import wait_for_dialog
from tests.test_customise_ui import add_item, highlight, open_customise, rows
from tests.test_flows_history import NOW, row_text
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen_gone,
    wait_for_workers,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@dataclass(frozen=True)
class StoreCall:
    """One call of a public HistoryStore method: which, on which store, in which thread."""

    name: str
    store: HistoryStore
    thread: str


def record_store_calls(monkeypatch: pytest.MonkeyPatch) -> list[StoreCall]:
    """Wrap every public method of HistoryStore (its reads and writes, inherited ones too) so
    each call is recorded with the thread that made it."""
    calls: list[StoreCall] = []

    def recording(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(store: HistoryStore, *args: Any, **kwargs: Any) -> Any:
            calls.append(StoreCall(name, store, threading.current_thread().name))
            return method(store, *args, **kwargs)

        return recorded

    for name in dir(HistoryStore):
        if not name.startswith("_") and inspect.isfunction(
            inspect.getattr_static(HistoryStore, name)
        ):
            monkeypatch.setattr(HistoryStore, name, recording(name, getattr(HistoryStore, name)))
    return calls


async def test_no_store_call_of_the_app_runs_on_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    seeded = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)))
    first = seeded.add_session([ItemRecord("hydrate", "done")], note="the first one")
    seeded.set_outcome(first.id, Outcome(False))
    settings_file = tmp_path / "settings.json"
    save_settings(Settings(weekly_target=3), settings_file)  # the status read at launch
    calls = record_store_calls(monkeypatch)
    app = CrampApp(
        db_path=str(path),
        settings_file=settings_file,
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )

    def stored() -> HistoryStore:
        return HistoryStore(path)

    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)

        # The Checklist: tick one item, save the run (some items still open: Save anyway).
        await pilot.press("3")
        await wait_for_focus(pilot, "#checklist-items")
        await pilot.press("space", "ctrl+s")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-yes")
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored().count() == 2, "the run saved")
        await wait_until(
            pilot,
            lambda: any(call.name in {"save_draft", "clear_draft"} for call in calls),
            "the draft (cleared by the save) written",
        )

        # History: edit the new session's note, delete it, undo the delete.
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        table = app.query_one("#history-table", LineTable)
        await wait_until(pilot, lambda: table.row_count == 2, "both sessions listed")
        await pilot.press("e")
        editor = await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        editor.query_one("#editor-note", Input).value = "edited here"
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_until(pilot, lambda: "edited here" in row_text(app, 0), "the edit shown")
        await pilot.press("d")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
        await pilot.press("left", "enter")  # Delete
        await wait_until(pilot, lambda: stored().count() == 1, "the deletion")
        await wait_until(pilot, lambda: table.row_count == 1, "the row gone")
        await pilot.press("u")
        await wait_until(pilot, lambda: stored().count() == 2, "the undo")
        await wait_until(pilot, lambda: table.row_count == 2, "the row back")

        # The weekly target, one up.
        await pilot.press("t")
        await wait_until(
            pilot,
            lambda: load_settings(settings_file)[0].weekly_target == 4,
            "the new target saved",
        )

        # Another process adds a session; showing History again lists it.
        HistoryStore(path, clock=FakeWallClock(NOW)).add_session([], note="from the CLI")
        await pilot.press("1", "4")
        await wait_until(pilot, lambda: "from the CLI" in " ".join(row_text(app, 0)), "it listed")
        await wait_for_workers(pilot)
        mine = [call for call in calls if call.store is app.store]

    made = {call.name for call in mine}
    assert {"add_session", "update_session", "delete_session", "restore_session"} <= made
    assert {"sessions", "last_session", "draft", "item_settings"} <= made
    drafts = {call.thread for call in mine if call.name in {"save_draft", "clear_draft"}}
    assert drafts and all(thread.startswith(STORE_THREAD) for thread in drafts), drafts
    on_ui_thread = sorted({call.name for call in mine if call.thread == "MainThread"})
    assert on_ui_thread == [], f"store calls on the UI thread: {on_ui_thread}"


async def test_customise_reads_and_writes_the_checklist_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    calls = record_store_calls(monkeypatch)
    app = CrampApp(
        db_path=str(path),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )

    def stored() -> dict[str, Entry]:
        return {
            e.id: e
            for e in checklist_items.entries(app.content, HistoryStore(path).item_settings())
        }

    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await wait_for_focus(pilot, "#checklist-items")
        screen = await open_customise(pilot)

        await add_item(pilot, "Took magnesium")  # the form closes once stored and shown
        assert "own-took-magnesium" in stored()
        assert screen.highlighted() == stored()["own-took-magnesium"]

        await highlight(pilot, screen, "posture")
        await pilot.press("h")
        await wait_until(
            pilot, lambda: rows(pilot, "#customise-items")["posture"].endswith("hidden"), "hidden"
        )
        assert stored()["posture"].hidden

        await highlight(pilot, screen, "eat-balanced")
        await pilot.press("r")
        form = await wait_for_dialog(pilot, ItemFormScreen, "#item-label")
        form.query_one("#item-label", Input).value = "Ate a banana"
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, ItemFormScreen)
        assert "Ate a banana" in rows(pilot, "#customise-items")["eat-balanced"]
        assert stored()["eat-balanced"].label == "Ate a banana"

        await highlight(pilot, screen, "own-took-magnesium")
        await pilot.press("left_square_bracket", "left_square_bracket")  # one burst
        await wait_until(
            pilot,
            lambda: list(rows(pilot, "#customise-items"))[7] == "own-took-magnesium",
            "moved up twice",
        )
        assert stored()["own-took-magnesium"].position == 8

        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CustomiseScreen)
        await wait_until(
            pilot,
            lambda: "Ate a banana" in " ".join(rows(pilot, "#checklist-items").values()),
            "the Checklist following",
        )
        await wait_for_workers(pilot)
        mine = [call for call in calls if call.store is app.store]

    made = {call.name for call in mine}
    assert {"item_settings", "put_item_settings"} <= made
    writes = {call.thread for call in mine if call.name == "put_item_settings"}
    assert all(thread.startswith(STORE_THREAD) for thread in writes), writes  # in order
    on_ui_thread = sorted({call.name for call in mine if call.thread == "MainThread"})
    assert on_ui_thread == [], f"store calls on the UI thread: {on_ui_thread}"


def stored_stretches(path: Path) -> list[str]:
    """The stretch ids of the newest stored session (none without a session)."""
    last = HistoryStore(path).last_session()
    return [] if last is None else [record.stretch_id for record in last.stretches]


async def test_routine_and_stretch_saves_take_their_turn_in_the_store_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's routine save and the stretches of a routine run are stored in the store's own
    thread, in turn with its other saves (never on the UI thread or a thread of their own)."""
    from crampui.checklist.routines import add_own_stretch, current_routine, default_routine
    from crampui.checklist.timer import StretchResult, StretchStatus
    from crampui.ui.messages import StretchesDone

    path = tmp_path / "history.json"
    calls = record_store_calls(monkeypatch)
    app = CrampApp(db_path=str(path), clock=FakeWallClock(NOW), monotonic=FakeMonotonic())
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        _id, routine = add_own_stretch(app.content, default_routine(app.content), "Wall sit")
        app.save_routine(routine)
        app.post_message(StretchesDone((StretchResult("own-wall-sit", StretchStatus.DONE),)))
        await wait_until(pilot, lambda: stored_stretches(path) == ["own-wall-sit"], "saved")
        await wait_for_workers(pilot)
        own = current_routine(HistoryStore(path), app.content).own_stretches
        assert [stretch.name for stretch in own] == ["Wall sit"]
        mine = [call for call in calls if call.store is app.store]
    saves = [call for call in mine if call.name in {"put_routine", "add_session", "put_stretches"}]
    assert [call.name for call in saves] == ["put_routine", "add_session"]  # in order, one write
    assert all(call.thread.startswith(STORE_THREAD) for call in saves), saves
