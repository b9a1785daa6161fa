"""Field-by-field merging with hybrid-logical-clock stamps, over random edit histories.

The property test plays edits on 2-4 devices whose clocks are 2 h behind, right, 2 h ahead or
ten years ahead; devices sync now and then, and old copies of any device's file (rolled back,
duplicated) are merged in again. It knows, for every edit, what the editing device had seen,
and checks the merge against that: the same result in any order, any number of times; every
edit either wins, is kept as an overwritten concurrent value, or was replaced by a device that
had seen it; an edit made after seeing another is ordered after it.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.history.codec import FIELD_GROUPS
from crampui.history.fieldmerge import (
    ABSENT,
    MAX_OVERWRITTEN,
    STAMPS,
    edited,
    expand,
    overwritten_versions,
    record_stamp,
)
from crampui.history.hlc import MAX_DRIFT, NEVER, is_far_future, next_stamp, stamp_time
from crampui.history.merge import Decision, MergeSummary, merge_tables
from crampui.history.records import LATEST
from crampui.history.schema import RECORD_TABLES, ROUTINES
from crampui.history.seen import seen_path
from crampui.history.syncing import merged_folder
from crampui.history.versions import deleted_only, is_deleted, keeps_content
from crampui.locations import local_folder
from tests.clocks import FakeWallClock
from tests.history_files import history_bytes

START = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)
SKEWS = [timedelta(hours=-2), timedelta(0), timedelta(hours=2), timedelta(days=3650)]
RECORDS = [f"{n:032x}" for n in range(1, 4)]
UNITS = ["note", "items", "outcome"]


def value_of(unit: str, label: str) -> dict[str, Any]:
    """A distinct value of ``unit`` ({} for a cleared note)."""
    if unit == "note":
        return {} if label.endswith("clear") else {"note": label}
    if unit == "items":
        return {"done": f"a-{label}", "pending": "b"}
    return {"outcome": {"cramped": False, "note": label}}


@dataclass
class Edit:
    """One acknowledged change: where, what, its stamp and what its device had seen then."""

    record: str
    unit: str
    value: dict[str, Any]
    stamp: str
    seen: frozenset[int]
    device: int
    far: bool


@dataclass
class Device:
    """A device's copy of the history and the edits it knows."""

    number: int
    skew: timedelta
    tables: dict[str, Any]
    knows: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The device id."""
        return f"{self.number:012d}"

    def seen_stamp(self, now: datetime) -> str:
        """The latest stamp in the copy that is not far-future (what the store's clock uses)."""
        stamps = [record_stamp(doc) for doc in self.tables["sessions"].values()]
        return max((s for s in stamps if not is_far_future(s, now)), default=NEVER)


def base_tables() -> dict[str, Any]:
    """Three sessions made on device 0 at START, known to every device."""
    sessions = {}
    for seq, uid in enumerate(RECORDS, 1):
        doc = {"seq": seq, "saved_at": "2026-12-01T17:00:00.000000+00:00", "pending": "a b"}
        sessions[uid] = edited(None, doc, next_stamp(START, "000000000000"), FIELD_GROUPS)
    return {"sessions": sessions}


OPS = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit", "clear", "delete", "sync", "sync", "snapshot", "old"]),
        st.integers(0, 3),
        st.integers(0, 3),
        st.sampled_from(UNITS),
    ),
    max_size=30,
)


