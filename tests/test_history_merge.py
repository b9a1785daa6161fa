"""Merging histories: the merge's laws, conflict-copy names, copies merged on open, ``merge``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.history.conflicts import conflict_tool
from crampui.history.merge import merge_tables
from crampui.history.syncing import merged_folder
from crampui.history.versions import is_deleted
from tests.history_files import history_bytes, history_tables

START = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)
ITEMS = [ItemRecord("hydrate", "done")]


class Clock:
    """A clock that moves one second per call, from ``START`` plus ``offset`` seconds."""

    def __init__(self, offset: int = 0) -> None:
        self.now = START + timedelta(seconds=offset)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def tables(path: Path) -> dict[str, object]:
    """The history's tables (its main file, stores and journals merged)."""
    return history_tables(path)


# -- the merge's laws, over random edit histories on 2-3 devices -------------------------------

EDITS = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(["add", "note", "delete", "restore"]),
              st.integers(0, 5)),
    max_size=12,
)  # fmt: skip


def replay(base: Path, edits: list[tuple[int, str, int]], devices: int) -> list[dict[str, object]]:
    """Each device starts from one shared history and makes its own edits while apart."""
    shared = HistoryStore(base, clock=Clock(), device="aaaaaaaaaaaa")
    shared.add_session(ITEMS)
    copies = []
    for device in range(devices):
        path = base.with_name(f"device{device}.json")
        path.write_bytes(history_bytes(base))
        store = HistoryStore(path, clock=Clock(device * 7), device=f"{device:012d}")
        deleted = []
        for who, action, pick in edits:
            if who % devices != device:
                continue
            live = store.sessions()
            if action == "add" or not live:
                store.add_session(ITEMS, note=f"d{device}")
            elif action == "note":
                store.update_session(live[pick % len(live)].id, note=f"edited on {device}")
            elif action == "delete":
                deleted.append(store.delete_session(live[pick % len(live)].id))
            elif deleted:
                store.restore_session(deleted.pop())
        copies.append(tables(path))
    return copies


@given(edits=EDITS, devices=st.integers(2, 3))
def test_merge_is_commutative_associative_and_idempotent(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, str, int]], devices: int
) -> None:
    base = tmp_path_factory.mktemp("merge") / "history.json"
    copies = replay(base, edits, devices)
    a, b = copies[0], copies[1]
    c = copies[2] if devices == 3 else tables(base)
    sessions: list[dict[str, Any]] = [copy["sessions"] for copy in (a, b, c)]  # type: ignore[misc]
    deleted = {uid for table in sessions for uid, doc in table.items() if is_deleted(doc)}

    def settled(merged: dict[str, Any]) -> dict[str, Any]:
        """The sessions, one ever deleted by whether it is deleted (a deleted record keeps no
        content: one that came back holds what the copies merged with it since held)."""
        sessions = merged["sessions"]
        return {uid: is_deleted(doc) if uid in deleted else doc for uid, doc in sessions.items()}

    assert merge_tables(a, b) == merge_tables(b, a)
    ab_c = merge_tables(merge_tables(a, b), c)
    assert settled(ab_c) == settled(merge_tables(a, merge_tables(b, c)))
    assert merge_tables(a, a) == merge_tables(a, {}) == merge_tables({}, a)
    merged = merge_tables(merge_tables(a, b), c)
    assert settled(merge_tables(merged, a)) == settled(merged)  # an old copy again: no change
    every = {uid for copy in copies for uid in copy["sessions"]}  # type: ignore[attr-defined]
    assert set(merged["sessions"]) == every  # nothing lost: the union of records


def test_the_newest_change_wins_and_a_delete_is_not_undone_by_an_old_copy(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=Clock(), device="aaaaaaaaaaaa")
    session = store.add_session(ITEMS, note="first")
    old = tables(path)
    store.update_session(session.id, note="second")
    edited = tables(path)
    store.delete_session(session.id)
    deleted = tables(path)
    assert merge_tables(old, edited)["sessions"] == edited["sessions"]
    assert merge_tables(deleted, old)["sessions"] == deleted["sessions"]


