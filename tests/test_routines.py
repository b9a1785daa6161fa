"""The routines model: the default routine, changes with stable ids, the stored form (issue 29)."""

from __future__ import annotations

from typing import Any

import pytest

from crampui.checklist.routines import (
    NOT_RECORDED,
    OWN_CUE,
    add_own_stretch,
    add_step,
    default_routine,
    find_step,
    move_step,
    remove_step,
    set_step,
    stretch_label,
    stretch_name,
    stretch_names,
    timer_steps,
)
from crampui.content.store import Content
from crampui.history.routine_records import OwnStretch, Routine, routine_from_doc, routine_to_doc


def ids(routine: Routine) -> list[str]:
    """The routine's step ids in order."""
    return [step.step_id for step in routine.steps]


def test_the_default_routine_is_the_starter_set_with_rests(content: Content) -> None:
    routine = default_routine(content)
    assert ids(routine) == [stretch.id for stretch in content.stretches]
    knee = find_step(routine, "knee-to-chest")
    assert (knee.hold_seconds, knee.repetitions, knee.both_sides) == (5, 5, True)
    assert [step.rest_seconds for step in routine.steps] == [15] * 6 + [0]
    steps = timer_steps(content, routine)
    assert steps[2].name == "Knee to chest"
    assert steps[2].cue == content.stretch("knee-to-chest").cue


