"""Two computers changing the routine while apart (issue 29): own stretches and steps merge one
by one, like own checklist items, and every merge of valid copies reads as a routine."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crampui.checklist.routines import (
    DEFAULT_ROUTINE_ID,
    add_own_stretch,
    add_step,
    current_routine,
    default_routine,
    move_step,
    remove_step,
    set_step,
)
from crampui.content.store import Content, default_content
from crampui.history import HistoryStore
from crampui.history.codec import FIELD_GROUPS
from crampui.history.fieldmerge import edited, merge_docs
from crampui.history.hlc import make_stamp
from crampui.history.records import NOTES_JOINED_BY
from crampui.history.routine_records import Routine, routine_from_doc, routine_to_doc
from tests.clocks import FakeWallClock
from tests.history_files import history_bytes

START = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)
DESK, LAPTOP = "aaaaaaaaaaaa", "bbbbbbbbbbbb"


def apart(tmp_path: Path, content: Content) -> tuple[HistoryStore, HistoryStore, Path]:
    """The desk's history with the default routine stored, copied to the laptop; both stores
    (the laptop's clock five minutes ahead) and the laptop's path."""
    desk_path, laptop_path = tmp_path / "desk.json", tmp_path / "laptop.json"
    desk = HistoryStore(desk_path, clock=FakeWallClock(START), device=DESK)
    desk.put_routine(default_routine(content))
    laptop_path.write_bytes(history_bytes(desk_path))
    later = FakeWallClock(START + timedelta(minutes=5))
    return desk, HistoryStore(laptop_path, clock=later, device=LAPTOP), laptop_path


def test_an_own_stretch_added_on_each_computer_while_apart_is_kept_on_both(
    tmp_path: Path, content: Content
) -> None:
    desk, laptop, laptop_path = apart(tmp_path, content)
    desk.put_routine(add_own_stretch(content, current_routine(desk, content), "Wall sit")[1])
    laptop.put_routine(add_own_stretch(content, current_routine(laptop, content), "Bird dog")[1])
    desk.merge_file(laptop_path)
    laptop.merge_file(desk.path)
    for store in (desk, laptop):
        merged = current_routine(HistoryStore(store.path), content)
        assert [o.name for o in merged.own_stretches] == ["Bird dog", "Wall sit"]
        assert [s.step_id for s in merged.steps][-2:] == ["own-bird-dog", "own-wall-sit"]
    assert current_routine(desk, content) == current_routine(laptop, content)


def test_the_same_name_on_two_computers_is_one_stretch_with_both_notes(
    tmp_path: Path, content: Content
) -> None:
    desk, laptop, laptop_path = apart(tmp_path, content)
    routine = current_routine(desk, content)
    desk.put_routine(add_own_stretch(content, routine, "Wall sit", "Back flat on the wall")[1])
    laptop.put_routine(add_own_stretch(content, routine, "wall sit", "Knees over ankles")[1])
    desk.merge_file(laptop_path)
    merged = current_routine(HistoryStore(desk.path), content)
    [own] = merged.own_stretches
    assert own.stretch_id == "own-wall-sit"
    assert own.note == NOTES_JOINED_BY.join(["Knees over ankles", "Back flat on the wall"])
    assert [s.step_id for s in merged.steps].count("own-wall-sit") == 1
    desk.put_routine(set_step(merged, "own-wall-sit", hold_seconds=25))  # saved: one note now
    again = current_routine(HistoryStore(desk.path), content)
    assert again.own_stretches == merged.own_stretches


def test_a_move_on_one_computer_and_an_added_stretch_on_the_other_keep_both(
    tmp_path: Path, content: Content
) -> None:
    desk, laptop, laptop_path = apart(tmp_path, content)
    first, *_rest, last = [s.step_id for s in default_routine(content).steps]
    desk.put_routine(move_step(current_routine(desk, content), last, 1))
    laptop.put_routine(add_step(content, current_routine(laptop, content), first))
    desk.merge_file(laptop_path)
    ids = [s.step_id for s in current_routine(HistoryStore(desk.path), content).steps]
    assert ids[0] == last and ids[-1] == f"{first}-2"
    assert len(ids) == len(default_routine(content).steps) + 1


def test_a_stale_routine_saved_after_a_merge_keeps_the_stretch_the_merge_brought(
    tmp_path: Path, content: Content
) -> None:
    desk, laptop, laptop_path = apart(tmp_path, content)
    stale = current_routine(desk, content)  # read, say, by the open app before the merge
    laptop.put_routine(add_own_stretch(content, current_routine(laptop, content), "Bird dog")[1])
    desk.merge_file(laptop_path)
    desk.put_routine(set_step(stale, stale.steps[0].step_id, hold_seconds=9))
    merged = current_routine(HistoryStore(desk.path), content)
    assert [o.name for o in merged.own_stretches] == ["Bird dog"]
    assert merged.steps[0].hold_seconds == 9 and merged.steps[-1].step_id == "own-bird-dog"


def test_each_computer_removing_the_others_last_stretch_leaves_one(
    tmp_path: Path, content: Content
) -> None:
    desk_path = tmp_path / "desk.json"
    desk = HistoryStore(desk_path, clock=FakeWallClock(START), device=DESK)
    base = default_routine(content)
    for step in base.steps[2:]:
        base = remove_step(base, step.step_id)
    desk.put_routine(base)
    (tmp_path / "laptop.json").write_bytes(history_bytes(desk_path))
    laptop = HistoryStore(
        tmp_path / "laptop.json", clock=FakeWallClock(START + timedelta(minutes=5)), device=LAPTOP
    )
    one, two = (step.step_id for step in base.steps)
    desk.put_routine(remove_step(base, one))
    laptop.put_routine(remove_step(base, two))  # the later removal
    desk.merge_file(laptop.path)
    merged = current_routine(HistoryStore(desk_path), content)
    assert [s.step_id for s in merged.steps] == [two]
    assert one in merged.retired and two not in merged.retired


# -- the laws, over random changes on two or three computers ---------------------------------

NAMES = ("Wall sit", "Bird dog", "wall SIT", "Hip circle")
CHANGES = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(["add", "own", "remove", "move", "set"]),
              st.integers(0, 9), st.integers(1, 6)),
    max_size=14,
)  # fmt: skip


def change(
    content: Content, routine: Routine, how: str, pick: int, number: int, who: int
) -> Routine:
    """``routine`` after one change (unchanged when the change is refused)."""
    step = routine.steps[pick % len(routine.steps)].step_id
    try:
        if how == "add":
            return add_step(content, routine, content.stretches[pick % len(content.stretches)].id)
        if how == "own":
            return add_own_stretch(content, routine, NAMES[pick % 4], f"note {who}")[1]
        if how == "remove":
            return remove_step(routine, step)
        if how == "move":
            return move_step(routine, step, min(number, len(routine.steps)))
        return set_step(routine, step, hold_seconds=5 + number, both_sides=number % 2 == 0)
    except ValueError:
        return routine


def copies_after(changes: list[tuple[int, str, int, int]], devices: int) -> list[dict[str, Any]]:
    """Each computer's routine document after its changes, all from one shared version."""
    content = default_content()
    shared = edited(None, routine_to_doc(default_routine(content)), make_stamp(START, DESK), {})
    found = []
    for who in range(devices):
        doc, device = shared, f"{who:012d}"
        for tick, (whose, how, pick, number) in enumerate(changes, start=1):
            if whose % devices == who:
                routine = change(content, routine_from_doc(doc, DEFAULT_ROUTINE_ID), how, pick,
                                 number, who)  # fmt: skip
                moment = START + timedelta(seconds=tick * 3 + who)
                new = routine_to_doc(routine, doc)
                doc = edited(doc, new, make_stamp(moment, device), FIELD_GROUPS)
        found.append(doc)
    return found


@given(changes=CHANGES, devices=st.integers(2, 3))
def test_the_routine_merge_is_commutative_associative_and_idempotent(
    changes: list[tuple[int, str, int, int]], devices: int
) -> None:
    copies = copies_after(changes, devices)
    a, b = copies[0], copies[1]
    c = copies[2] if devices == 3 else a

    def merge(x: dict[str, Any], y: dict[str, Any]) -> dict[str, Any]:
        return merge_docs(x, y, FIELD_GROUPS)

    def read(doc: dict[str, Any]) -> Routine:
        return routine_from_doc(doc, DEFAULT_ROUTINE_ID)

    assert merge(a, b) == merge(b, a)
    merged = merge(merge(a, b), c)
    assert merged == merge(a, merge(b, c))
    assert merge(merged, merged) == merged and merge(merged, a) == merged
    routine = read(merged)  # every merge reads as a routine
    copies_read = [read(copy) for copy in copies]
    own = {o.stretch_id for copy in copies_read for o in copy.own_stretches}
    assert {o.stretch_id for o in routine.own_stretches} == own, "no own stretch is lost"
    retired = {step_id for copy in copies_read for step_id in copy.retired}
    kept = {s.step_id for copy in copies_read for s in copy.steps} - retired
    assert kept <= {s.step_id for s in routine.steps}, "no step lost unless removed"
    assert set(routine.retired).isdisjoint(s.step_id for s in routine.steps)