def play(ops: list[tuple[str, int, int, str]], skews: list[timedelta]):  # type: ignore[no-untyped-def]
    """Play ``ops``; the devices, the edits and every old copy made on the way."""
    devices = [Device(n, skew, base_tables()) for n, skew in enumerate(skews)]
    edits: list[Edit] = []
    copies: list[tuple[dict[str, Any], set[int]]] = []
    for step, (op, who, other, unit) in enumerate(ops):
        device, peer = devices[who % len(devices)], devices[other % len(devices)]
        now = START + timedelta(seconds=step + 1) + device.skew
        record = RECORDS[other % len(RECORDS)]
        old = device.tables["sessions"][record]
        if op in ("edit", "clear", "delete") and not is_deleted(old):
            fields = {key: value for key, value in old.items() if key not in (*STAMPS_KEYS,)}
            if op == "delete":
                unit, value = "deleted", {"deleted": True}
            else:
                value = value_of(unit, f"{device.number}-{step}-{op}")
            current = {k: v for k, v in fields.items() if FIELD_GROUPS.get(k, k) == unit}
            if current == value:
                continue  # nothing changes: not an edit
            fields = {k: v for k, v in fields.items() if k not in current} | value
            stamp = next_stamp(now, device.name, device.seen_stamp(now), record_stamp(old))
            doc = edited(old, fields, stamp, FIELD_GROUPS)
            device.tables["sessions"][record] = (
                deleted_only(doc, FIELD_GROUPS) if op == "delete" else doc
            )
            far = is_far_future(stamp, START + timedelta(seconds=step + 1))
            edits.append(Edit(record, unit, value, stamp, frozenset(device.knows), device.number,
                              far))  # fmt: skip
            device.knows.add(len(edits) - 1)
        elif op == "sync":
            device.tables = merge_tables(device.tables, peer.tables)
            device.knows |= peer.knows
        elif op == "snapshot":
            copies.append((json.loads(json.dumps(peer.tables)), set(peer.knows)))
        elif op == "old" and copies:  # an old copy restored, or a copy merged twice
            tables, knows = copies[other % len(copies)]
            device.tables = merge_tables(device.tables, tables)
            device.knows |= knows
    return devices, edits, [tables for tables, _ in copies]


STAMPS_KEYS = ("changed_at", "device", STAMPS, "overwritten")


@given(ops=OPS, skews=st.lists(st.sampled_from(SKEWS), min_size=2, max_size=4))
def test_random_edit_histories_merge_alike_and_lose_nothing_unreported(
    ops: list[tuple[str, int, int, str]], skews: list[timedelta]
) -> None:
    devices, edits, copies = play(ops, skews)
    files = [device.tables for device in devices] + copies
    deleted = {edit.record for edit in edits if edit.unit == "deleted"}

    def settled(tables: dict[str, Any]) -> dict[str, Any]:
        """The sessions, a record ever deleted by whether it is deleted: a deleted one keeps no
        content, so one that came back holds what the copies merged with it since held."""
        sessions = tables.get("sessions", {})
        return {uid: is_deleted(doc) if uid in deleted else doc for uid, doc in sessions.items()}

    merged: dict[str, Any] = {}
    for tables in files:
        merged = merge_tables(merged, tables)
    # commutative, associative, idempotent: any order, any grouping, any repetition
    for order in itertools.islice(itertools.permutations(files), 6):
        again: dict[str, Any] = {}
        for tables in reversed(order):
            again = merge_tables(tables, again)
        assert settled(again) == settled(merged)
    assert merge_tables(merged, merged) == merged
    assert all(settled(merge_tables(merged, tables)) == settled(merged) for tables in files)
    if len(files) >= 3:
        a, b, c = files[:3]
        ab_c = merge_tables(merge_tables(a, b), c)
        assert settled(ab_c) == settled(merge_tables(a, merge_tables(b, c)))

    for number, later in enumerate(edits):
        for earlier in later.seen:
            if edits[earlier].record == later.record and edits[earlier].unit == later.unit:
                # an edit made after seeing another is ordered after it, whatever the clocks
                assert later.stamp > edits[earlier].stamp, (earlier, number)

    for record in RECORDS:
        doc = merged["sessions"][record]
        if is_deleted(doc):
            assert not keeps_content(doc)  # none of a deleted record's content stays
        if record in deleted:
            continue
        units, kept = expand(doc, FIELD_GROUPS), overwritten_versions(doc, FIELD_GROUPS)
        for unit in UNITS:
            mine = [i for i, e in enumerate(edits) if e.record == record and e.unit == unit]
            replaced = {i for j in mine for i in edits[j].seen}
            concurrent = [i for i in mine if i not in replaced]  # no one saw them and went on
            if not concurrent:
                continue
            winner = units.get(unit, ABSENT)
            stamps = {edits[i].stamp for i in concurrent}
            assert winner.stamp in stamps  # the winner is an edit nobody replaced
            assert winner.value == next(
                edits[i].value for i in mine if edits[i].stamp == winner.stamp
            )
            reported = {version.stamp for version in kept.get(unit, [])}
            assert reported <= stamps  # only concurrent values are reported
            if len(stamps) <= MAX_OVERWRITTEN + 1:
                assert reported == stamps - {winner.stamp}  # every one of them is


