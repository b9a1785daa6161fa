"""Routines and stretch fields in the history (issue 29): stored per field, merged like other
records, and old histories open unchanged ("stretch not recorded")."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.checklist.routines import (
    DEFAULT_ROUTINE_ID,
    add_own_stretch,
    current_routine,
    default_routine,
    remove_step,
    set_step,
)
from crampui.content.store import Content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord
from crampui.history.stretch_records import StretchRecord
from crampui.locations import local_folder
from tests.clocks import FakeWallClock
from tests.history_files import history_bytes

START = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)
OLD_HISTORY = Path(__file__).parent / "data" / "history-v2-before-tiers.json"


def test_an_unchanged_routine_is_the_default_and_nothing_is_stored(
    tmp_path: Path, content: Content
) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=FakeWallClock(START))
    assert current_routine(store, content) == default_routine(content)
    assert store.stored_routine(DEFAULT_ROUTINE_ID) is None
    assert not (tmp_path / "h.json").exists()


def test_a_changed_routine_is_stored_and_read_back(tmp_path: Path, content: Content) -> None:
    path = tmp_path / "h.json"
    store = HistoryStore(path, clock=FakeWallClock(START))
    _id, routine = add_own_stretch(content, default_routine(content), "Wall sit", "Back flat")
    routine = remove_step(routine, "knee-rolls")
    store.put_routine(routine)
    assert current_routine(HistoryStore(path), content) == routine
    own = store.store_path  # this computer's store
    doc = json.loads(own.read_text())["routines"]["default"]
    assert doc["at:knee-rolls"] is None and doc["own:own-wall-sit"]["name"] == "Wall sit"
    before = own.read_bytes()
    store.put_routine(routine)
    assert own.read_bytes() == before, "an unchanged routine is not written again"


def test_two_computers_changing_different_fields_of_the_routine_keep_both(
    tmp_path: Path, content: Content
) -> None:
    desk_path, laptop_path = tmp_path / "desk.json", tmp_path / "laptop.json"
    desk = HistoryStore(desk_path, clock=FakeWallClock(START), device="aaaaaaaaaaaa")
    desk.put_routine(default_routine(content))
    laptop_path.write_bytes(history_bytes(desk_path))
    laptop = HistoryStore(
        laptop_path, clock=FakeWallClock(START + timedelta(minutes=5)), device="bbbbbbbbbbbb"
    )
    laptop.put_routine(remove_step(default_routine(content), "knee-rolls"))  # steps, retired
    desk_routine = set_step(default_routine(content), "pelvic-tilt", hold_seconds=9)
    _id, with_own = add_own_stretch(content, desk_routine, "Wall sit")
    desk.put_routine(with_own)  # steps (earlier stamp), own
    desk.merge_file(laptop_path)
    merged = current_routine(HistoryStore(desk_path), content)
    assert [o.name for o in merged.own_stretches] == ["Wall sit"], "desk's own stretch"
    assert merged.retired == ("knee-rolls",), "laptop's retired id"


def test_an_episode_keeps_its_stretch_and_a_session_its_stretches(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    store = HistoryStore(path, clock=FakeWallClock(START))
    session = store.add_session([ItemRecord("hydrate", "done")])
    store.add_episode(CrampEpisode(START, 2, None, 3.0, 5, stretch_id="pelvic-tilt"), session.id)
    store.put_stretches(
        session.id,
        [
            StretchRecord("knee-to-chest", "done"),
            StretchRecord("pelvic-tilt", "cut short", " sore \x1b[31m"),
        ],
    )
    again = HistoryStore(path).get(session.id)
    assert again.episodes[0].stretch_id == "pelvic-tilt"
    assert [(s.stretch_id, s.status, s.reason) for s in again.stretches] == [
        ("knee-to-chest", "done", ""),
        ("pelvic-tilt", "cut short", "sore"),
    ]
    edited = HistoryStore(path).update_session(session.id, note="felt fine")
    assert edited.stretches == again.stretches, "an edit keeps the stretches"
    with pytest.raises(ValueError):
        StretchRecord("knee-to-chest", "done", "a reason on a stretch done")
    with pytest.raises(ValueError):
        StretchRecord("knee to chest", "done")


def test_an_old_history_opens_unchanged_and_its_cramps_have_no_stretch(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    tables = json.loads(OLD_HISTORY.read_text())
    tables["episodes"] = {  # a cramp logged with the timer before routines existed
        "0123456789abcdef0123456789abcdef": {
            "at": "2026-11-20T18:00:00.000000+00:00",
            "repetition": 2,
            "side": "left",
            "seconds_into_hold": 12.0,
            "hold_seconds": 30,
            "changed_at": "2026-11-20T18:00:00.000000+00:00",
            "device": "aaaaaaaaaaaa",
        }
    }
    path.write_text(json.dumps(tables))
    before = path.read_bytes()
    store = HistoryStore(path)
    sessions, [(episode, _session)] = store.sessions(), store.episodes()
    assert sessions and all(session.stretches == () for session in sessions)
    assert (episode.stretch_id, episode.repetition, episode.side) == (None, 2, "left")
    [kept] = local_folder(path).glob("history.json.pre-stores-*")  # moved to its store
    assert kept.read_bytes() == before


def test_a_session_is_saved_with_its_stretches_in_one_record(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    store = HistoryStore(path, clock=FakeWallClock(START))
    ran = [
        StretchRecord("knee-to-chest", "done"),
        StretchRecord("cat-camel", "skipped", " sore \x1b[31m"),
    ]
    session = store.add_session([], stretches=ran)
    assert [(s.stretch_id, s.reason) for s in HistoryStore(path).get(session.id).stretches] == [
        ("knee-to-chest", ""),
        ("cat-camel", "sore"),
    ]
    before = store.store_path.read_bytes()
    with pytest.raises(ValueError, match="at most 50"):
        store.add_session([], stretches=[StretchRecord("cat-camel", "done")] * 51)
    assert store.store_path.read_bytes() == before and store.count() == 1
