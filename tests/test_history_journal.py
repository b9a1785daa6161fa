"""The journal layout of every history: appends instead of rewrites, compaction, recovery.

The compaction threshold is lowered so that a few sessions make a journal worth folding in.
What is checked is what a user relies on: every acknowledged save is read back by a fresh
process, the main file is not rewritten for each save, nothing is lost when the main file is
damaged, and a journal from another computer (as a sync tool delivers it) is read without
any conflict copy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crampui.history import HistoryStore, ItemRecord, journal
from crampui.history.journal import journal_file, journal_folder
from tests.history_files import history_bytes

ME, OTHER = "a1a1a1a1a1a1", "b2b2b2b2b2b2"
ITEMS = [ItemRecord("hydrate", "done"), ItemRecord("warm-up", "skipped", "no time")]


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal of 2 KB or more (and a quarter of the file) is folded in."""
    monkeypatch.setattr(journal, "COMPACT_FROM_BYTES", 2048)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.json"


def grow(store: HistoryStore, count: int) -> None:
    """Add ``count`` sessions with a note each."""
    for number in range(count):
        store.add_session(ITEMS, note=f"session note {number} " + "x" * 40)


def test_a_save_appends_to_this_computers_journal_instead_of_rewriting(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    main = db.read_bytes()
    before = journal_file(db, ME).read_bytes().splitlines()
    saved = store.add_session(ITEMS, note="the new one")
    assert db.read_bytes() == main, "the main file is not rewritten"
    lines = journal_file(db, ME).read_bytes().splitlines()
    assert lines[:-1] == before and saved.uid in lines[-1].decode()
    fresh = HistoryStore(db, device=OTHER)
    assert fresh.get(saved.id) == saved and fresh.count() == 31
    assert fresh.last_session() == saved


def test_thirty_saves_on_a_small_history_write_only_this_computers_journal(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two computers saving while apart never both rewrite the shared file (a sync tool would
    make a conflict copy): each save appends a few hundred bytes to this computer's journal."""
    monkeypatch.setattr(journal, "COMPACT_FROM_BYTES", 64 * 1024)  # as shipped
    store = HistoryStore(db, device=ME)
    store.add_session(ITEMS, note="the first save creates the file")
    files = (db, store.store_path)
    main, mtimes = db.read_bytes(), [file.stat().st_mtime_ns for file in files]
    sizes = []
    for number in range(30):
        store.add_session(ITEMS, note=f"saved while apart {number}")
        sizes.append(journal_file(db, ME).stat().st_size)
        assert db.read_bytes() == main and [file.stat().st_mtime_ns for file in files] == mtimes
    growth = [after - before for before, after in zip([0, *sizes], sizes, strict=False)]
    assert all(0 < grown < 4096 for grown in growth), growth
    assert sorted(p.name for p in journal_folder(db).iterdir()) == [f"{ME}.json", f"{ME}.jsonl"]
    assert HistoryStore(db, device=OTHER).count() == 31


def test_every_kind_of_change_is_read_back_by_a_fresh_store(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    store.update_session(3, note="edited")
    deleted = store.delete_session(4)
    store.save_draft([ItemRecord("hydrate", "done")], note="half way")
    assert journal_file(db, ME).exists()
    fresh = HistoryStore(db, device=OTHER)
    assert fresh.get(3).note == "edited"
    with pytest.raises(KeyError):
        fresh.get(4)
    draft = fresh.draft()
    assert draft is not None and draft.note == "half way"
    store.restore_session(deleted)
    assert HistoryStore(db, device=OTHER).get(4) == deleted


def test_the_journal_is_folded_in_when_it_grows_and_kept_as_prev(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    size = store.store_path.stat().st_size
    grow(store, 40)  # more than a quarter of the store: at least one compaction
    assert store.store_path.stat().st_size > size, "this computer's store took the journal in"
    previous = journal_folder(db) / f"{ME}.prev.jsonl"
    assert previous.exists()
    assert HistoryStore(db, device=OTHER).count() == 70


def test_a_damaged_main_file_loses_nothing_the_backup_and_journals_hold(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 70)
    expected = {session.uid for session in store.sessions()}
    db.write_bytes(b"{ not json")
    recovered = HistoryStore(db, device=OTHER)
    assert recovered.recovery_notice is not None
    assert {session.uid for session in recovered.sessions()} == expected


def test_a_cut_short_last_line_is_ignored_and_cut_before_the_next_save(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    kept = store.add_session(ITEMS, note="acknowledged")
    own = journal_file(db, ME)
    before = own.read_bytes().splitlines()
    with open(own, "ab") as file:
        file.write(b'{"sessions":{"0123456789abcdef0123456789abcdef":{"seq":')  # killed here
    reader = HistoryStore(db, device=OTHER)
    assert reader.get(kept.id) == kept and reader.count() == 31
    assert reader.recovery_notice is None
    after = HistoryStore(db, device=ME).add_session(ITEMS, note="after the crash")
    lines = own.read_bytes().splitlines()
    assert lines[:-1] == before and all(json.loads(line) for line in lines)
    assert HistoryStore(db, device=OTHER).get(after.id) == after


def test_a_bad_line_from_another_computer_is_skipped_and_reported(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    folder = journal_folder(db)
    folder.mkdir(exist_ok=True)
    good = store.sessions()[0]
    hostile = {"sessions": {"f" * 32: {"seq": 99, "saved_at": "not a time", "changed_at": "x"}}}
    (folder / f"{OTHER}.jsonl").write_text(
        json.dumps(hostile) + "\n" + '{"meta": {"1": {"schema_version": 99}}}\n'
    )
    reader = HistoryStore(db, device=ME)
    assert reader.count() == 30 and reader.get(good.id) == good
    assert reader.recovery_notice is not None and "2 saved changes" in reader.recovery_notice


def test_another_computers_journal_is_merged_newest_change_winning(db: Path) -> None:
    """What a sync tool delivers: the other computer's own journal file, never a conflict."""
    mine = HistoryStore(db, device=ME)
    grow(mine, 30)
    copy = db.with_name("other.json")
    copy.write_bytes(history_bytes(db))
    theirs = HistoryStore(copy, device=OTHER)
    theirs.update_session(2, note="changed over there")
    added = theirs.add_session(ITEMS, note="saved over there")
    journal_folder(db).mkdir(exist_ok=True)
    (journal_folder(db) / f"{OTHER}.jsonl").write_bytes(journal_file(copy, OTHER).read_bytes())
    mine.update_session(3, note="changed here")
    reader = HistoryStore(db, device=ME)
    assert reader.get(2).note == "changed over there"
    assert reader.get(3).note == "changed here"
    assert [s.uid for s in reader.sessions() if s.note == "saved over there"] == [added.uid]
    assert not [p for p in db.parent.iterdir() if "conflict" in p.name]


def test_a_store_kept_open_sees_what_another_process_saved(db: Path) -> None:
    app_store = HistoryStore(db, device=ME)
    grow(app_store, 30)
    cli_store = HistoryStore(db, device=ME)
    from_cli = cli_store.add_session(ITEMS, note="from the command line")
    assert app_store.get(from_cli.id) == from_cli
    mine = app_store.add_session(ITEMS, note="from the app")
    assert mine.id == from_cli.id + 1
    assert cli_store.get(mine.id) == mine


def test_a_file_is_validated_once_per_change(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crampui.history import reading

    store = HistoryStore(db, device=ME)
    grow(store, 3)
    store.compact()  # every session in the file
    calls: list[int] = []
    real = reading.validate

    def counting(tables: dict[str, object], built: dict[str, object] | None = None) -> None:
        calls.append(1)
        real(tables, built)

    monkeypatch.setattr(reading, "validate", counting)
    HistoryStore(db, device=ME).sessions()
    HistoryStore(db, device=ME).sessions()
    assert calls == [], "a file this crampui wrote (and noted) is not checked again"
    own = store.store_path
    text = own.read_text().replace("session note 1", "session note I")  # same size, new bytes
    own.write_text(text)
    assert HistoryStore(db, device=ME).get(2).note.startswith("session note I")
    assert calls == [1]
    HistoryStore(db, device=ME)
    assert calls == [1]
    own.write_text(text.replace('"seq":2', '"seq":"2"'))
    assert HistoryStore(db, device=ME).recovery_notice is not None, "a bad change is caught"


def test_the_newest_sessions_come_without_the_rest(db: Path) -> None:
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    store.delete_session(29)
    newest = store.recent_sessions(3)
    assert [s.id for s in newest] == [30, 28, 27]
    assert newest == store.sessions()[:3]
    assert store.recent_sessions(100) == store.sessions()
    assert HistoryStore(db.with_name("none.json"), device=ME).recent_sessions(5) == []


def test_reloading_reuses_unchanged_sessions_and_rebuilds_changed_ones(db: Path) -> None:
    from crampui.history import CrampEpisode

    store = HistoryStore(db, device=ME)
    grow(store, 5)
    before = {s.id: s for s in store.sessions()}
    store.update_session(2, note="edited")
    after = {s.id: s for s in store.sessions()}
    assert after[2].note == "edited" and after[1] is before[1] and after[5] is before[5]
    episode = store.add_episode(CrampEpisode(at=before[3].saved_at), 3)
    again = {s.id: s for s in store.sessions()}
    assert again[3].episodes == (episode,) and again[2].note == "edited"
    assert store.sessions() == HistoryStore(db, device=OTHER).sessions()


@pytest.mark.parametrize("folding", [True, False], ids=["every save folded in", "journal"])
def test_the_revision_changes_with_every_change_and_only_then(
    db: Path, folding: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if folding:  # every save rewrites the file
        monkeypatch.setattr(journal, "COMPACT_FROM_BYTES", 0)
        monkeypatch.setattr(journal, "COMPACT_FRACTION", 10**9)
    mine, theirs = HistoryStore(db, device=ME), HistoryStore(db, device=OTHER)
    grow(mine, 30)
    seen = mine.revision()
    assert mine.revision() == seen and mine.sessions() and mine.revision() == seen
    mine.update_session(2, note="edited here")
    assert mine.revision() != seen
    seen = mine.revision()
    theirs.add_session(ITEMS, note="saved by another process")
    assert mine.revision() != seen, "a change on disk is a new revision"
    assert mine.revision() == mine.revision()


def test_conflict_copies_of_journals_backups_and_locks_are_merged_and_removed(
    db: Path, tmp_path: Path
) -> None:
    """A sync tool's conflict copies of any crampui file never pile up: a journal's (two
    computers that once shared an id) is read, then removed once the file holds it; an earlier
    version's ``.bak`` copy is merged like the history's own; a ``.lock`` copy is removed."""
    store = HistoryStore(db, device=ME)
    grow(store, 30)
    store.add_session(ITEMS, note="mine, journaled")
    other = tmp_path / "elsewhere" / "history.json"
    other.parent.mkdir()
    other.write_bytes(history_bytes(db))
    elsewhere = HistoryStore(other, device=ME)  # the same id on another computer
    elsewhere.add_session(ITEMS, note="from the journal's conflict copy")
    copy = journal_folder(db) / f"{ME}.sync-conflict-20261202-181500-ABCDEFG.jsonl"
    copy.write_bytes(journal_file(other, ME).read_bytes())
    old_backup = HistoryStore(tmp_path / "old.json", device=OTHER)
    old_backup.add_session(ITEMS, note="from the .bak's conflict copy")
    bak_copy = db.with_name("history.json.sync-conflict-20261202-181500-ABCDEFG.bak")
    bak_copy.write_bytes(history_bytes(tmp_path / "old.json"))
    lock_copy = db.with_name("history.json.sync-conflict-20261202-181500-ABCDEFG.lock")
    lock_copy.write_bytes(b"")

    reopened = HistoryStore(db, device=ME)
    notes = {session.note for session in reopened.sessions()}
    assert {"from the journal's conflict copy", "from the .bak's conflict copy"} <= notes
    assert not bak_copy.exists() and not lock_copy.exists()
    reopened.delete_session(1)  # rewrites the file, which now holds the journal's copy
    assert not copy.exists()
    assert sorted(p.name for p in db.parent.iterdir()) == sorted(
        ["history.json", "history.json.journal", "elsewhere", "old.json", "old.json.journal"]
        + ["home"]
    )
    fresh = {session.note for session in HistoryStore(db, device=OTHER).sessions()}
    assert "from the journal's conflict copy" in fresh and len(fresh) == len(notes) - 1


def test_an_id_in_use_on_a_cloned_computer_is_replaced_and_nothing_is_lost(db: Path) -> None:
    """A cloned machine (same machine id, same config) saves under this computer's id: its line
    arrives in this computer's journal. The next save here notices a line it never wrote,
    takes a new id and loses nothing, the clone's session included."""
    store = HistoryStore(db, device=ME)
    store.add_session(ITEMS, note="before the clone")  # the store
    store.add_session(ITEMS, note="journaled here")
    clone_db = db.with_name("clone.json")
    clone_db.write_bytes(history_bytes(db))
    clone = HistoryStore(clone_db, device=ME)
    clone.add_session(ITEMS, note="saved on the clone")
    line = journal_file(clone_db, ME).read_bytes().splitlines(keepends=True)[-1]
    with open(journal_file(db, ME), "ab") as synced:  # what the sync tool brings
        synced.write(line)

    after = store.add_session(ITEMS, note="after the clone")
    assert store.device != ME and store.recovery_notice is not None
    assert f"({ME}) was in use on another computer too" in store.recovery_notice
    assert after.uid in store.store_path.read_text()  # the new id's first save: its store
    notes = {s.note for s in HistoryStore(db, device=OTHER).sessions()}
    assert notes == {"before the clone", "journaled here", "saved on the clone", "after the clone"}
    again = store.add_session(ITEMS, note="and again")  # the new id stays
    assert again.uid in journal_file(db, store.device).read_text()
    assert "and again" in {s.note for s in HistoryStore(db, device=OTHER).sessions()}