def test_add_remove_move_and_set_keep_ids_stable_and_never_reuse_one(content: Content) -> None:
    routine = default_routine(content)
    routine = add_step(content, routine, "Knee to chest", hold_seconds=20, repetitions=2)
    assert ids(routine)[-1] == "knee-to-chest-2"
    assert find_step(routine, "knee-to-chest-2").hold_seconds == 20
    routine = remove_step(routine, "knee-to-chest-2")
    routine = add_step(content, routine, "knee-to-chest")
    assert ids(routine)[-1] == "knee-to-chest-3", "a removed id is never given again"
    routine = move_step(routine, "knee-to-chest-3", 1)
    assert ids(routine)[:2] == ["knee-to-chest-3", "knee-rolls"]
    routine = set_step(routine, "pelvic-tilt", hold_seconds=10, rest_seconds=0)
    tilt = find_step(routine, "pelvic-tilt")
    assert (tilt.hold_seconds, tilt.repetitions, tilt.rest_seconds) == (10, 8, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c, r: add_step(c, r, "knee-to-chst"), "did you mean 'knee-to-chest'?"),
        (lambda c, r: add_step(c, r, "KNE"), "did you mean 'knee-rolls' or 'knee-to-chest'?"),
        (lambda c, r: add_step(c, r, "back"), "did you mean 'back-extension'?"),
        (lambda c, r: set_step(r, "pelvic-tilt", hold_seconds=1), "hold must be from 2 to 60"),
        (lambda c, r: set_step(r, "pelvic-tilt", repetitions=11), "repetitions must be from 1"),
        (lambda c, r: set_step(r, "pelvic-tilt", rest_seconds=500), "rest must be from 0 to 120"),
        (lambda c, r: move_step(r, "pelvic-tilt", 9), "position must be from 1 to 7, got 9"),
        (lambda c, r: remove_step(r, "pelvic-tlt"), "did you mean 'pelvic-tilt'?"),
    ],
)
def test_bad_changes_say_what_is_wrong(content: Content, change: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        change(content, default_routine(content))  # type: ignore[operator]


def test_the_last_stretch_cannot_be_removed(content: Content) -> None:
    routine = default_routine(content)
    for step_id in ids(routine)[1:]:
        routine = remove_step(routine, step_id)
    with pytest.raises(ValueError, match="only stretch"):
        remove_step(routine, "knee-rolls")


def test_an_own_stretch_has_a_name_a_note_and_a_stable_id(content: Content) -> None:
    stretch_id, routine = add_own_stretch(
        content, default_routine(content), "Wall sit", "Back flat on the wall"
    )
    assert stretch_id == "own-wall-sit"
    assert ids(routine)[-1] == "own-wall-sit"
    assert stretch_name(content, routine, "own-wall-sit") == "Wall sit"
    assert timer_steps(content, routine)[-1].cue == "Back flat on the wall"
    _second, routine = add_own_stretch(content, routine, "Doorway stretch")
    assert timer_steps(content, routine)[-1].cue == OWN_CUE
    with pytest.raises(ValueError, match="already called"):
        add_own_stretch(content, routine, "  wall   SIT ")
    with pytest.raises(ValueError, match="needs a name"):
        add_own_stretch(content, routine, " \x1b ")


def test_the_stored_form_round_trips_and_malformed_ones_are_refused(content: Content) -> None:
    _id, routine = add_own_stretch(content, default_routine(content), "Wall sit", "Slow")
    routine = remove_step(routine, "pelvic-tilt")
    doc = routine_to_doc(routine)
    assert routine_from_doc(doc, "default") == routine
    assert doc["at:pelvic-tilt"] is None and doc["own:own-wall-sit"]["note"] == "Slow"
    dose = doc["step:knee-to-chest"]
    only_removed = {k: v for k, v in doc.items() if k.startswith("own:")}
    for broken in (
        {**doc, "step:knee-to-chest": {**dose, "hold": True}},
        {**doc, "step:knee-to-chest": {**dose, "hold": 0}},
        {**doc, "step:knee-to-chest": {"stretch": "knee-to-chest"}},
        {**doc, "at:knee-to-chest": -1},
        {**doc, "at:two words": 3},
        {**doc, "own:own-x": {"note": "no name"}},
        {**doc, "own:own-x": {"name": "x" * 61}},
        only_removed,
        {},
    ):
        with pytest.raises((ValueError, KeyError, TypeError, AttributeError)):
            routine_from_doc(broken, "default")


def test_the_first_stored_form_is_still_read(content: Content) -> None:
    steps: list[dict[str, Any]] = [
        {"id": "cat-camel", "stretch": "cat-camel", "hold": 10, "reps": 2,
         "both_sides": False, "rest": 5},
        {"id": "own-wall-sit", "stretch": "own-wall-sit", "hold": 20, "reps": 3,
         "both_sides": False, "rest": 0},
    ]  # fmt: skip
    first = {
        "steps": steps,
        "own": [{"id": "own-wall-sit", "name": "Wall sit", "note": "Slow"}],
        "retired": ["knee-to-chest"],
    }
    routine = routine_from_doc(first, "default")
    assert [step.step_id for step in routine.steps] == ["cat-camel", "own-wall-sit"]
    assert routine.retired == ("knee-to-chest",)
    assert routine.own_stretches == (OwnStretch("own-wall-sit", "Wall sit", "Slow"),)
    assert routine_from_doc(routine_to_doc(routine, first), "default") == routine
    for broken in (
        {**first, "steps": []},
        {**first, "steps": "x"},
        {**first, "steps": [{**steps[0], "hold": True}]},
        {**first, "steps": [steps[0], steps[0]]},
        {**first, "own": [{"id": "own-x"}]},
        {**first, "retired": ["two words"]},
    ):
        with pytest.raises((ValueError, KeyError, TypeError)):
            routine_from_doc(broken, "default")


def test_a_cramp_names_its_stretch_or_says_it_was_not_recorded(content: Content) -> None:
    _id, routine = add_own_stretch(content, default_routine(content), "Wall sit")
    names = stretch_names(content, routine)
    assert stretch_label(names, "pelvic-tilt") == "Pelvic tilt"
    assert stretch_label(names, "own-wall-sit") == "Wall sit"
    assert stretch_label(names, "own-from-elsewhere") == "own-from-elsewhere"
    assert stretch_label(names, None) == NOT_RECORDED == "stretch not recorded"
