"""HistoryStore: round trips, ordering, undo, drafts, schema, recovery and write failures."""

from __future__ import annotations

import ast
import errno
import json
import math
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from crampui import history
from crampui.history import (
    AtomicJSONStorage,
    CrampEpisode,
    HistoryError,
    HistoryStore,
    HistoryWriteError,
    ItemRecord,
    Outcome,
    database,
    engine,
)
from crampui.history.journal import journal_file
from crampui.locations import local_folder
from crampui.usertext import UserTextError

START = datetime(2026, 11, 25, 20, 15, 30, 123456, tzinfo=timezone.utc)
STAMP = "20261125T201530Z"
ITEMS = [
    ItemRecord("hydrate", "done"),
    ItemRecord("warm-up", "skipped", "no time"),
    ItemRecord("loosen", "pending"),
]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.json"


@pytest.fixture
def store(db: Path, clock: Clock) -> HistoryStore:
    return HistoryStore(db, clock=clock)


def files(directory: Path) -> list[str]:
    """Every file name in ``directory`` (the synced folder: no lock or backup is ever there)."""
    return sorted(p.name for p in directory.iterdir())


# -- round trips and ordering -------------------------------------------------------------------


def test_a_saved_session_round_trips_through_the_file(store: HistoryStore, db: Path) -> None:
    saved = store.add_session(ITEMS, note="felt  fine\nafter")
    assert saved.id == saved.seq == 1
    assert saved.saved_at == START
    assert saved.note == "felt fine after"
    assert saved.done_ids == ("hydrate",)
    assert saved.skipped_ids == ("warm-up",)
    assert saved.pending_ids == ("loosen",)
    assert saved.items[1].reason == "no time"
    reopened = HistoryStore(db)
    assert reopened.sessions() == [saved]
    assert reopened.get(1) == saved
    assert reopened.last_session() == saved
    assert reopened.count() == 1
    stored = json.loads(store.store_path.read_text())  # this computer's store
    assert stored["meta"]["1"]["schema_version"] == history.SCHEMA_VERSION
    assert json.loads(db.read_text()) == {
        "meta": {"1": {"schema_version": history.SCHEMA_VERSION + 1, "layout": "device stores"}}
    }
    doc = stored["sessions"][saved.uid]
    assert doc["saved_at"] == "2026-11-25T20:15:30.123456+00:00"
    assert doc["seq"] == 1 and len(saved.uid) == 32
    assert doc["changed_at"] == doc["saved_at"] and doc["device"] == store.device


def test_local_time_is_the_utc_time_converted(store: HistoryStore) -> None:
    saved = store.add_session(ITEMS)
    assert saved.local_time == START
    assert saved.local_time.utcoffset() == START.astimezone().utcoffset()


def test_sessions_are_ordered_by_seq_even_when_the_clock_goes_backwards(
    store: HistoryStore, clock: Clock
) -> None:
    first = store.add_session(ITEMS, note="first")
    clock.move(hours=-5)  # clock reset or timezone mix-up
    second = store.add_session(ITEMS, note="second")
    clock.move(days=-30)
    third = store.add_session(ITEMS, note="third")
    assert [s.note for s in store.sessions()] == ["third", "second", "first"]
    assert [s.seq for s in (first, second, third)] == [1, 2, 3]
    assert third.saved_at < second.saved_at < first.saved_at
    assert store.last_session() == third


def test_two_stores_on_one_file_see_each_others_changes(db: Path) -> None:
    one, two = HistoryStore(db), HistoryStore(db)
    one.add_session(ITEMS, note="from one")
    two.add_session(ITEMS, note="from two")
    assert [s.note for s in one.sessions()] == ["from two", "from one"]
    assert [s.seq for s in two.sessions()] == [2, 1]


def test_reading_a_history_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "nowhere" / "history.json")
    assert store.sessions() == [] and store.last_session() is None and store.count() == 0
    assert store.draft() is None
    assert not (tmp_path / "nowhere").exists()
    with pytest.raises(KeyError, match="no session #3"):
        store.get(3)


def test_stored_sessions_counts_deleted_sessions_markers_too(store: HistoryStore) -> None:
    """What reading the sessions costs: every record, a deleted session's marker included
    (``count`` is what the user has)."""
    assert store.stored_sessions() == 0
    for note in ("a", "b", "c"):
        store.add_session(ITEMS, note=note)
    store.delete_session(2)
    assert (store.count(), store.stored_sessions()) == (2, 3)
    assert HistoryStore(store.path).stored_sessions() == 3


