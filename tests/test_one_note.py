"""One note per session: the Checklist's e, the outcome dialog and the session editor show and
edit the same note; History, the report and the CLI show one; an older session's two notes
(the run's and the outcome's) are both kept, joined into the one."""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, Static

from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.history.codec import session_from_doc
from crampui.history.records import MAX_NOTE_LENGTH, NOTES_JOINED_BY
from crampui.insights.report.data import gather
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.session_editor import SessionEditorScreen
from crampui.ui.screens.session_note import SessionNoteScreen
from crampui.ui.widgets.line_table import LineTable
from crampui.usertext import MAX_USER_TEXT
from tests.history_files import history_tables
from tests.pane_harness import START, Clock, wait_for_dialog
from tests.test_flows_dialogs import CHARACTERS
from tests.test_history_cli import crampui
from tests.test_user_text_ui import checklist_app, history_app
from tests.waiting import wait_for_screen, wait_for_screen_gone, wait_for_workers, wait_until

SIZE = (100, 32)
RUN_NOTE = "stiff after the drive"
OUTCOME_NOTE = "eased with heat"
BOTH = f"{RUN_NOTE}{NOTES_JOINED_BY}{OUTCOME_NOTE}"


def send_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Queue every key at once, with no wait between them: characters, or key names such as
    "tab" and "ctrl+u"."""
    for key in keys:
        name = key if len(key) > 1 else _character_to_key(key)
        pilot.app.post_message(events.Key(name, key if len(key) == 1 else CHARACTERS.get(key)))


def older_history(path: Path) -> HistoryStore:
    """A history written before sessions had one note: its one session keeps a note of its own
    and one in its outcome, as the outcome dialog used to store it."""
    maker = path.with_name("made-by-today.json")  # its journal and seen copy stay with it
    store = HistoryStore(maker, clock=Clock())
    session = store.add_session([ItemRecord("hydrate", "done")], RUN_NOTE)
    store.set_outcome(session.id, Outcome(True, 4, where="lower back"))
    store.compact()  # the outcome folded into the file, edited below as an older file
    tables = history_tables(maker)
    tables["sessions"][session.uid]["outcome"]["note"] = OUTCOME_NOTE
    path.write_text(json.dumps(tables))
    return HistoryStore(path, clock=Clock())


def stored_doc(store: HistoryStore) -> dict[str, object]:
    """The one session's document as the file holds it, the store's journal folded in first."""
    store.compact()
    [doc] = json.loads(store.store_path.read_text())["sessions"].values()
    assert isinstance(doc, dict)
    return doc


# -- the codec: both texts of an older session are kept -----------------------------------------


@pytest.mark.parametrize(
    ("run", "outcome", "one"),
    [
        (RUN_NOTE, OUTCOME_NOTE, BOTH),
        ("", OUTCOME_NOTE, OUTCOME_NOTE),
        (RUN_NOTE, "", RUN_NOTE),
        (RUN_NOTE, RUN_NOTE, RUN_NOTE),  # the same words twice are one note
        (
            "a" * MAX_USER_TEXT,
            "b" * MAX_USER_TEXT,
            "a" * MAX_USER_TEXT + NOTES_JOINED_BY + "b" * MAX_USER_TEXT,
        ),
    ],
)
def test_an_older_sessions_notes_are_read_as_one(run: str, outcome: str, one: str) -> None:
    doc: dict[str, object] = {"seq": 1, "saved_at": START.isoformat(), "note": run}
    doc["outcome"] = {"cramped": False, "note": outcome}
    assert session_from_doc(doc, 1).note == one


def test_the_first_write_stores_both_texts_as_the_one_note(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    store = older_history(path)
    [session] = store.sessions()
    assert session.note == BOTH
    store.update_session(session.id, outcome=Outcome(False))
    doc = stored_doc(store)
    assert doc["note"] == BOTH and "note" not in doc["outcome"]  # type: ignore[operator]


def test_two_long_notes_joined_can_still_be_saved(tmp_path: Path) -> None:
    """Two notes at the old limit fit the one note's limit, so no edit or undo is refused."""
    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=Clock())
    session = store.add_session([ItemRecord("hydrate", "done")], "a" * MAX_USER_TEXT)
    tables = json.loads(store.store_path.read_text())
    tables["sessions"][session.uid]["outcome"] = {"cramped": False, "note": "b" * MAX_USER_TEXT}
    store.store_path.write_text(json.dumps(tables))
    store = HistoryStore(path, clock=Clock())
    restored = store.restore_session(store.delete_session(session.id))
    assert len(restored.note) == 2 * MAX_USER_TEXT + len(NOTES_JOINED_BY)
    assert store.get(session.id).note == restored.note