# -- conflict-copy names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tool"),
    [
        ("history.sync-conflict-20261202-181500-ABC2345.json", "Syncthing"),
        ("history.sync-conflict-20261302-181500-ABC2345.json", None),  # no 13th month
        ("history.sync-conflict-20261202-181500-ABC1234.json", None),  # 1 is not base32
        ("history_conflict-20261202-181500.json", "ownCloud"),
        ("history_conflict-20261202-999999.json", None),
        ("history (Anna's conflicted copy 2026-12-02).json", "Dropbox"),
        ("history (Anna's conflicted copy 2026-12-02 (1)).json", "Dropbox"),
        ("history (conflicted copy 2026-12-02 181500).json", "Nextcloud"),
        ("history (conflicted copy Anna 2026-12-02 181500).json", "Nextcloud"),
        ("history-LAPTOP-7K2Q.json", "OneDrive"),
        ("history-DESKTOP-1A2B3C4-2.json", "OneDrive"),
        ("history.json", None),
        ("history.json.bak", None),
        ("history.json.corrupt-20261202T181500Z", None),
        ("history.sync-conflict-20261202-181500-ABC1234.json.tmp", None),
        ("other.sync-conflict-20261202-181500-ABC1234.json", None),
        ("history-old.json", None),
        ("history-2025.json", None),  # a person's own copies, never taken
        ("history-BACKUP.json", None),
        ("history (Anna's conflicted copy 2026-02-30).json", None),
    ],
)
def test_each_sync_tools_conflict_copy_name_is_recognised(name: str, tool: str | None) -> None:
    hosts = ("LAPTOP-7K2Q", "desktop-1a2b3c4")  # the other computers' names, as known
    assert conflict_tool(Path("/sync/history.json"), name, hosts) == tool


def test_a_onedrive_name_is_taken_only_for_a_known_computer() -> None:
    path = Path("/sync/history.json")
    assert conflict_tool(path, "history-LAPTOP-7K2Q.json") is None
    assert conflict_tool(path, "history-LAPTOP-7K2Q.json", ["laptop-7k2q"]) == "OneDrive"
    assert conflict_tool(path, "history-2025.json", ["LAPTOP-7K2Q"]) is None


# -- copies merged on open, and the merge command -----------------------------------------------


