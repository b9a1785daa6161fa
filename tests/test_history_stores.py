"""The per-device layout (issue 25): one store per computer, the main file a marker, the
migration of a one-file history, and other computers' stores read as hostile input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from crampui.history import HistoryStore, ItemRecord
from crampui.history.journal import journal_folder
from crampui.history.schema import SCHEMA_VERSION, schema_version
from crampui.history.stores import MARKER, store_file
from crampui.locations import local_folder
from tests.history_files import history_bytes, history_tables

A, B = "aaaaaaaaaaaa", "bbbbbbbbbbbb"
ITEMS = [ItemRecord("hydrate", "done")]


def test_a_new_history_names_a_marker_an_older_crampui_refuses(tmp_path: Path) -> None:
    db = tmp_path / "history.json"
    store = HistoryStore(db, device=A)
    assert not db.exists(), "reading creates nothing"
    saved = store.add_session(ITEMS, note="first")
    assert db.read_bytes() == MARKER
    assert schema_version(json.loads(MARKER)) > SCHEMA_VERSION  # what older versions refuse
    assert store.store_path == store_file(db, A) and saved.uid in store.store_path.read_text()
    marker = db.stat().st_mtime_ns
    store.compact()
    store.delete_session(saved.id)
    store.add_session(ITEMS, note="second")
    assert db.read_bytes() == MARKER and db.stat().st_mtime_ns == marker, "never written again"
    assert (
        sorted(p.name for p in journal_folder(db).iterdir() if not p.name.endswith(".jsonl"))[0]
        == f"{A}.json"
    )


def test_each_device_migrates_a_one_file_history_alone_to_the_same_records(
    tmp_path: Path,
) -> None:
    """Two computers each open the same old one-file history (as the sync tool left it, before
    either saw the other's store): each keeps a copy locally, takes the records into its own
    store, and both views are the same records whichever went first."""
    old = tmp_path / "old" / "history.json"
    maker = HistoryStore(old, device="cccccccccccc")
    for note in ("one", "two", "three"):
        maker.add_session(ITEMS, note=note)
    maker.delete_session(2)
    one_file = history_bytes(old)
    views = []
    for device in (A, B):
        db = tmp_path / device / "history.json"
        db.parent.mkdir()
        db.write_bytes(one_file)
        store = HistoryStore(db, device=device)
        assert db.read_bytes() == MARKER and store.recovery_notice is None
        [kept] = local_folder(db).glob("history.json.pre-stores-*")
        assert kept.read_bytes() == one_file  # the backup, outside the synced folder
        views.append(history_tables(db))
    assert views[0]["sessions"] == views[1]["sessions"]
    # the two stores meet in one folder: still the same records, nothing twice
    together = tmp_path / A / "history.json"
    shutil.copy(store_file(tmp_path / B / "history.json", B), journal_folder(together))
    notes = sorted(s.note for s in HistoryStore(together, device=A).sessions())
    assert notes == ["one", "three"]


def test_another_devices_store_that_is_hostile_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "history.json"
    mine = HistoryStore(db, device=A)
    mine.add_session(ITEMS, note="mine")
    folder = journal_folder(db)
    (tmp_path / "elsewhere.json").write_bytes(history_bytes(db))
    (folder / f"{B}.json").write_text("{not json")
    os.mkfifo(folder / "cccccccccccc.json")
    (folder / "dddddddddddd.json").symlink_to(tmp_path / "elsewhere.json")
    reader = HistoryStore(db, device="eeeeeeeeeeee")
    assert [s.note for s in reader.sessions()] == ["mine"]
    notice = reader.recovery_notice
    assert notice is not None and f"{B}.json could not be read" in notice
    reader.add_session(ITEMS, note="still saves")
    assert (folder / f"{B}.json").read_text() == "{not json"
    assert sorted(s.note for s in HistoryStore(db, device=A).sessions()) == ["mine", "still saves"]
