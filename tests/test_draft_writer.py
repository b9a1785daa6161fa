"""The draft writer writes only the newest queued run, and keeps it when the store refuses."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from crampui.checklist.draft_writer import DraftWriter
from crampui.history import HistoryStore, HistoryWriteError, ItemRecord
from tests.clocks import FakeWallClock

NOW = datetime(2026, 11, 25, 18, 5, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """An empty history."""
    return HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW))


def test_only_the_newest_queued_state_is_written(store: HistoryStore) -> None:
    writer = DraftWriter(store)
    writer.queue([ItemRecord("warm-up", "done")], "")
    writer.queue([ItemRecord("warm-up", "skipped", "no time")], "stiff")
    assert writer.pending
    writer.write_pending()
    assert not writer.pending
    draft = store.draft()
    assert draft is not None
    assert (draft.items, draft.note) == ((ItemRecord("warm-up", "skipped", "no time"),), "stiff")
    writer.write_pending()  # nothing queued: nothing written
    assert store.draft() == draft


def test_a_run_with_nothing_answered_clears_the_draft(store: HistoryStore) -> None:
    store.save_draft([ItemRecord("warm-up", "done")])
    writer = DraftWriter(store)
    writer.queue([ItemRecord("warm-up", "pending")], "")
    writer.write_pending()
    assert store.draft() is None


def test_a_refused_write_stays_queued(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = DraftWriter(store)
    writer.queue([ItemRecord("warm-up", "done")], "")

    def full_disk(*args: object) -> None:
        raise HistoryWriteError("No space left on device")

    monkeypatch.setattr(store, "save_draft", full_disk)
    with pytest.raises(HistoryWriteError):
        writer.write_pending()
    assert writer.pending
    monkeypatch.undo()
    writer.write_pending()
    draft = store.draft()
    assert draft is not None and draft.items == (ItemRecord("warm-up", "done"),)