def test_a_far_future_clock_does_not_drag_another_devices_stamps_along() -> None:
    ahead = next_stamp(START + timedelta(days=3650), "aaaaaaaaaaaa")
    # a device that has seen it stamps its own changes by its own clock ...
    own = next_stamp(START, "bbbbbbbbbbbb", seen=ahead)
    assert stamp_time(own) < START + MAX_DRIFT
    # ... but its edit of the very value stamped ahead is still ordered after it
    assert next_stamp(START, "bbbbbbbbbbbb", seen=ahead, replaced=ahead) > ahead


def test_a_stamp_at_the_largest_time_is_clamped_so_an_edit_after_it_stays_readable() -> None:
    at_the_end = f"{LATEST.isoformat(timespec='microseconds')}/aaaaaaaaaaaa"
    later = next_stamp(START, "bbbbbbbbbbbb", replaced=at_the_end)
    assert later == "9000-01-01T00:00:00.000000+00:00/bbbbbbbbbbbb"


# -- the same through the store: two copies of one history, edited apart --------------------


ITEMS = [ItemRecord("hydrate", "pending"), ItemRecord("warm-up", "pending")]


def copies_apart(tmp_path: Path, behind: timedelta = timedelta(0)):  # type: ignore[no-untyped-def]
    """A history saved on A, copied to B (whose clock is ``behind`` A's)."""
    a_path, b_path = tmp_path / "a.json", tmp_path / "b.json"
    a_clock, b_clock = FakeWallClock(START), FakeWallClock(START - behind)
    a = HistoryStore(a_path, clock=a_clock, device="aaaaaaaaaaaa")
    a.add_session(ITEMS, note="first")
    b_path.write_bytes(history_bytes(a_path))
    b = HistoryStore(b_path, clock=b_clock, device="bbbbbbbbbbbb")
    return a, b, a_clock, b_clock


def tables(store: HistoryStore) -> dict[str, Any]:
    """The store's records as tables (its journal folded into its store first)."""
    store.compact()
    data: dict[str, Any] = json.loads(store.store_path.read_text())
    return data


def edited_apart(
    tmp_path: Path, on_a: dict[str, Any], on_b: dict[str, Any]
) -> tuple[HistoryStore, HistoryStore, MergeSummary]:
    """Session 1 changed on A, then a minute later on B, apart; B's copy merged into A's."""
    a, b, a_clock, b_clock = copies_apart(tmp_path)
    a_clock.advance(minutes=1)
    b_clock.advance(minutes=2)
    a.update_session(1, **on_a)
    b.update_session(1, **on_b)
    return a, b, a.merge_file(b.path)


def test_a_note_edited_on_one_device_and_an_item_ticked_on_the_other_both_survive(
    tmp_path: Path,
) -> None:
    ticked = [ItemRecord("hydrate", "done"), ItemRecord("warm-up", "pending")]
    a, _, summary = edited_apart(tmp_path, {"note": "stiff this morning"}, {"items": ticked})
    session = a.get(1)
    assert session.note == "stiff this morning" and session.done_ids == ("hydrate",)
    assert summary.decisions == ()  # different fields: nothing was overwritten