def crampui(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI on ``db``."""
    return subprocess.run(
        [sys.executable, "-m", "crampui", "--db", str(db), *args],
        capture_output=True, text=True, env={**os.environ}, timeout=60, check=False,
    )  # fmt: skip


def test_a_conflict_copy_is_merged_on_open_and_kept_in_merged(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    laptop = HistoryStore(path, clock=Clock(), device="aaaaaaaaaaaa")
    shared = laptop.add_session(ITEMS)
    copy = tmp_path / "history.sync-conflict-20261202-181500-ABC2345.json"
    desktop_path = tmp_path / "desktop.json"
    desktop_path.write_bytes(history_bytes(path))
    desktop = HistoryStore(desktop_path, clock=Clock(100), device="bbbbbbbbbbbb")
    new = desktop.add_session(ITEMS, outcome=Outcome(True, severity=2))
    desktop.add_episode(_episode())  # type: ignore[arg-type]
    copy.write_bytes(history_bytes(desktop_path))  # a conflict copy of an earlier layout
    laptop.delete_session(shared.id)

    result = crampui("history", "--json", db=path)
    assert result.returncode == 0
    assert result.stderr.startswith("crampui: 1 session and 1 episode merged from a copy")
    sessions = json.loads(result.stdout)
    # the shared session stays deleted; the desktop's is in
    assert [s["uid"] for s in sessions if s["kind"] == "session"] == [new.uid]
    assert not copy.exists() and (merged_folder(path) / copy.name).exists()
    assert crampui("history", db=path).stderr == ""  # nothing left to merge


def _episode() -> object:
    from crampui.history import CrampEpisode

    return CrampEpisode(START + timedelta(hours=1), side="left")


def test_a_corrupt_or_newer_copy_is_left_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    HistoryStore(path, device="aaaaaaaaaaaa").add_session(ITEMS)
    corrupt = tmp_path / "history (conflicted copy 2026-12-02 181500).json"
    corrupt.write_text("{not json")
    newer = tmp_path / "history (Anna's conflicted copy 2026-12-02).json"
    newer.write_text('{"meta": {"1": {"schema_version": 9}}}')
    result = crampui("history", db=path)
    assert result.returncode == 0 and "left where it is" in result.stderr
    assert "newer crampui (schema 9)" in result.stderr
    assert corrupt.exists() and newer.exists()


def test_merge_command_adds_what_is_new_once(tmp_path: Path) -> None:
    path, other = tmp_path / "history.json", tmp_path / "elsewhere.json"
    HistoryStore(other, device="bbbbbbbbbbbb").add_session(ITEMS)
    assert crampui("merge", str(other), db=path).stdout == "Merged 1 session from elsewhere.json.\n"
    again = crampui("merge", str(other), db=path)
    assert again.returncode == 0 and again.stdout.startswith("Nothing new in elsewhere.json")
    missing = crampui("merge", str(tmp_path / "nope.json"), db=path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert len(json.loads(crampui("history", "--json", db=path).stdout)) == 1


def test_the_cli_lists_sessions_by_date_newest_first_whatever_their_numbers(
    tmp_path: Path,
) -> None:
    path, other = tmp_path / "history.json", tmp_path / "laptop.json"
    desk = HistoryStore(path, clock=Clock(), device="aaaaaaaaaaaa")
    desk.add_session(ITEMS, note="desk", at=START - timedelta(hours=1))
    other.write_bytes(history_bytes(path))
    laptop = HistoryStore(other, clock=Clock(), device="bbbbbbbbbbbb")
    laptop.add_session(ITEMS, note="laptop", at=START - timedelta(hours=2))
    desk.add_session(ITEMS, note="backfilled", at=START - timedelta(hours=3))
    desk.merge_file(other)  # numbers 2 and 3 go to the two later sessions, in either order
    listed = json.loads(crampui("history", "--json", db=path).stdout)
    assert [row["note"] for row in listed] == ["desk", "laptop", "backfilled"]


def test_a_sessions_number_never_changes_on_this_computer_once_shown(tmp_path: Path) -> None:
    """The desk shows #1 and #2; the laptop's own #1 and #2 (uids that sort first, so they
    would take those numbers) come in: the desk's keep theirs, in this process and the next,
    and the laptop's are numbered on (#3, #4)."""
    path, other = tmp_path / "history.json", tmp_path / "laptop.json"
    desk = HistoryStore(path, clock=Clock(), device="aaaaaaaaaaaa")
    mine = [desk.add_session(ITEMS, note=f"desk {n}") for n in (1, 2)]
    assert [(s.id, s.note) for s in desk.sessions()] == [(2, "desk 2"), (1, "desk 1")]
    laptop = HistoryStore(other, clock=Clock(), device="bbbbbbbbbbbb")
    for n in (1, 2):
        laptop.add_session(ITEMS, note=f"laptop {n}")
    data = history_tables(other)
    docs = sorted(data["sessions"].values(), key=lambda doc: doc["seq"])
    data["sessions"] = {f"{n:032x}": doc for n, doc in enumerate(docs)}  # before any random uid
    other = tmp_path / "laptop-copy.json"
    other.write_bytes(json.dumps(data).encode())
    desk.merge_file(other)
    for store in (desk, HistoryStore(path)):
        numbers = {s.note: s.id for s in store.sessions()}
        assert numbers == {"desk 1": 1, "desk 2": 2, "laptop 1": 3, "laptop 2": 4}, numbers
        assert store.get(1).uid == mine[0].uid
    listed = json.loads(crampui("history", "--json", db=path).stdout)
    assert {row["note"]: row["id"] for row in listed}["desk 2"] == 2