# -- undo, outcomes, episodes, drafts -------------------------------------------------------


def test_delete_then_restore_puts_the_session_back_in_its_place(
    store: HistoryStore, clock: Clock
) -> None:
    for note in ("a", "b", "c"):
        store.add_session(ITEMS, note=note)
        clock.move(minutes=1)
    middle = store.get(2)
    store.add_episode(CrampEpisode(at=START, repetition=2, side="left"), session_id=2)
    middle = store.get(2)
    deleted = store.delete_session(2)
    assert deleted == middle
    assert [s.note for s in store.sessions()] == ["c", "a"]
    with pytest.raises(KeyError):
        store.get(2)
    store.restore_session(deleted)
    assert store.sessions()[1] == middle
    assert [s.note for s in store.sessions()] == ["c", "b", "a"]
    with pytest.raises(HistoryError, match="already in the history"):
        store.restore_session(deleted)


def test_deleting_the_newest_never_lets_a_new_session_reuse_its_id(store: HistoryStore) -> None:
    store.add_session(ITEMS, note="old")
    newest = store.delete_session(store.add_session(ITEMS, note="undo me").id)
    replacement = store.add_session(ITEMS, note="new")
    assert (replacement.id, replacement.seq) == (3, 3)
    store.restore_session(newest)
    assert [(s.seq, s.note) for s in store.sessions()] == [(3, "new"), (2, "undo me"), (1, "old")]


def test_an_outcome_can_be_set_on_any_past_session(store: HistoryStore, clock: Clock) -> None:
    for _ in range(3):
        store.add_session(ITEMS)
    clock.move(days=2)
    updated = store.set_outcome(
        1, Outcome(cramped=True, severity=7, where=" lower\tback ", red_flags=("numbness",))
    )
    assert updated.outcome == Outcome(
        True, 7, "lower back", red_flags=("numbness",), recorded_at=START + timedelta(days=2)
    )
    assert store.get(1) == updated
    assert store.get(2).outcome is None
    assert store.set_outcome(1, Outcome(cramped=False)).outcome == Outcome(
        False, recorded_at=clock.now
    )
    with pytest.raises(KeyError):
        store.set_outcome(9, Outcome(cramped=False))


def test_add_session_can_store_its_outcome_in_the_same_write(store: HistoryStore) -> None:
    saved = store.add_session(ITEMS, outcome=Outcome(cramped=True, severity=0))
    assert store.get(saved.id).outcome == Outcome(True, 0, recorded_at=START)


def test_episodes_are_kept_with_their_session_or_on_their_own(store: HistoryStore) -> None:
    session = store.add_session(ITEMS)
    timed = CrampEpisode(at=START, repetition=1, side="right", seconds_into_hold=12.5)
    loose = CrampEpisode(at=START + timedelta(hours=1))
    assert store.add_episode(timed, session.id) == timed
    store.add_episode(loose)
    assert store.get(session.id).episodes == (timed,)
    assert store.loose_episodes() == [loose]
    with pytest.raises(KeyError):
        store.add_episode(timed, 99)


def test_the_draft_survives_reopening_and_can_be_cleared(store: HistoryStore, db: Path) -> None:
    assert store.draft() is None
    store.save_draft(ITEMS[:2], note="half way")
    draft = HistoryStore(db).draft()
    assert draft is not None
    assert draft.items == tuple(ITEMS[:2]) and draft.note == "half way"
    assert draft.saved_at == START
    store.save_draft([ItemRecord("hydrate", "pending"), ItemRecord("loosen", "skipped", "sore")])
    store.save_draft([ItemRecord("hydrate", "done")])  # fewer states: nothing left over
    draft = HistoryStore(db).draft()
    assert draft is not None and draft.items == (ItemRecord("hydrate", "done"),)
    assert draft.note == ""
    HistoryStore(db).clear_draft()
    assert store.draft() is None
    store.clear_draft()  # clearing nothing is fine