def test_the_report_lists_one_note_per_session(tmp_path: Path, content: Content) -> None:
    store = older_history(tmp_path / "history.json")
    day = START.date()
    data = gather(store.sessions(), content, day - timedelta(days=7), day, START, tz=timezone.utc)
    assert [text for _at, text in data.notes] == [BOTH]


def test_the_cli_shows_one_note(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    older_history(path)
    table = crampui("history", db=path)
    assert table.returncode == 0, table
    assert table.stdout.splitlines()[1].endswith(BOTH)
    listed = crampui("history", "--json", db=path)
    [session] = json.loads(listed.stdout)
    assert session["note"] == BOTH and "note" not in session["outcome"]


# -- the app: one note, shown and edited in each place ------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """An empty history with a fixed clock."""
    return HistoryStore(tmp_path / "history.json", clock=Clock())


@pytest.mark.ui
async def test_the_runs_note_is_the_one_the_outcome_dialog_edits(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(ChecklistPane)
        await wait_until(pilot, lambda: pane.entries, "the checklist")
        send_keys(pilot, "e")
        await wait_for_screen(pilot, SessionNoteScreen)
        send_keys(pilot, *RUN_NOTE, "enter")
        await wait_until(pilot, lambda: pane.note == RUN_NOTE, "the run's note")
        for item_id in list(pane.records):
            pane.set_record(ItemRecord(item_id, "done"))
        send_keys(pilot, "ctrl+s")
        await wait_until(pilot, store.last_session, "the run to be saved")
        send_keys(pilot, "o")
        await wait_for_screen(pilot, OutcomeScreen)
        send_keys(pilot, "n", "tab", "end", *", fine after", "enter")
        await wait_until(pilot, lambda: store.get(1).outcome, "the outcome to be saved")
        await wait_for_workers(pilot)
    [session] = store.sessions()
    assert session.note == f"{RUN_NOTE}, fine after"
    assert session.outcome is not None and not session.outcome.cramped
    assert "note" not in stored_doc(store)["outcome"]  # type: ignore[operator]


@pytest.mark.ui
async def test_an_older_session_shows_and_edits_one_note(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    store = older_history(path)
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        table = pilot.app.query_one("#history-table", LineTable)
        await wait_until(pilot, lambda: "note" in table.columns, "the note column")
        cell = table.get_row_at(0)[table.get_column_index("note")]
        assert str(getattr(cell, "plain", cell)) == BOTH
        send_keys(pilot, "e")
        editor = await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        assert editor.query_one("#editor-note", Input).value == BOTH
        assert OUTCOME_NOTE not in str(editor.query_one("#editor-outcome", Static).render())
        editor.query_one("#editor-outcome-change").focus()
        send_keys(pilot, "enter")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        assert dialog.query_one("#outcome-note", Input).value == BOTH
        send_keys(pilot, "n", "tab", "end", *", all in one", "enter")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        note_box = editor.query_one("#editor-note", Input)
        await wait_until(
            pilot, lambda: note_box.value == f"{BOTH}, all in one", "the note in the editor"
        )
        send_keys(pilot, "ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_for_workers(pilot)
    [session] = store.sessions()
    assert session.note == f"{BOTH}, all in one"
    assert session.outcome is not None and not session.outcome.cramped
    doc = stored_doc(store)
    assert doc["note"] == f"{BOTH}, all in one" and "note" not in doc["outcome"]  # type: ignore[operator]


@pytest.mark.ui
async def test_the_checklists_e_takes_a_note_as_long_as_the_one_note(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(ChecklistPane)
        send_keys(pilot, "e")
        dialog = await wait_for_dialog(pilot, SessionNoteScreen, "#session-note")
        box = dialog.query_one("#session-note", Input)
        pilot.app.post_message(events.Paste("n" * (MAX_NOTE_LENGTH + 10)))
        await wait_until(pilot, lambda: box.value, "the pasted note")
        send_keys(pilot, "enter")
        await wait_until(pilot, lambda: pane.note, "the run's note")
    assert pane.note == "n" * MAX_NOTE_LENGTH