def test_concurrent_edits_of_one_note_report_both_values_and_keep_the_other(
    tmp_path: Path,
) -> None:
    a, b, summary = edited_apart(tmp_path, {"note": "from A"}, {"note": "from B"})
    assert a.get(1).note == "from B"  # the later stamp wins
    text = summary.describe()
    assert "'from B'" in text and "'from A'" in text and "kept in its history" in text
    kept = tables(a)["sessions"][a.get(1).uid]["overwritten"]["note"]
    assert [entry[2] for entry in kept] == [{"note": "from A"}]
    assert a.merge_file(b.path).decisions == ()  # reported once


def test_a_device_two_hours_behind_wins_with_a_later_edit_of_what_it_saw(tmp_path: Path) -> None:
    a, b, a_clock, b_clock = copies_apart(tmp_path, behind=timedelta(hours=2))
    a_clock.advance(minutes=1)
    a.update_session(1, note="A's edit")
    b.merge_file(a.path)  # B sees A's edit, then edits the note later in real time
    b_clock.advance(minutes=2)
    b.update_session(1, note="B's later edit")
    summary = a.merge_file(b.path)
    assert a.get(1).note == "B's later edit"
    assert summary.decisions == ()  # B had seen A's edit: no conflict to report


def test_a_deleted_session_edited_later_elsewhere_comes_back_and_the_merge_says_so(
    tmp_path: Path,
) -> None:
    a, b, a_clock, b_clock = copies_apart(tmp_path)
    a_clock.advance(minutes=1)
    a.delete_session(1)
    b_clock.advance(minutes=2)
    b.update_session(1, note="edited on B after A deleted it")
    summary = a.merge_file(b.path)
    assert a.get(1).note == "edited on B after A deleted it"
    assert a.get(1).items == tuple(ITEMS)  # the whole session, not just the note
    assert summary.revived == 1
    assert "1 deleted session came back because another computer changed it" in (summary.describe())


def test_a_delete_after_an_edit_seen_elsewhere_stays_deleted(tmp_path: Path) -> None:
    a, b, a_clock, b_clock = copies_apart(tmp_path)
    b_clock.advance(minutes=1)
    b.update_session(1, note="B's edit")
    a.merge_file(b.path)
    a_clock.advance(minutes=2)
    a.delete_session(1)
    b.merge_file(a.path)
    assert b.count() == 0 and a.count() == 0


SECRETS = ("SECRETNOTE", "SECRETPLACE")
SECRET_NOTE, SECRET_PLACE = "SECRETNOTE after the desk day", "SECRETPLACE left calf"


def test_a_deleted_sessions_text_is_in_no_file_beside_the_history_but_the_bak(
    tmp_path: Path,
) -> None:
    """The deleted record keeps only ids, stamps and its number; the file is rewritten, this
    computer's journals and merged conflict copies go; the ``.bak`` keeps the text until the
    next rewrite of the file rotates it."""
    clock = FakeWallClock(START)
    path = tmp_path / "data" / "history.json"
    store = HistoryStore(path, clock=clock, device="aaaaaaaaaaaa")
    outcome = Outcome(cramped=True, severity=7, where=SECRET_PLACE)
    store.add_session(ITEMS, note=SECRET_NOTE, outcome=outcome)
    store.add_session(ITEMS, note="kept")
    clock.advance(minutes=1)
    store.update_session(1, note=SECRET_NOTE + " again")  # journaled: a line holding the note
    merged = merged_folder(path)
    merged.mkdir()
    (merged / "history.sync-conflict-20261201-170000-ABCDEFG.json").write_text(SECRET_NOTE)
    clock.advance(minutes=1)
    store.delete_session(1)

    def holding_secrets(folder: Path) -> list[str]:
        return sorted(
            file.name
            for file in folder.rglob("*")
            if file.is_file() and any(s.encode() in file.read_bytes() for s in SECRETS)
        )

    assert holding_secrets(path.parent) == []
    backup = [store.backup_path.name]
    assert seen_path(path, store.store_path).exists()
    assert holding_secrets(local_folder(path)) == backup
    sessions = json.loads(store.store_path.read_text(encoding="utf-8"))["sessions"].values()
    (tombstone,) = (doc for doc in sessions if is_deleted(doc))
    assert set(tombstone) <= {"seq", "deleted", *STAMPS_KEYS}
    assert store.count() == 1 and store.get(2).note == "kept"
    store.add_session(ITEMS)  # journaled: the .bak is kept
    assert holding_secrets(local_folder(path)) == backup
    store.compact()  # the next rewrite rotates the .bak: the text is gone from every file
    assert holding_secrets(local_folder(path)) == [] == holding_secrets(path.parent)