# -- validation before writing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: ItemRecord("", "done"),
        lambda: ItemRecord("two words", "done"),
        lambda: ItemRecord("hydrate", "maybe"),  # type: ignore[arg-type]
        lambda: ItemRecord("hydrate", "done", "a reason only a skip can have"),
        lambda: Outcome(cramped=True, severity=11),
        lambda: Outcome(cramped=True, severity=-1),
        lambda: Outcome(cramped=True, severity=True),
        lambda: Outcome(cramped=True, severity=3.0),  # type: ignore[arg-type]
        lambda: Outcome(cramped=False, severity=2),
        lambda: Outcome(cramped=1),  # type: ignore[arg-type]
        lambda: Outcome(cramped=True, red_flags=("",)),
        lambda: CrampEpisode(at=START, seconds_into_hold=math.nan),
        lambda: CrampEpisode(at=START, seconds_into_hold=math.inf),
        lambda: CrampEpisode(at=START, repetition=0),
        lambda: CrampEpisode(at=datetime(2026, 11, 25)),  # naive
    ],
)
def test_invalid_records_cannot_be_built(make: object) -> None:
    with pytest.raises(ValueError):
        make()  # type: ignore[operator]


def test_invalid_input_writes_nothing(store: HistoryStore, db: Path) -> None:
    store.add_session(ITEMS)
    before = db.read_bytes()
    with pytest.raises(ValueError, match="more than once"):
        store.add_session([ItemRecord("hydrate", "done"), ItemRecord("hydrate", "skipped")])
    with pytest.raises(UserTextError, match="note is 5,001 characters; the limit is 5,000"):
        store.add_session(ITEMS, note="x" * 5001)
    with pytest.raises(UserTextError, match="reason for skipping warm-up"):
        store.add_session([ItemRecord("warm-up", "skipped", "y" * 3000)])
    with pytest.raises(UserTextError, match="where"):
        store.set_outcome(1, Outcome(cramped=True, where="z" * 201))
    assert db.read_bytes() == before


def test_user_text_is_cleaned_on_the_way_in(store: HistoryStore) -> None:
    saved = store.add_session(
        [ItemRecord("warm-up", "skipped", "\x1b[31mlate\x1b[0m")], note="[bold]x[/] \x1b]0;t\x07ok"
    )
    assert saved.note == "[bold]x[/] ok"
    assert saved.items[0].reason == "late"
    assert store.get(saved.id) == saved


def test_a_naive_clock_is_refused(db: Path) -> None:
    store = HistoryStore(db, clock=lambda: datetime(2026, 11, 25, 20, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        store.add_session(ITEMS)
    assert not db.exists()


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, {1, 2}, object()])
def test_nan_infinity_and_non_json_values_are_refused_before_writing(
    store: HistoryStore, db: Path, value: object
) -> None:
    store.add_session(ITEMS)
    before = db.read_bytes()
    with pytest.raises(HistoryError, match="Refusing to save"), store.transaction() as tinydb:
        tinydb.table("scratch").insert({"note": value})
    assert db.read_bytes() == before
    assert store.get(1).note == ""
    assert files(db.parent) == ["history.json", "history.json.journal"]


def test_the_storage_alone_refuses_nan(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    with pytest.raises(HistoryError, match="JSON"):
        AtomicJSONStorage(path).write({"t": {"1": {"x": math.nan}}})
    assert not path.exists()


# -- schema versions -------------------------------------------------------------------------


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(db: Path) -> None:
    db.parent.mkdir()
    db.write_text(json.dumps({"meta": {"1": {"schema_version": 3}}, "sessions": {"1": []}}))
    before = db.read_bytes()
    with pytest.raises(HistoryError) as caught:
        HistoryStore(db)
    assert str(caught.value) == (
        "history.json was written by a newer crampui (schema 3); this version understands up "
        "to 2. Upgrade crampui; the file was left untouched."
    )
    assert db.read_bytes() == before
    assert files(db.parent) == ["history.json"]


def test_a_schema_0_file_is_backed_up_then_migrated(db: Path, clock: Clock) -> None:
    db.parent.mkdir()
    old = {
        "sessions": {
            "1": {"local_time": "2026-11-20T18:05:00", "done": ["hydrate"], "cramped": True},
            "2": {"local_time": "2026-11-19T07:30:00", "skipped": ["loosen"], "note": "early"},
            "3": {"local_time": "2026-11-21T09:00:00", "cramped": None},
        }
    }
    db.write_text(json.dumps(old))
    original = db.read_bytes()
    store = HistoryStore(db, clock=clock)
    assert (local_folder(db) / f"history.json.pre-stores-{STAMP}").read_bytes() == original
    sessions = store.sessions()
    assert [s.note for s in sessions] == ["", "", "early"]
    assert [s.seq for s in sessions] == [3, 2, 1]  # seq follows the old local times
    oldest, middle = sessions[2], sessions[1]
    assert oldest.saved_at == datetime(2026, 11, 19, 7, 30).astimezone(timezone.utc)
    assert oldest.skipped_ids == ("loosen",) and oldest.outcome is None
    assert middle.done_ids == ("hydrate",)
    assert middle.outcome == Outcome(True, recorded_at=middle.saved_at)
    assert json.loads(store.store_path.read_text())["meta"]["1"]["schema_version"] == 2
    assert store.recovery_notice is None
    assert store.add_session(ITEMS).seq == 4


# -- recovery from unreadable files ----------------------------------------------------------

CORRUPTIONS: dict[str, bytes] = {
    "truncated": b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"1": {"seq": 1, "sav',
    "trailing junk": b'{"meta": {"1": {"schema_version": 1}}}garbage',
    "NUL bytes": b"\x00" * 64,
    "a JSON list": b"[1, 2, 3]",
    "a table that is a list": b'{"meta": {"1": {"schema_version": 1}}, "sessions": []}',
    "a non-dict session": b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"1": [1]}}',
    "a session missing fields": b'{"meta": {"1": {"schema_version": 1}}, '
    b'"sessions": {"1": {"seq": 1}}}',
    "a non-numeric id": b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"x": {}}}',
    "a bad schema_version": b'{"meta": {"1": {"schema_version": "one"}}}',
    "NaN in a field": b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"1": {"seq": NaN}}}',
    "invalid UTF-8": b'{"meta": {"1": {"schema_version": 1}}, "x": "\xff\xfe"}',
    "empty (0 bytes)": b"",
}


