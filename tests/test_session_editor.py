"""The session editor from History (Pilot): edit a session's items, time, note and outcome (e),
add a past session (a); bad times are refused with a message; the store is checked each time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from crampui.content.safety import QUESTIONS
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.session_editor import NOTHING_TO_SAVE, SessionEditorScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.item_states import ItemStates
from crampui.ui.widgets.line_table import LineTable
from tests.pane_harness import START, Clock, PaneApp, seed_history, wait_for_dialog
from tests.waiting import wait_for_screen_gone, wait_for_workers, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)
TODAY = START.date()
NOW = START + timedelta(minutes=30)
"""The seeded store's clock after seeding."""


@pytest.fixture
def seeded(tmp_path: Path, content: Content) -> HistoryStore:
    """26 sessions over six weeks (see tests.pane_harness.seed_history)."""
    store, _clock = seed_history(tmp_path / "history.json", [i.id for i in content.checklist])
    return store


def history_app(content: Content, store: HistoryStore, today: date = TODAY) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store, today=lambda: today), tab="History")


def cell(pilot: Pilot[None], row: int, column: int) -> str:
    """The plain text of one table cell."""
    table = pilot.app.query_one("#history-table", LineTable)
    value = table.get_row_at(row)[column]
    return str(getattr(value, "plain", value))


async def open_editor(pilot: Pilot[None], key: str = "e") -> SessionEditorScreen:
    """Press ``key`` in the History tab and wait for the editor, its items focused."""
    await wait_until(pilot, lambda: pilot.app.query_one(HistoryPane).listed, "the table")
    await pilot.press(key)
    return await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")


async def replace_text(pilot: Pilot[None], selector: str, text: str) -> None:
    """Click the box ``selector``, empty it and type ``text``."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await wait_until(pilot, lambda: field.has_focus, f"focus on {selector}")
    field.value = ""
    await pilot.press(*text)
    await wait_until(pilot, lambda: field.value == text, f"{text!r} in {selector}")


def error_of(screen: SessionEditorScreen) -> str:
    """The editor's error line ("" while hidden)."""
    error = screen.query_one("#editor-error", Static)
    return str(error.render()) if error.display else ""


async def test_edit_items_time_and_note(content: Content, seeded: HistoryStore) -> None:
    before = seeded.get(26)
    app = history_app(content, seeded)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        items = editor.query_one(ItemStates)
        assert [row.item_id for row in items.rows] == [item.id for item in content.checklist]
        assert {row.record() for row in items.rows} == set(before.items)
        assert editor.query_one("#editor-when", Input).value == "2026-11-25 21:00"
        await pilot.press("space")  # the first item: done -> not done
        await pilot.press("down", "s")
        await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        await pilot.press(*"sore knee", "enter")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        await replace_text(pilot, "#editor-when", "2026-11-25 07:15")
        await replace_text(pilot, "#editor-note", "[bold]early[/] run")
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_until(pilot, lambda: cell(pilot, 0, 0) == "Wed 25 Nov 07:15", "the new time")
        assert ("Saved session #26. Press u to undo.", "information") in app.notices
        assert cell(pilot, 0, 4) == "[bold]early[/] run"  # literal, not markup
    after = seeded.get(26)
    assert after.saved_at == datetime(2026, 11, 25, 7, 15, tzinfo=timezone.utc)
    assert after.note == "[bold]early[/] run"
    first, second = content.checklist[0].id, content.checklist[1].id
    states = {item.item_id: item for item in after.items}
    assert states.pop(first) == ItemRecord(first, "pending")
    assert states.pop(second) == ItemRecord(second, "skipped", "sore knee")
    assert set(states.values()) == {i for i in before.items if i.item_id not in (first, second)}
    assert after.outcome == before.outcome


async def test_an_unchanged_time_keeps_its_seconds(content: Content, seeded: HistoryStore) -> None:
    moved = seeded.update_session(26, saved_at=START.replace(second=42))
    app = history_app(content, seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await replace_text(pilot, "#editor-note", "only the note")
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
    assert seeded.get(26).saved_at == moved.saved_at
    assert seeded.get(26).note == "only the note"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-11-25 19:00", "When 2026-11-25 19:00 is in the future; it is 2026-11-25 18:35 now"),
        (
            "2026-02-30 10:00",
            "When must be a real local date and time like 2026-12-01 18:30, got '2026-02-30 10:00'",
        ),
        ("tomorrow", "got 'tomorrow'"),
    ],
)
async def test_bad_times_are_refused_with_a_message(
    content: Content, seeded: HistoryStore, typed: str, message: str
) -> None:
    before = seeded.get(26)
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await replace_text(pilot, "#editor-when", typed)
        await pilot.press("enter")
        await wait_until(pilot, lambda: error_of(editor), "the error message")
        assert message in error_of(editor)
        assert isinstance(pilot.app.screen, SessionEditorScreen)  # still open
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
    assert seeded.get(26) == before


