"""Issues 14 and 25 end to end: one history synced by real Syncthing instances, edited apart.

Side A saves a few sessions, B receives them; the link is paused; both save sessions and A
deletes one of the shared ones; the link is resumed. Each save only appends to its own
device's journal (a delete rewrites the history, on one side only), so Syncthing makes no
conflict copy: each side reads the other's journal, and both list every session once.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.sync_side import (
    Side,
    conflict_copies,
    linked,
    only_stores,
    report,
    uids,
)
from tests.e2e.syncthing import Pair, Trio, folder_contents

pytestmark = pytest.mark.e2e


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    """Two linked Syncthing instances."""
    yield from linked(Pair, tmp_path)


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[Trio]:
    """Three linked Syncthing instances."""
    yield from linked(Trio, tmp_path)


def test_two_devices_apart_then_merged_by_uid(pair: Pair) -> None:
    """Sessions saved on both sides while apart all survive; the deleted one stays deleted."""
    a, b = Side(pair.a), Side(pair.b)
    for n in range(3):
        a.log(f"shared {n}")
    pair.wait_in_sync("B to receive A's first sessions", bool)
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
    after = pair.wait_in_sync("each side's saves apart to reach the other")
    assert conflict_copies(after) == [], "saving apart made a conflict copy"
    assert only_stores(after), sorted(after)
    merged_a, notice_a = a.history()
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
    summary = report(
        pair,
        [a, b],
        final,
        **{
            "shared before the pause": len(shared),
            "saved apart on A": len(a_apart) - len(shared) + 1,
            "deleted apart on A": 1,
            "saved apart on B": len(b_apart) - len(shared),
            "notices": [notice_a.strip(), notice_b.strip()],
        },
    )
    again_a, _ = a.history()
    again_b, _ = b.history()
    assert uids(again_a) == uids(again_b) == uids(merged_a), summary
    assert conflict_copies(final) == [] and only_stores(final), summary


def test_thirty_saves_apart_on_both_sides_of_a_small_history_make_no_conflict_copy(
    pair: Pair,
) -> None:
    """Issue 25, point 5: 15 saves on each side while apart, half a second apart in turn, on a
    small history: no conflict copy is made and both end with every session."""
    a, b = Side(pair.a), Side(pair.b)
    a.log("shared")
    pair.wait_in_sync("B to receive A's session", bool)
    pair.pause()
    for n in range(15):
        a.log(f"apart on A {n}")
        b.log(f"apart on B {n}")
    pair.resume()
    final = pair.wait_in_sync("each side's saves to reach the other")
    summary = report(
        pair,
        [a, b],
        final,
        **{"bytes in the synced folder": sum(len(data) for data in final.values())},
    )
    assert conflict_copies(final) == [] and only_stores(final), summary
    on_a, _ = a.history()
    on_b, _ = b.history()
    expected = {"shared"} | {f"apart on {side} {n}" for side in "AB" for n in range(15)}
    assert {row["note"] for row in on_a} == expected == {row["note"] for row in on_b}, summary
    assert len(on_a) == len(on_b) == 31, summary


def test_a_note_edited_on_one_device_and_an_item_ticked_on_the_other_both_survive(
    pair: Pair,
) -> None:
    """Edited apart, one field on each side: once synced (each edit in its device's journal,
    no conflict copy), both changes are in the session on both devices, and nothing is
    reported as overwritten."""
    a, b = Side(pair.a), Side(pair.b)
    a.run("log", "--done", "hydrate", "--no-cramp", "--note", "before")
    pair.wait_in_sync("B to receive A's session", bool)
    (session,), _ = b.history()

    pair.pause()
    a.python(f"s.update_session({session['id']}, note='stiff after the drive')")
    b.python(
        f"s.update_session({session['id']}, items=[ItemRecord('hydrate', 'done'), "
        "ItemRecord('warm-up', 'done')])"
    )
    pair.resume()
    final = pair.wait_in_sync("each side's edit to reach the other")
    assert conflict_copies(final) == [], "editing apart made a conflict copy"
    (merged,), notice = a.history()
    assert "changed at the same time" not in notice, notice
    (on_b,), _ = b.history()
    summary = report(pair, [a, b], final, **{"notice on A": notice.strip()})
    for row in (merged, on_b):
        assert row["note"] == "stiff after the drive", (row, summary)
        assert set(row["done"]) == {"hydrate", "warm-up"}, (row, summary)
    assert folder_contents(a.db.parent) == folder_contents(b.db.parent), summary
    assert only_stores(final), summary


def test_an_old_copy_restored_on_one_device_loses_nothing_anywhere(pair: Pair) -> None:
    """A backup of A's store moved into place on A (the issue's 42 -> 13 sessions): both
    devices put back what they had seen, the deleted session stays deleted, and they agree."""
    a, b = Side(pair.a), Side(pair.b)
    a.run("log", "--done", "hydrate", "--no-cramp", "--note", "in the backup")
    [store] = (a.db.parent / "history.json.journal").glob("*.json")  # A's, the only one yet
    backup = a.db.parent.parent / "history-backup.json"  # outside the synced folder
    backup.write_bytes(store.read_bytes())
    for n in range(3):
        a.run("log", "--done", "hydrate", "--no-cramp", "--note", f"after the backup {n}")
    sessions, _ = a.history()
    a.delete(next(row["id"] for row in sessions if row["note"] == "after the backup 0"))
    pair.wait_in_sync("B to receive A's sessions", bool)
    before_b, _ = b.history()
    assert len(before_b) == 3, before_b

    backup.replace(store)  # restored by hand: the older file, moved into place
    on_a, notice_a = a.history()
    assert "had gone back to an older copy" in notice_a, notice_a
    pair.wait_in_sync("both sides to agree after the restore")
    on_b, notice_b = b.history()
    expected = {"in the backup", "after the backup 1", "after the backup 2"}
    assert {row["note"] for row in on_a} == expected == {row["note"] for row in on_b}
    final = pair.wait_in_sync("both sides to agree at the end")
    summary = report(
        pair,
        [a, b],
        final,
        **{
            "sessions on A before the restore": len(sessions) - 1,
            "deleted on A before the restore": 1,
            "sessions in the backup": 1,
            "notices": [notice_a.strip(), notice_b.strip()],
        },
    )
    assert conflict_copies(final) == [] and only_stores(final), summary


def test_a_clock_2h_behind_and_one_2h_ahead_the_later_edit_that_saw_the_earlier_wins(
    pair: Pair,
) -> None:
    """A's clock is 2 h ahead, B's 2 h behind. B sees A's sessions, then (later in real time,
    though 4 h earlier by its clock) edits one's note and deletes another, while A saves a new
    session apart: once synced, B's edit and delete win on both devices, since B had seen
    what they replace; A's session is in too."""
    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed; the clock-skew sync test needs it")
    a, b = Side(pair.a, clock="+2h"), Side(pair.b, clock="-2h")
    a.log("edited later on B")
    a.log("deleted later on B")
    pair.wait_in_sync("B to receive A's sessions", bool)
    seen_on_b, _ = b.history()
    assert len(seen_on_b) == 2, seen_on_b
    by_note = {row["note"]: row for row in seen_on_b}

    pair.pause()
    b.python(f"s.update_session({by_note['edited later on B']['id']}, note='B: after seeing A')")
    b.delete(by_note["deleted later on B"]["id"])
    a.log("saved on A apart")
    pair.resume()
    final = pair.wait_in_sync("each side's changes apart to reach the other")
    assert conflict_copies(final) == [], "changing apart made a conflict copy"
    on_a, notice_a = a.history()
    on_b, notice_b = b.history()
    expected = ["saved on A apart", "B: after seeing A"]
    assert [row["note"] for row in on_a] == expected == [row["note"] for row in on_b], on_a
    assert "changed at the same time" not in notice_a, notice_a
    summary = report(
        pair,
        [a, b],
        final,
        **{
            "clocks": {"a": "+2h", "b": "-2h"},
            "apart": "B edited 1 and deleted 1 of 2 shared, A saved 1",
            "notices": [notice_a.strip(), notice_b.strip()],
        },
    )
    assert only_stores(final), summary


