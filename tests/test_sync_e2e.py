"""Issue 14 end to end: one history synced by two real Syncthing instances, edited while apart.

Side A saves a few sessions, B receives them; the link is paused; both save sessions and A
deletes one of the shared ones; the link is resumed and Syncthing keeps one side's file and
leaves the other as ``history.sync-conflict-*.json``. The next ``crampui history`` merges that
copy in and moves it into ``merged/``; after syncing again both sides list every session once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.syncthing import Pair, Syncthing, syncthing_binary

pytestmark = pytest.mark.e2e

CRAMPUI = Path(sys.executable).parent / "crampui"
HISTORY = "history.json"


def is_history_conflict(relative: str) -> bool:
    """Whether ``relative`` is a conflict copy Syncthing made of the history file itself."""
    return "/" not in relative and relative.startswith("history.sync-conflict-")


class Side:
    """One device: its Syncthing instance, its crampui config dir and its history."""

    def __init__(self, syncthing: Syncthing) -> None:
        """crampui on ``syncthing``'s machine: history in the shared folder, own config."""
        self.syncthing = syncthing
        self.name = syncthing.name
        self.db = syncthing.folder / HISTORY
        self.env = {
            **syncthing.env,
            "CRAMPUI_DB": str(self.db),
            "CRAMPUI_CONFIG_DIR": str(syncthing.root / "crampui-config"),
            "TZ": "UTC",
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run crampui with ``args``; fail on a non-zero exit."""
        done = subprocess.run(
            [str(CRAMPUI), *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, f"crampui {' '.join(args)} on {self.name}: {done.stderr}"
        return done

    def log(self, note: str) -> None:
        """Save one session with ``note``."""
        self.run("log", "--done", "hydrate", "--no-cramp", "--note", note)

    def history(self) -> tuple[list[dict[str, Any]], str]:
        """``crampui history --json``: the sessions, newest first, and what it said on stderr."""
        done = self.run("history", "--json")
        sessions = [
            row for row in json.loads(done.stdout) if row.get("kind", "session") == "session"
        ]
        return sessions, done.stderr

    def python(self, statement: str) -> None:
        """Run ``statement`` with ``s`` the history store, in this side's environment."""
        code = (
            "from crampui.history import HistoryStore, ItemRecord; "
            f"s = HistoryStore({str(self.db)!r}); {statement}"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr

    def delete(self, display_id: int) -> None:
        """Delete a session through the Python API, in this side's environment."""
        self.python(f"s.delete_session({display_id})")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    """Two linked Syncthing instances, stopped after the test."""
    if syncthing_binary() is None:
        pytest.skip("syncthing is not installed; the two-device sync test needs it")
    pair = Pair(tmp_path)
    yield pair
    pair.stop()


def uids(sessions: list[dict[str, Any]]) -> list[str]:
    """The sessions' uids, in order."""
    return [row["uid"] for row in sessions]


def test_two_devices_apart_then_merged_by_uid(pair: Pair) -> None:
    """Sessions saved on both sides while apart all survive; the deleted one stays deleted."""
    a, b = Side(pair.a), Side(pair.b)
    for n in range(3):
        a.log(f"shared {n}")
    pair.wait_in_sync("B to receive A's first sessions", lambda files: HISTORY in files)
    shared, _ = b.history()
    assert len(shared) == 3, shared
    shared_uids = set(uids(shared))

    pair.pause()
    for n in range(3):
        a.log(f"apart on A {n}")
    oldest_shared = shared[-1]
    on_a, _ = a.history()
    a.delete(next(row["id"] for row in on_a if row["uid"] == oldest_shared["uid"]))
    for n in range(2):
        b.log(f"apart on B {n}")
    a_apart, _ = a.history()
    b_apart, _ = b.history()
    assert len(a_apart) == 3 + 3 - 1 and len(b_apart) == 3 + 2

    pair.resume()
    files = pair.wait_in_sync(
        "Syncthing's conflict copy of the history on both sides",
        lambda files: any(is_history_conflict(name) for name in files),
    )
    conflicts = sorted(name for name in files if is_history_conflict(name))
    other_conflicts = sorted(name for name in files if "sync-conflict" in name)
    print(
        f"\nsync e2e, before crampui opens it: saved on A {len(shared)} shared + "
        f"{len(a_apart) - len(shared) + 1} apart (1 shared deleted), "
        f"on B {len(b_apart) - len(shared)} apart; sync-conflict files {other_conflicts}"
    )

    merged_a, notice_a = a.history()
    assert re.search(r"merged from (a copy|\d+ copies) made by your sync tool", notice_a), (
        notice_a,
        sorted(files),
    )
    assert not any(is_history_conflict(p.name) for p in a.db.parent.iterdir())
    moved = sorted(p.name for p in (a.db.parent / "merged").iterdir())
    assert set(conflicts) <= set(moved), (conflicts, moved)

    after = pair.wait_in_sync(
        "A's merged history and merged/ folder to reach B",
        lambda files: not any(is_history_conflict(name) for name in files),
    )
    assert {f"merged/{name}" for name in conflicts} <= set(after), sorted(after)
    merged_b, notice_b = b.history()
    a_uids, b_uids = uids(merged_a), uids(merged_b)
    every = shared_uids | set(uids(a_apart)) | set(uids(b_apart))
    expected = every - {oldest_shared["uid"]}  # deleted on A, still live in B's copy
    assert len(a_uids) == len(set(a_uids)), "a session appears twice on A"
    assert len(b_uids) == len(set(b_uids)), "a session appears twice on B"
    assert set(a_uids) == expected == set(b_uids)
    assert oldest_shared["uid"] not in a_uids
    assert len(expected) == 3 - 1 + 3 + 2

    final = pair.wait_in_sync("both sides to agree after syncing again")
    again_a, _ = a.history()
    again_b, _ = b.history()
    assert uids(again_a) == uids(again_b) == uids(merged_a)
    assert (a.db.read_bytes() == b.db.read_bytes()) and HISTORY in final

    print(
        f"\nsync e2e: shared before the pause {len(shared)}; saved apart on A "
        f"{len(a_apart) - len(shared) + 1} (and 1 shared deleted), on B "
        f"{len(b_apart) - len(shared)}; history conflict copies seen {len(conflicts)} "
        f"({', '.join(conflicts)}); all sync-conflict files {len(other_conflicts)}; "
        f"sessions after the merge A {len(a_uids)} / B {len(b_uids)}; "
        f"files in merged/ {len(moved)}; B's notice: {notice_b.strip() or '(none)'}; "
        f"files shared at the end {len(after)}"
    )


def test_a_note_edited_on_one_device_and_an_item_ticked_on_the_other_both_survive(
    pair: Pair,
) -> None:
    """Edited apart, one field on each side: after Syncthing's conflict copy is merged, both
    changes are in the session on both devices, and nothing is reported as overwritten."""
    a, b = Side(pair.a), Side(pair.b)
    a.run("log", "--done", "hydrate", "--no-cramp", "--note", "before")
    pair.wait_in_sync("B to receive A's session", lambda files: HISTORY in files)
    (session,), _ = b.history()

    pair.pause()
    a.python(f"s.update_session({session['id']}, note='stiff after the drive')")
    b.python(
        f"s.update_session({session['id']}, items=[ItemRecord('hydrate', 'done'), "
        "ItemRecord('warm-up', 'done')])"
    )
    pair.resume()
    pair.wait_in_sync(
        "Syncthing's conflict copy of the history on both sides",
        lambda files: any(is_history_conflict(name) for name in files),
    )
    (merged,), notice = a.history()
    assert "merged from a copy" in notice and "changed at the same time" not in notice, notice
    pair.wait_in_sync(
        "A's merged history to reach B",
        lambda files: not any(is_history_conflict(name) for name in files),
    )
    pair.wait_in_sync("both sides to agree")
    (on_b,), _ = b.history()
    for row in (merged, on_b):
        assert row["note"] == "stiff after the drive", row
        assert set(row["done"]) == {"hydrate", "warm-up"}, row
    assert a.db.read_bytes() == b.db.read_bytes()
    print(f"\nsync e2e, one field on each side: A and B agree on {merged}; A's notice: {notice}")


def test_an_old_copy_restored_on_one_device_loses_nothing_anywhere(pair: Pair) -> None:
    """A backup of the history moved into place on A (the issue's 42 -> 13 sessions): both
    devices put back what they had seen, the deleted session stays deleted, and they agree."""
    a, b = Side(pair.a), Side(pair.b)
    a.run("log", "--done", "hydrate", "--no-cramp", "--note", "in the backup")
    backup = a.db.parent.parent / "history-backup.json"  # outside the synced folder
    backup.write_bytes(a.db.read_bytes())
    for n in range(3):
        a.run("log", "--done", "hydrate", "--no-cramp", "--note", f"after the backup {n}")
    sessions, _ = a.history()
    a.delete(next(row["id"] for row in sessions if row["note"] == "after the backup 0"))
    pair.wait_in_sync("B to receive A's sessions", lambda files: HISTORY in files)
    before_b, _ = b.history()
    assert len(before_b) == 3, before_b

    backup.replace(a.db)  # restored by hand: the older file, moved into place
    on_a, notice_a = a.history()
    assert "had gone back to an older copy" in notice_a, notice_a
    pair.wait_in_sync("both sides to agree after the restore")
    on_b, notice_b = b.history()
    expected = {"in the backup", "after the backup 1", "after the backup 2"}
    assert {row["note"] for row in on_a} == expected == {row["note"] for row in on_b}
    final = pair.wait_in_sync("both sides to agree at the end")
    assert a.db.read_bytes() == b.db.read_bytes()
    print(
        f"\nsync e2e, old copy restored on A: A had {len(sessions) - 1} sessions (1 deleted), "
        f"the backup 1; after: A {len(on_a)}, B {len(on_b)}; A's notice: {notice_a.strip()}; "
        f"B's notice: {notice_b.strip() or '(none)'}; files in the folder {sorted(final)}"
    )