@pytest.mark.parametrize(
    "stamp",
    ["9999-12-30T23:59:59.999999+00:00", "9000-01-01T00:00:00+00:00", "2036-12-01T18:00:00+00:00"],
)
def test_an_edit_next_to_a_record_stamped_far_ahead_is_saved_and_wins(
    tmp_path: Path, stamp: str
) -> None:
    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=FakeWallClock(START), device="aaaaaaaaaaaa")
    session = store.add_session(ITEMS)
    data = json.loads(store.store_path.read_text())
    data["sessions"][session.uid]["changed_at"] = stamp
    data["sessions"][session.uid]["device"] = "ffffffffffff"
    store.store_path.write_text(json.dumps(data))
    store = HistoryStore(path, clock=FakeWallClock(START), device="aaaaaaaaaaaa")
    store.update_session(session.id, note="renamed after seeing it")
    store.add_session(ITEMS, note="another")
    again = HistoryStore(path, device="aaaaaaaaaaaa")
    assert again.recovery_notice is None
    assert again.get(session.id).note == "renamed after seeing it"
    other = tables(again)["sessions"]
    newest = next(doc for uid, doc in other.items() if uid != session.uid)
    assert newest["changed_at"].startswith("2026-12-01")  # not dragged ahead


def test_a_device_ten_years_ahead_is_flagged_and_loses_to_an_edit_made_after_seeing_it(
    tmp_path: Path,
) -> None:
    a, b, a_clock, b_clock = copies_apart(tmp_path, behind=-timedelta(days=3650))
    b.update_session(1, note="from the future")
    summary = a.merge_file(b.path)
    assert summary.ahead == ("device bbbbbbbbbbbb",)
    assert "dated ahead of this computer's clock" in summary.describe()
    a_clock.advance(minutes=1)
    a.update_session(1, note="fixed here")
    b.merge_file(a.path)
    assert a.get(1).note == b.get(1).note == "fixed here"
    a.add_session(ITEMS)  # A's own clock is not dragged ten years ahead
    assert tables(a)["sessions"][a.get(2).uid]["changed_at"].startswith("2026-12-01")


def test_a_clock_behind_is_raised_past_every_change_it_has_seen(tmp_path: Path) -> None:
    a, b, a_clock, _ = copies_apart(tmp_path, behind=timedelta(hours=2))
    a_clock.advance(minutes=5)
    a.update_session(1, note="A, later than B's clock")
    b.merge_file(a.path)
    b.add_session(ITEMS, note="B, after seeing it")  # another record: the clock is raised too
    b.add_session(ITEMS, note="and again")
    docs = sorted(tables(b)["sessions"].values(), key=lambda doc: doc["changed_at"])
    assert [doc.get("note") for doc in docs] == [
        "A, later than B's clock",
        "B, after seeing it",
        "and again",
    ]


def test_every_merged_table_is_named_in_the_singular_in_the_summary() -> None:
    """A concurrent edit of any merged table reads as English ("a routine's ..."), never as
    the table's plural name with "'s" added."""
    for table in RECORD_TABLES:
        text = Decision(table, "k", "note", {"note": "B"}, {"note": "A"}).describe()
        assert text.startswith("a ") and f"{table}'s" not in text, text
    routine = Decision(ROUTINES, "k", "own stretch", {"note": "B"}, {"note": "A"})
    assert routine.describe().startswith("a routine's own stretch: kept ")
