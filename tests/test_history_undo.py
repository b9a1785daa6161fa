"""Undo in History (Pilot): one stack for every delete, edit, added session and outcome change,
newest first; the footer says what u undoes and a notification what was undone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from crampui.content.store import Content
from crampui.history import (
    CrampEpisode,
    HistoryStore,
    HistoryWriteError,
    ItemRecord,
    Outcome,
    Session,
)
from crampui.insights.timeline import Entry
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.session_editor import SessionEditorScreen
from crampui.ui.widgets.line_table import LineTable
from tests.pane_harness import START, Clock, PaneApp, wait_for_dialog
from tests.waiting import wait_for_screen_gone, wait_for_workers, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """Two sessions a day apart (the newer without an outcome) and a cramp on its own."""
    clock = Clock(START - timedelta(days=1))
    store = HistoryStore(tmp_path / "history.json", clock=clock)
    first = store.add_session([ItemRecord("hydrate", "done")], note="older")
    store.set_outcome(first.id, Outcome(False))
    clock.now = START
    store.add_session([ItemRecord("hydrate", "skipped", "no glass")], note="newer")
    store.add_episode(CrampEpisode(START - timedelta(hours=3), side="left"))
    clock.now = START + timedelta(minutes=30)
    return store


def history_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store, today=START.date), tab="History")


def undo_label(pilot: Pilot[None]) -> str:
    """What the footer says u does ("" when u is not shown)."""
    active = pilot.app.screen.active_bindings.get("u")
    return "" if active is None else f"{active.binding.description}{'' if active.enabled else '*'}"


def table(pilot: Pilot[None]) -> LineTable:
    """The History table."""
    return pilot.app.query_one("#history-table", LineTable)


def row_of(pilot: Pilot[None], wanted: Callable[[Entry], bool]) -> int:
    """The table row of the first entry listed that is ``wanted``."""
    listed = pilot.app.query_one(HistoryPane).listed
    return next(index for index, entry in enumerate(listed) if wanted(entry))


async def select(pilot: Pilot[None], row: int) -> None:
    """Put the cursor on ``row``."""
    table(pilot).move_cursor(row=row)
    await wait_until(pilot, lambda: table(pilot).cursor_row == row, f"the cursor on row {row}")


async def delete_selected(pilot: Pilot[None]) -> None:
    """d, then Delete in the confirmation."""
    await pilot.press("d")
    await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
    await pilot.click("#confirm-yes")
    await wait_for_screen_gone(pilot, ConfirmScreen)


async def undo_once(pilot: Pilot[None], app: PaneApp) -> str:
    """Press u; the notification it gave."""
    count = len(app.notices)
    await pilot.press("u")
    await wait_until(pilot, lambda: len(app.notices) > count, "the undo notification")
    return app.notices[-1][0]


async def test_every_change_is_undone_newest_first(content: Content, store: HistoryStore) -> None:
    original = {session.id: session for session in store.sessions()}
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: table(pilot).row_count == 3, "the rows")
        assert undo_label(pilot) == "Undo*"  # shown, dimmed: nothing to undo yet

        # 1. an outcome for session #2 (row 0), through the outcome flow
        await pilot.press("o")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        await pilot.click("#outcome-cramped-no")
        await wait_until(pilot, lambda: dialog.cramped() is False, "the answer no")
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
        assert store.get(2).outcome is not None
        await wait_until(pilot, lambda: undo_label(pilot) == "Undo outcome", "the label")

        # 2. an edit of session #1 (row 2, below the lone cramp)
        await select(pilot, 2)
        await pilot.press("e")
        await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        note = pilot.app.screen.query_one("#editor-note", Input)
        note.value = "edited"
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_until(pilot, lambda: undo_label(pilot) == "Undo edit", "the edit saved")
        assert store.get(1).note == "edited"

        # 3. a past session added
        await pilot.press("a")
        await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        await pilot.press("space", "ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_until(pilot, lambda: store.count() == 3, "the added session")
        assert undo_label(pilot) == "Undo add"

        # 4. the lone cramp deleted, 5. session #2 deleted
        await wait_until(pilot, lambda: table(pilot).row_count == 4, "four rows")
        await select(pilot, row_of(pilot, lambda entry: isinstance(entry, CrampEpisode)))
        await delete_selected(pilot)
        await wait_until(pilot, lambda: store.loose_episodes() == [], "the cramp to go")
        await select(pilot, row_of(pilot, lambda entry: getattr(entry, "id", 0) == 2))
        await delete_selected(pilot)
        await wait_until(pilot, lambda: store.count() == 2, "session #2 to go")
        assert undo_label(pilot) == "Undo delete"

        assert await undo_once(pilot, app) == "Restored session #2."
        assert store.count() == 3
        assert undo_label(pilot) == "Undo delete"
        assert await undo_once(pilot, app) == "Restored the cramp."
        assert len(store.loose_episodes()) == 1
        assert undo_label(pilot) == "Undo add"
        assert await undo_once(pilot, app) == "Took back adding session #3: it is removed."
        assert store.count() == 2
        assert await undo_once(pilot, app) == "Undid the edit of session #1."
        assert store.get(1) == original[1]
        assert await undo_once(pilot, app) == "Undid the outcome change of session #2."
        assert store.get(2).outcome is None
        assert undo_label(pilot) == "Undo*"
        await wait_until(pilot, lambda: table(pilot).row_count == 3, "the rows as they were")
    assert {session.id: session for session in store.sessions()} == original


async def test_undo_after_deleting_the_only_session(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    store.add_session([ItemRecord("hydrate", "done")], note="the only one")
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_selected(pilot)
        await wait_until(pilot, lambda: pilot.app.query_one("#history-empty").display, "empty")
        assert store.count() == 0
        assert undo_label(pilot) == "Undo delete"
        assert await undo_once(pilot, app) == "Restored session #1."
        await wait_until(pilot, lambda: table(pilot).row_count == 1, "the row back")
    assert store.get(1).note == "the only one"


async def test_an_edit_of_a_session_deleted_elsewhere_is_dropped(
    content: Content, store: HistoryStore
) -> None:
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        pilot.app.screen.query_one("#editor-note", Input).value = "changed"
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        store.delete_session(2)  # another crampui, say
        message = await undo_once(pilot, app)
        assert message == "Nothing to undo: session #2 is no longer in your history."
        assert undo_label(pilot) == "Undo*"
    assert store.count() == 1


async def test_an_undo_the_store_refuses_is_said_and_kept_for_u_again(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    store.add_session([ItemRecord("hydrate", "done")], note="the only one")
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_selected(pilot)
        await wait_until(pilot, lambda: store.count() == 0, "the deletion")
        restore = HistoryStore.restore_session

        def full_disk(*args: object, **kwargs: object) -> Session:
            raise HistoryWriteError("No space left on the disk")

        monkeypatch.setattr(HistoryStore, "restore_session", full_disk)
        assert await undo_once(pilot, app) == "No space left on the disk"
        assert app.notices[-1][1] == "error"
        assert undo_label(pilot) == "Undo delete", "the step is kept"
        monkeypatch.setattr(HistoryStore, "restore_session", restore)
        assert await undo_once(pilot, app) == "Restored session #1."
    assert store.get(1).note == "the only one"
