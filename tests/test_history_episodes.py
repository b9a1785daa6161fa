"""Cramps recorded on their own: deleting one (and undoing that) leaves everything else as is."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import CrampEpisode, HistoryStore, ItemRecord
from crampui.history.fieldmerge import BOOKKEEPING
from tests.clocks import FakeWallClock

START = datetime(2026, 12, 2, 12, 32, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "h.json", clock=FakeWallClock(START))


def test_a_loose_episode_can_be_deleted_and_put_back(store: HistoryStore) -> None:
    session = store.add_session([ItemRecord("hydrate", "done")])
    timed = CrampEpisode(START, 2, "left", 12.5, 30)
    store.add_episode(timed, session.id)
    first, mistaken = CrampEpisode(START - timedelta(days=3)), CrampEpisode(START, side="left")
    store.add_episode(first)
    store.add_episode(mistaken)
    store.compact()  # every record in the file
    before = json.loads(store.store_path.read_text())

    removed = store.delete_episode(mistaken)
    assert removed == mistaken
    assert store.loose_episodes() == [first]
    assert store.get(session.id).episodes == (timed,)
    with pytest.raises(KeyError):
        store.delete_episode(mistaken)
    with pytest.raises(KeyError):
        store.delete_episode(timed)  # a session's cramp is not "on its own"

    store.add_episode(removed)  # undo: the same record comes back
    assert store.loose_episodes() == [mistaken, first]
    store.compact()
    after = json.loads(store.store_path.read_text())

    def content(tables: dict[str, dict[str, dict[str, object]]]) -> list[str]:
        unversioned = (
            {k: v for k, v in doc.items() if k not in BOOKKEEPING}
            for doc in tables["episodes"].values()
        )
        return sorted(map(str, unversioned))

    assert content(after) == content(before)
    assert after["sessions"] == before["sessions"]


def test_deleting_one_of_two_identical_episodes_keeps_the_other(store: HistoryStore) -> None:
    twice = CrampEpisode(START)
    store.add_episode(twice)
    store.add_episode(twice)
    store.delete_episode(twice)
    assert store.loose_episodes() == [twice]


def test_a_deleted_cramp_keeps_no_side_and_its_undo_puts_it_back_in_its_session(
    store: HistoryStore, tmp_path: Path
) -> None:
    session = store.add_session([ItemRecord("hydrate", "done")])
    cramp = store.add_episode(CrampEpisode(START, 2, "SECRETSIDE calf", 12.5, 30), session.id)
    gone = store.delete_episode(cramp)
    assert b"SECRETSIDE" not in store.store_path.read_bytes()
    store.add_episode(gone)  # what undo does
    assert [(e.side, s and s.id) for e, s in store.episodes()] == [("SECRETSIDE calf", 1)]