@pytest.mark.parametrize("content", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_an_unreadable_file_is_moved_aside_and_the_backup_restored(
    db: Path, clock: Clock, content: bytes
) -> None:
    store = HistoryStore(db, clock=clock)
    first = store.add_session(ITEMS, note="first")
    store.compact()  # the file holds "first", the backup nothing yet
    second = store.add_session(ITEMS, note="second")
    store.compact()  # the file holds both, the backup "first", the journal "second"
    db.write_bytes(content)

    reopened = HistoryStore(db, clock=clock)

    aside = db.parent / f"history.json.corrupt-{STAMP}"
    assert aside.read_bytes() == content
    # the backup (the state before the last rewrite) with this computer's journal on top
    assert reopened.sessions() == [second, first]
    notice = reopened.recovery_notice
    assert notice is not None
    assert str(aside) in notice and "could not be read" in notice and "restored" in notice
    assert reopened.add_session(ITEMS).seq == 3


def test_without_a_backup_a_corrupt_file_gives_an_empty_history(db: Path, clock: Clock) -> None:
    db.parent.mkdir()
    db.write_bytes(b"{not json")
    store = HistoryStore(db, clock=clock)
    assert store.sessions() == []
    assert store.recovery_notice is not None
    assert f"history.json.corrupt-{STAMP}" in store.recovery_notice
    assert "starts empty" in store.recovery_notice


def test_an_unusable_backup_is_not_restored(db: Path, clock: Clock) -> None:
    db.parent.mkdir()
    db.write_bytes(b"[]")
    local_folder(db, create=True)
    (local_folder(db) / "history.json.bak").write_bytes(b"also broken")
    store = HistoryStore(db, clock=clock)
    assert store.sessions() == []
    assert store.recovery_notice is not None and "No usable backup" in store.recovery_notice


def test_repeated_recoveries_never_overwrite_an_earlier_corrupt_file(
    db: Path, clock: Clock
) -> None:
    db.parent.mkdir()
    for content in (b"one", b"two"):
        db.write_bytes(content)
        HistoryStore(db, clock=clock)
    assert (db.parent / f"history.json.corrupt-{STAMP}").read_bytes() == b"one"
    assert (db.parent / f"history.json.corrupt-{STAMP}-2").read_bytes() == b"two"


def test_an_empty_file_without_a_backup_is_a_new_history(db: Path) -> None:
    db.parent.mkdir()
    db.write_bytes(b"")
    store = HistoryStore(db)
    assert store.sessions() == [] and store.recovery_notice is None
    store.add_session(ITEMS)
    assert files(db.parent) == ["history.json", "history.json.journal"]
    assert not store.backup_path.exists()  # an empty file is not worth a backup


def test_a_missing_file_with_a_backup_is_restored(store: HistoryStore, db: Path) -> None:
    first = store.add_session(ITEMS)
    store.compact()
    second = store.add_session(ITEMS)
    store.compact()  # the backup holds the first
    store.store_path.unlink()
    reopened = HistoryStore(db)
    # the backup, and what this computer had seen since (kept outside the folder) on top
    assert [session.uid for session in reopened.sessions()] == [second.uid, first.uid]
    assert reopened.recovery_notice is not None and "missing" in reopened.recovery_notice
    assert "put back" in reopened.recovery_notice


def test_a_missing_file_without_a_backup_gets_back_what_this_computer_had_seen(
    store: HistoryStore, db: Path
) -> None:
    first = store.add_session(ITEMS)  # in the file (its first write: no backup)
    second = store.add_session(ITEMS)  # in the journal
    store.store_path.unlink()
    reopened = HistoryStore(db)
    assert [session.uid for session in reopened.sessions()] == [second.uid, first.uid]
    assert reopened.recovery_notice is not None and "put back" in reopened.recovery_notice


def test_the_backup_holds_the_state_before_the_last_rewrite(store: HistoryStore, db: Path) -> None:
    store.add_session(ITEMS, note="one")
    assert not store.backup_path.exists()
    store.add_session(ITEMS, note="two")
    assert not store.backup_path.exists(), "a save only appends"
    store.compact()
    backup = json.loads(store.backup_path.read_text())
    assert [doc["note"] for doc in backup["sessions"].values()] == ["one"]
    assert files(db.parent) == ["history.json", "history.json.journal"], "no backup synced"
    assert stat.S_IMODE(store.backup_path.stat().st_mode) == 0o600


def test_an_earlier_versions_backup_and_lock_leave_the_synced_folder(
    db: Path, clock: Clock
) -> None:
    """``<db>.bak`` and ``<db>.lock`` beside the history (synced to every computer by earlier
    versions) are gone after the next save; that ``.bak`` became the local backup."""
    kept = HistoryStore(db, clock=clock)
    kept.add_session(ITEMS, note="kept")
    (db.parent / "history.json.bak").write_bytes(kept.store_path.read_bytes())
    (db.parent / "history.json.lock").write_bytes(b"")
    local_folder(db).joinpath("history.json.bak").unlink(missing_ok=True)
    HistoryStore(db, clock=clock).add_session(ITEMS, note="next")
    assert files(db.parent) == ["history.json", "history.json.journal"]
    backup = json.loads((local_folder(db) / "history.json.bak").read_text())
    assert [doc["note"] for doc in backup["sessions"].values()] == ["kept"]


# -- write failures ---------------------------------------------------------------------------


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def every_file(folder: Path) -> dict[str, bytes]:
    """The bytes of every file under ``folder`` (the synced folder), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("target", "action"),
    [
        ("os.write", "save"),  # a save appends to the journal
        ("os.fsync", "save"),
        ("os.replace", "compact"),  # a compaction rewrites the file
        ("os.fsync", "compact"),
        ("tempfile.mkstemp", "compact"),
    ],
)
def test_a_full_disk_raises_a_clear_error_and_changes_nothing(
    store: HistoryStore, db: Path, monkeypatch: pytest.MonkeyPatch, target: str, action: str
) -> None:
    store.add_session(ITEMS, note="one")
    store.add_session(ITEMS, note="two")
    before = every_file(db.parent)
    module, function = target.split(".")
    with monkeypatch.context() as patch:
        patch.setattr(getattr(engine, module), function, enospc)
        with pytest.raises(HistoryWriteError) as caught:
            store.add_session(ITEMS, note="three") if action == "save" else store.compact()
    written = journal_file(db, store.device) if action == "save" else store.store_path
    assert str(caught.value) == (
        f"Could not save to {written}: No space left on device. Your data is unchanged; "
        "try again after freeing space."
    )
    assert every_file(db.parent) == before
    assert [s.note for s in store.sessions()] == ["two", "one"]
    assert [s.note for s in HistoryStore(db).sessions()] == ["two", "one"]
    assert store.add_session(ITEMS, note="three").seq == 3  # works again once space is free


def test_no_permission_says_where_the_user_needs_to_be_able_to_write(
    store: HistoryStore, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def eacces(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    store.add_session(ITEMS)
    monkeypatch.setattr(engine.tempfile, "mkstemp", eacces)
    with pytest.raises(HistoryWriteError) as caught:
        store.compact()
    assert str(caught.value) == (
        f"Could not save to {store.store_path}: Permission denied. Your data is unchanged; "
        f"check that you may write to {store.store_path.parent}."
    )


def test_without_the_lock_file_reads_still_work_but_writes_refuse(
    store: HistoryStore, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = store.add_session(ITEMS)

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(FileLock, "acquire", read_only)
    reader = HistoryStore(db)
    assert reader.sessions() == [saved]
    with pytest.raises(HistoryWriteError, match="Permission denied"):
        reader.add_session(ITEMS)
    assert store.count() == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_read_only_directory_raises_a_clear_error(store: HistoryStore, db: Path) -> None:
    store.add_session(ITEMS)
    before = db.read_bytes()
    db.parent.chmod(0o500)
    try:
        with pytest.raises(HistoryWriteError, match="Permission denied. Your data is unchanged"):
            store.add_session(ITEMS)
        assert len(store.sessions()) == 1  # still readable
    finally:
        db.parent.chmod(0o700)
    assert db.read_bytes() == before
    assert files(db.parent) == ["history.json"]


# -- locking ----------------------------------------------------------------------------------


def test_every_transaction_holds_the_lock_file(store: HistoryStore, db: Path) -> None:
    other = FileLock(str(local_folder(db) / "lock"), timeout=0)
    with store.transaction(), pytest.raises(Timeout):
        other.acquire()
    other.acquire()
    other.release()


def test_a_lock_held_too_long_gives_a_clear_error(
    store: HistoryStore, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "LOCK_TIMEOUT", 0.1)
    busy = HistoryStore(db)
    with FileLock(str(local_folder(db) / "lock")), pytest.raises(HistoryError, match="busy"):
        busy.add_session(ITEMS)


# -- reads take no lock ----------------------------------------------------------------------


def test_reading_creates_no_lock_file(store: HistoryStore, db: Path) -> None:
    saved = store.add_session(ITEMS)
    (local_folder(db) / "lock").unlink()
    reader = HistoryStore(db)
    assert reader.sessions() == [saved] and reader.get(1) == saved and reader.count() == 1
    assert reader.last_session() == saved and reader.draft() is None
    assert files(db.parent) == ["history.json", "history.json.journal"]
    assert not (local_folder(db) / "lock").exists()


def test_a_read_only_transaction_refuses_to_save(store: HistoryStore, db: Path) -> None:
    store.add_session(ITEMS)
    before = db.read_bytes()
    with pytest.raises(HistoryError, match="read-only"), store.transaction(write=False) as tinydb:
        tinydb.table("scratch").insert({"x": 1})
    assert db.read_bytes() == before


def test_opening_removes_orphaned_temporary_files_when_no_one_is_saving(
    store: HistoryStore, db: Path
) -> None:
    store.add_session(ITEMS)
    orphan = db.parent / ".history.json.0123456789ab.tmp"
    orphan.write_bytes(b"half a write")
    with FileLock(str(local_folder(db) / "lock")):  # a writer is busy: not an orphan
        HistoryStore(db)
    assert orphan.exists()
    HistoryStore(db)
    assert not orphan.exists()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, 12, tzinfo=timezone.utc),
        datetime(9999, 12, 31, tzinfo=timezone.utc),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(-timedelta(hours=5))),
    ],
)
def test_times_too_close_to_the_limits_to_show_everywhere_are_refused(moment: datetime) -> None:
    with pytest.raises(ValueError, match="out of range"):
        CrampEpisode(at=moment)


# -- the package's layering ------------------------------------------------------------------

LAYERS = (
    "errors", "stretch_records", "records", "entry", "parsing", "codec", "hlc", "fieldmerge",
    "versions", "item_settings", "routine_records", "schema", "export",
    "merge", "migrations", "engine", "locking", "device", "checked", "conflicts",
    "journal", "clones",
    "loaded", "storage", "recovery", "stores", "seen", "reading", "database", "syncing",
    "writer", "store",
)  # fmt: skip


def test_each_history_module_imports_only_the_ones_below_it() -> None:
    """No import cycles: a module may use only modules earlier in LAYERS."""
    package = Path(history.__file__).parent
    assert sorted(p.stem for p in package.glob("*.py")) == sorted([*LAYERS, "__init__"])
    for level, name in enumerate(LAYERS):
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        used = {
            node.module.removeprefix("crampui.history.")
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("crampui.history.")
        }
        assert used <= set(LAYERS[:level]), f"{name} imports {used - set(LAYERS[:level])}"
        assert len((package / f"{name}.py").read_text(encoding="utf-8").splitlines()) <= 300


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in history.__all__:
        assert getattr(history, name) is not None
    with pytest.raises(AttributeError):
        history.no_such_name  # noqa: B018