async def test_escape_changes_nothing(content: Content, seeded: HistoryStore) -> None:
    before = seeded.sessions()
    app = history_app(content, seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await pilot.press("space", "down", "space")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        assert pilot.app.query_one(HistoryPane).check_action("undo", ()) is None
    assert seeded.sessions() == before


async def test_an_item_no_longer_listed_keeps_its_state(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    items = [ItemRecord("hydrate", "done"), ItemRecord("gone-item", "skipped", "no mat")]
    store.add_session(items, outcome=Outcome(False))
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        rows = editor.query_one(ItemStates).rows
        assert [(row.label, row.listed) for row in rows] == [
            ("Drink a glass of water", True),
            ("gone-item", False),
        ]
        option = str(editor.query_one(ItemStates).get_option_at_index(1).prompt)
        assert "not on your checklist now" in option
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_for_workers(pilot)
    assert set(store.get(1).items) == {ItemRecord("hydrate", "pending"), items[1]}


async def test_change_the_outcome_keeps_the_red_flag_record(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        pilot.app.query_one("#history-table", LineTable).move_cursor(row=26 - 13)
        editor = await open_editor(pilot)
        assert "⚑ advice shown" in str(editor.query_one("#editor-outcome", Static).render())
        await pilot.click("#editor-outcome-change")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        await pilot.click("#outcome-cramped-no")
        await wait_until(pilot, lambda: dialog.cramped() is False, "the answer no")
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_until(
            pilot,
            lambda: str(editor.query_one("#editor-outcome", Static).render()).startswith(
                "no cramp"
            ),
            "the new outcome in the editor",
        )
        stored = seeded.get(13).outcome
        assert stored is not None and stored.cramped  # not stored before the editor saves
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
    outcome = seeded.get(13).outcome
    assert outcome is not None and not outcome.cramped
    assert outcome.red_flags == ("leg-pain",) and outcome.advice_shown


async def test_a_cramp_asks_the_red_flag_questions(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await pilot.click("#editor-outcome-change")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        await pilot.click("#outcome-cramped-yes")
        await wait_until(pilot, lambda: dialog.cramped() is True, "the answer yes")
        await pilot.press("ctrl+s")
        await wait_for_dialog(pilot, RedFlagsScreen, f"#flag-{QUESTIONS[0].id}")
        await pilot.press(*"n" * len(QUESTIONS), "enter")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_for_dialog(pilot, SessionEditorScreen, "#editor-outcome-change")
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
    outcome = seeded.get(26).outcome
    assert outcome is not None and outcome.cramped and outcome.red_flags == ()
    assert set(outcome.red_flags_no) == {question.id for question in QUESTIONS}


async def test_add_a_past_session(content: Content, seeded: HistoryStore) -> None:
    app = history_app(content, seeded)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, "a")
        assert str(editor.query_one(".dialog-title", Static).render()) == (
            "Add a past session (#27)"
        )
        assert editor.query_one("#editor-when", Input).value == "2026-11-24 18:35"
        rows = editor.query_one(ItemStates).rows
        assert [row.item_id for row in rows] == [item.id for item in content.checklist]
        assert {row.state for row in rows} == {"pending"}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: error_of(editor) == NOTHING_TO_SAVE, "the message")
        await pilot.press("space", "down", "space")
        await replace_text(pilot, "#editor-note", "forgot to save it")
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        await wait_until(pilot, lambda: seeded.count() == 27, "the session to be stored")
        assert ("Added session #27. Press u to undo.", "information") in app.notices
        table = pilot.app.query_one("#history-table", LineTable)
        await wait_until(pilot, lambda: table.row_count == 27, "the new row")
        assert table.cursor_row == 2  # at its date, after #26 and #25 (Tue 24 Nov 20:53)
        assert cell(pilot, 2, 0) == "Tue 24 Nov 18:35"
    added = seeded.get(27)
    assert added.saved_at == datetime(2026, 11, 24, 18, 35, tzinfo=timezone.utc)
    assert added.done_ids == tuple(item.id for item in content.checklist[:2])
    assert added.note == "forgot to save it" and added.outcome is None


async def test_a_past_session_cannot_be_in_the_future(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, "a")
        await pilot.press("space")
        await replace_text(pilot, "#editor-when", "2026-11-26 09:00")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "is in the future" in error_of(editor), "the message")
    assert seeded.count() == 26


async def test_add_a_session_to_an_empty_history(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        assert pilot.app.query_one("#history-empty").display
        await pilot.press("a")
        editor = await wait_for_dialog(pilot, SessionEditorScreen, "#editor-items")
        assert editor.query_one("#editor-when", Input).value == "2026-11-24 18:05"
        await pilot.press("s")
        await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        await pilot.press("ctrl+s")
        await wait_for_screen_gone(pilot, SessionEditorScreen)
        table = pilot.app.query_one("#history-table", LineTable)
        await wait_until(pilot, lambda: table.row_count == 1, "the first row")
        assert not pilot.app.query_one("#history-empty").display
    (added,) = store.sessions()
    assert added.skipped_ids == (content.checklist[0].id,)
    assert added.saved_at == START - timedelta(days=1)
