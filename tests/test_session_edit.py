"""Editing and backfilling sessions, and undo in History, without a UI: the editor's rows and
time, what changed, and what each undo puts back in the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.checklist.session_edit import (
    EditedSession,
    EditorRow,
    backfill_time,
    changes,
    local_text,
    new_rows,
    parse_local_time,
    session_rows,
)
from crampui.history import CrampEpisode, HistoryError, HistoryStore, ItemRecord, Outcome
from crampui.insights.history_undo import UndoStep, undo, with_safety_record
from tests.clocks import FakeWallClock

pytestmark = pytest.mark.usefixtures("utc")

NOW = datetime(2026, 12, 2, 12, 30, 15, tzinfo=timezone.utc)
LABELS = {"warm-up": "Warm up", "hydrate": "Drink water"}


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """An empty store whose clock says NOW."""
    return HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW))


def test_rows_keep_the_sessions_items_and_states_in_checklist_order() -> None:
    items = [
        ItemRecord("hydrate", "done"),
        ItemRecord("warm-up", "skipped", "no time"),
        ItemRecord("old-item", "pending"),
    ]
    assert session_rows(items, {**LABELS, "old-item": "Old item"}, LABELS) == (
        EditorRow("warm-up", "Warm up", "skipped", "no time"),
        EditorRow("hydrate", "Drink water", "done"),
        EditorRow("old-item", "Old item", "pending", listed=False),
    )
    assert session_rows(items, LABELS, LABELS)[2].label == "old-item"  # no label known
    assert {row.record() for row in session_rows(items, LABELS, LABELS)} == set(items)


def test_a_new_session_has_every_current_item_not_done() -> None:
    assert new_rows(LABELS) == (
        EditorRow("warm-up", "Warm up", "pending"),
        EditorRow("hydrate", "Drink water", "pending"),
    )


def test_a_reason_is_only_kept_on_a_skipped_item() -> None:
    row = EditorRow("warm-up", "Warm up", "done", "no time")
    assert row.record() == ItemRecord("warm-up", "done")


def test_times_are_local_to_the_minute() -> None:
    assert local_text(NOW) == "2026-12-02 12:30"
    assert backfill_time(NOW) == datetime(2026, 12, 1, 12, 30, tzinfo=timezone.utc)
    assert parse_local_time(" 2026-12-01 18:05 ", NOW) == datetime(
        2026, 12, 1, 18, 5, tzinfo=timezone.utc
    )
    assert parse_local_time("2026-12-02 12:30", NOW) < NOW  # this very minute is allowed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", "must be a real local date and time like 2026-12-01 18:30, got 'yesterday'"),
        ("2026-04-31 10:00", "got '2026-04-31 10:00'"),
        ("2026-12-01 25:00", "got '2026-12-01 25:00'"),
        ("0001-01-01 00:00", "got '0001-01-01 00:00'"),
        ("2026-12-02 12:31", "12:31 is in the future; it is 2026-12-02 12:30 now"),
    ],
)
def test_bad_times_are_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_local_time(text, NOW)
    assert message in str(error.value)
    assert str(error.value).startswith("Date and time ")


def test_changes_lists_only_what_changed(store: HistoryStore) -> None:
    saved = store.add_session([ItemRecord("hydrate", "done")], note="first")
    same = EditedSession(saved.items, saved.saved_at, saved.note, saved.outcome)
    assert changes(saved, same) == {}
    moved = replace(same, saved_at=saved.saved_at - timedelta(hours=1), note="second")
    assert changes(saved, moved) == {"saved_at": moved.saved_at, "note": "second"}


def test_undo_a_delete_of_the_only_session(store: HistoryStore) -> None:
    saved = store.add_session([ItemRecord("hydrate", "done")])
    deleted = store.delete_session(saved.id)
    undone = undo(store, UndoStep("delete", deleted))
    assert undone.entry == saved
    assert undone.message == "Restored session #1."
    assert store.sessions() == [saved]
    with pytest.raises(HistoryError):
        undo(store, UndoStep("delete", deleted))  # already back


def test_undo_a_delete_of_a_lone_cramp(store: HistoryStore) -> None:
    cramp = store.add_episode(CrampEpisode(NOW - timedelta(hours=1), side="left"))
    undone = undo(store, UndoStep("delete", store.delete_episode(cramp)))
    assert undone.message == "Restored the cramp."
    assert store.loose_episodes() == [cramp]


def test_undo_an_edit_puts_the_earlier_version_back(store: HistoryStore) -> None:
    before = store.add_session([ItemRecord("hydrate", "done")], note="typo", outcome=Outcome(False))
    store.update_session(before.id, note="fixed", items=[ItemRecord("hydrate", "pending")])
    undone = undo(store, UndoStep("edit", before))
    assert undone.message == "Undid the edit of session #1."
    assert store.get(1).note == "typo"
    assert store.get(1).items == before.items
    assert store.get(1).saved_at == before.saved_at


def test_undo_an_add_removes_the_session(store: HistoryStore) -> None:
    added = store.add_session([ItemRecord("hydrate", "done")], at=NOW - timedelta(days=1))
    undone = undo(store, UndoStep("add", added))
    assert undone == undone.__class__(None, "Took back adding session #1: it is removed.")
    assert store.sessions() == []
    with pytest.raises(KeyError):
        undo(store, UndoStep("add", added))  # gone already


def test_undoing_an_outcome_change_keeps_the_red_flag_record(store: HistoryStore) -> None:
    before = store.add_session([ItemRecord("hydrate", "done")], outcome=Outcome(False))
    flagged = Outcome(True, 7, "lower back", red_flags=("leg-pain",), advice_shown=True)
    store.set_outcome(before.id, flagged)
    undone = undo(store, UndoStep("outcome", before))
    assert undone.message == (
        "Undid the outcome change of session #1. The red-flag answers stay on record."
    )
    outcome = store.get(1).outcome
    assert outcome is not None
    assert not outcome.cramped and outcome.severity is None
    assert outcome.red_flags == ("leg-pain",) and outcome.advice_shown


def test_undoing_the_first_outcome_keeps_it_when_it_showed_advice(store: HistoryStore) -> None:
    before = store.add_session([ItemRecord("hydrate", "done")])
    store.set_outcome(before.id, Outcome(True, 8, red_flags=("numbness",), advice_shown=True))
    undo(store, UndoStep("outcome", before))
    outcome = store.get(1).outcome
    assert outcome is not None and outcome.red_flags == ("numbness",) and outcome.advice_shown


def test_undoing_a_plain_outcome_removes_it(store: HistoryStore) -> None:
    before = store.add_session([ItemRecord("hydrate", "done")])
    store.set_outcome(before.id, Outcome(True, 3))
    assert undo(store, UndoStep("outcome", before)).message == (
        "Undid the outcome change of session #1."
    )
    assert store.get(1).outcome is None


def test_with_safety_record_leaves_a_session_without_flags_alone(store: HistoryStore) -> None:
    before = store.add_session([ItemRecord("hydrate", "done")], note="a")
    current = store.update_session(before.id, note="b", outcome=Outcome(False))
    assert with_safety_record(before, current) == before


def test_next_number_is_never_a_used_one(store: HistoryStore) -> None:
    assert store.next_number() == 1
    first = store.add_session([ItemRecord("hydrate", "done")])
    store.delete_session(first.id)
    assert store.next_number() == 2
    assert store.add_session([ItemRecord("hydrate", "done")]).id == 2