# -- a version once seen is never unseen ------------------------------------------------------


def test_an_old_copy_put_in_place_loses_nothing_and_the_deleted_stays_deleted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=Clock())  # the CLI's device too
    first = store.add_session(ITEMS, note="first")
    old = tmp_path / "backup.json"
    old.write_bytes(store.store_path.read_bytes())
    second = store.add_session(ITEMS, note="second")
    store.update_session(first.id, note="first, edited")
    store.delete_session(second.id)
    third = store.add_session(ITEMS, note="third")
    os.replace(old, store.store_path)  # an old copy of the folder restored

    result = crampui("history", "--json", db=path)
    assert result.returncode == 0
    assert "history.json had gone back to an older copy" in result.stderr
    listed = json.loads(result.stdout)
    assert [(row["uid"], row["note"]) for row in listed] == [
        (third.uid, "third"),
        (first.uid, "first, edited"),
    ]
    assert crampui("history", db=path).stderr == ""  # said once
    again = HistoryStore(path)
    assert again.recovery_notice is None and again.count() == 2


def test_a_newer_file_from_another_computer_is_taken_as_it_is(tmp_path: Path) -> None:
    path, other = tmp_path / "history.json", tmp_path / "laptop.json"
    mine = HistoryStore(path, clock=Clock())  # the CLI's device too
    mine.add_session(ITEMS)
    assert crampui("history", db=path).stderr == ""
    other.write_bytes(history_bytes(path))
    laptop = HistoryStore(other, clock=Clock(60), device="bbbbbbbbbbbb")
    laptop.delete_session(1)
    laptop.add_session(ITEMS, note="from the laptop")
    laptop.compact()  # the laptop's store holds it all
    before = {file.name: file.read_bytes() for file in (path, mine.store_path)}
    os.replace(laptop.store_path, mine.store_path.with_name(laptop.store_path.name))  # synced
    result = crampui("history", "--json", db=path)
    assert result.stderr == ""
    assert {file.name: file.read_bytes() for file in (path, mine.store_path)} == before
    assert [row["note"] for row in json.loads(result.stdout)] == ["from the laptop"]


def test_merged_copies_are_kept_30_days_then_removed(tmp_path: Path) -> None:
    folder = tmp_path / "synced"
    folder.mkdir()
    path = folder / "history.json"
    HistoryStore(path, clock=Clock(), device="aaaaaaaaaaaa").add_session(ITEMS)
    merged = merged_folder(path)
    merged.mkdir()
    earlier = folder / "merged"  # where earlier versions kept them, in the synced folder
    earlier.mkdir()
    (earlier / "old.json").write_text("{}")
    os.utime(earlier / "old.json", (0, 0))
    month_old, week_old, not_a_file = merged / "old.json", merged / "recent.json", merged / "dir"
    for file, age in ((month_old, 31), (week_old, 7)):
        file.write_text("{}")
        moment = (datetime.now(timezone.utc) - timedelta(days=age)).timestamp()
        os.utime(file, (moment, moment))
    not_a_file.mkdir()
    copy = folder / "history.sync-conflict-20261202-181500-ABCDEFG.json"
    copy.write_bytes(history_bytes(path))
    os.utime(copy, (0, 0))  # the copy itself may be old: it is kept for its 30 days
    HistoryStore(path, device="aaaaaaaaaaaa")
    assert sorted(p.name for p in merged.iterdir()) == ["dir", copy.name, "recent.json"]
    assert sorted(p.name for p in folder.iterdir()) == ["history.json", "history.json.journal"]