def test_three_devices_one_offline_for_a_long_time_loses_nothing(trio: Trio) -> None:
    """A, B and C share 2 sessions; C goes offline. A and B take turns for 6 rounds (a session
    each round, one shared session deleted, one renamed), synced between them every round,
    while C saves 2 sessions and edits the other shared one's note. When C comes back, every
    session saved anywhere is on all three once, the delete and both edits hold, and the
    folder holds nothing but stores."""
    a, b, c = Side(trio.a), Side(trio.b), Side(trio.c)
    a.log("shared, deleted on A")
    a.log("shared, edited on C")
    trio.wait_in_sync("B and C to receive A's sessions", bool)
    assert len(c.history()[0]) == 2
    trio.take_offline(trio.c)
    saved = {"shared, edited on C"}
    for round_number in range(6):
        side = (a, b)[round_number % 2]
        note = f"round {round_number} on {side.name}"
        side.log(note)
        saved.add(note)
        if round_number == 2:
            on_b, _ = b.history()
            b.delete(next(row["id"] for row in on_b if row["note"] == "shared, deleted on A"))
        trio.wait_in_sync(f"A and B to agree after round {round_number}")
    on_c, _ = c.history()
    shared_id = next(row["id"] for row in on_c if row["note"] == "shared, edited on C")
    c.python(f"s.update_session({shared_id}, note='shared, edited on C while offline')")
    for n in range(2):
        c.log(f"offline on C {n}")
    saved = (saved - {"shared, edited on C"}) | {
        "shared, edited on C while offline",
        "offline on C 0",
        "offline on C 1",
    }

    trio.bring_back(trio.c)
    final = trio.wait_in_sync("C's copy to meet A's and B's")
    notices: list[str] = []
    lists: list[list[dict[str, Any]]] = []
    for _ in range(3):  # each device merges what it has; until a round brings nothing new
        notices += [notice.strip() for _, notice in (side.history() for side in (c, a, b))]
        final = trio.wait_in_sync(f"all three to agree after {len(notices) // 3} merges")
        lists = [side.history()[0] for side in (a, b, c)]
        if not conflict_copies(final) and uids(lists[0]) == uids(lists[2]):
            break
    summary = report(
        trio,
        [a, b, c],
        final,
        **{
            "sessions expected": len(saved),
            "apart": "A and B saved 6 and deleted 1 shared; C saved 2 and edited 1 offline",
            "notices": [n for n in notices if n],
        },
    )
    for listed in lists:
        notes = [row["note"] for row in listed]
        assert sorted(notes) == sorted(saved), (notes, summary)
    assert uids(lists[0]) == uids(lists[1]) == uids(lists[2]), summary
    assert conflict_copies(final) == [] and only_stores(final), summary
