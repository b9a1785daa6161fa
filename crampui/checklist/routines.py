"""Stretch routines: stretches in order, each with hold, repetitions, sides and rest (no Textual).

A routine's steps name a stretch of the content (``knee-to-chest``) or one of the person's own
(``own-wall-sit``, a name and a note). The changes (:func:`add_step`, :func:`remove_step`,
:func:`move_step`, :func:`set_step`, :func:`add_own_stretch`) are pure: each returns the new
routine, or raises ValueError with a message fit to show as is.

Ids are stable and never reused. A step's id is its stretch's id (``knee-to-chest``), with a
number when the routine has that stretch twice (``knee-to-chest-2``); a removed step's id is
kept in ``retired`` and never given again, so sessions that name it keep their meaning. An own
stretch is never deleted; its id comes from the name it was added with, as own checklist items'
ids do, so the same stretch added on two computers is one stretch once their copies merge.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from crampui.checklist.items import own_base_id
from crampui.content.store import Content, default_content
from crampui.history.routine_records import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_OWN_STRETCHES,
    MAX_STEPS,
    OwnStretch,
    Routine,
    RoutineStep,
)
from crampui.hold_limits import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MAX_REST_SECONDS,
    MIN_REPETITIONS,
    MIN_STEP_HOLD_SECONDS,
)
from crampui.usertext import clean_user_text, shown

if TYPE_CHECKING:
    from crampui.checklist.timer import TimerStep
    from crampui.history import HistoryStore
    from crampui.history.stretch_records import StretchRecord

DEFAULT_ROUTINE_ID = "default"
"""The id of the routine every person starts with."""

DEFAULT_REST_SECONDS = 15
"""The rest after each stretch of the default routine (and of a stretch added to one)."""

OWN_HOLD_SECONDS = 20
"""An own stretch's hold when added, until changed."""

OWN_REPETITIONS = 3
"""An own stretch's repetitions when added, until changed."""

OWN_CUE = "Your own stretch: move slowly, only as far as is comfortable."
"""The timer's cue for an own stretch without a note."""


def current_routine(store: HistoryStore, content: Content) -> Routine:
    """The person's routine as stored, or the default one if they never changed it."""
    return store.stored_routine(DEFAULT_ROUTINE_ID) or default_routine(content)


def default_routine(content: Content) -> Routine:
    """Every stretch of the starter set with its usual dose, resting between them."""
    last = len(content.stretches) - 1
    steps = tuple(
        RoutineStep(
            stretch.id,
            stretch.id,
            stretch.hold_seconds,
            stretch.repetitions,
            stretch.both_sides,
            0 if index == last else DEFAULT_REST_SECONDS,
        )
        for index, stretch in enumerate(content.stretches)
    )
    return Routine(DEFAULT_ROUTINE_ID, steps)


def stretch_names(content: Content, routine: Routine) -> dict[str, str]:
    """Every stretch id the routine may name (the content's and its own) with its name."""
    names = {stretch.id: stretch.name for stretch in content.stretches}
    names.update((own.stretch_id, own.name) for own in routine.own_stretches)
    return names


NOT_RECORDED = "stretch not recorded"
"""How a cramp logged without a routine running (or before routines existed) names its stretch."""


def stretch_label(names: Mapping[str, str] | None, stretch_id: str | None) -> str:
    """The name of the stretch a cramp came in (``names`` from :func:`stretch_names`; None: the
    starter set's), the id itself for one not known here, or :data:`NOT_RECORDED`."""
    if stretch_id is None:
        return NOT_RECORDED
    if names is None:
        names = {stretch.id: stretch.name for stretch in default_content().stretches}
    return names.get(stretch_id, stretch_id)


def stretches_text(records: Iterable[StretchRecord], names: Mapping[str, str] | None = None) -> str:
    """How each stretch of a session went: "Knee to chest done, Pelvic tilt skipped (sore)"."""
    return ", ".join(
        f"{stretch_label(names, r.stretch_id)} {r.status}" + (f" ({r.reason})" if r.reason else "")
        for r in records
    )


def stored_stretch_names(store: HistoryStore, content: Content) -> dict[str, str]:
    """Every stretch name the stored routine knows (its own stretches too); the starter set's
    if the history cannot be read."""
    from crampui.history import HistoryError

    try:
        return stretch_names(content, current_routine(store, content))
    except HistoryError:
        return {stretch.id: stretch.name for stretch in content.stretches}


def stretch_name(content: Content, routine: Routine, stretch_id: str) -> str:
    """The name of a stretch id; an id neither knows (from another computer) as itself."""
    return stretch_names(content, routine).get(stretch_id, stretch_id)


def timer_steps(content: Content, routine: Routine) -> list[TimerStep]:
    """The routine's steps as the timer runs them, each with its name and cue."""
    from crampui.checklist.timer import TimerStep  # the timer loads when one is run

    cues = {stretch.id: stretch.cue for stretch in content.stretches}
    cues.update((own.stretch_id, own.note or OWN_CUE) for own in routine.own_stretches)
    names = stretch_names(content, routine)
    return [
        TimerStep(
            step.stretch_id,
            names.get(step.stretch_id, step.stretch_id),
            cues.get(step.stretch_id, ""),
            step.hold_seconds,
            step.repetitions,
            step.both_sides,
            step.rest_seconds,
        )
        for step in routine.steps
    ]


def find_step(routine: Routine, step_id: str) -> RoutineStep:
    """The step with this id; ValueError with the closest id as a hint otherwise."""
    try:
        return routine.step(step_id)
    except KeyError:
        pass
    ids = [step.step_id for step in routine.steps]
    close = difflib.get_close_matches(step_id[:100], ids, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"steps: {', '.join(ids)}"
    raise ValueError(f"no stretch {shown(step_id, 40)} in the routine; {hint}")


def find_stretch_id(content: Content, routine: Routine, key: str) -> str:
    """The stretch id named by ``key`` (its id or name, any case); ValueError with the closest
    id (or the few ids or names holding ``key``) as a hint otherwise."""
    wanted = " ".join(key.casefold().split())
    names = stretch_names(content, routine)
    for stretch_id, name in names.items():
        if wanted in (stretch_id, name.casefold()):
            return stretch_id
    close = difflib.get_close_matches(wanted[:100], list(names), n=1) or [
        i for i, name in names.items() if wanted and (wanted in i or wanted in name.casefold())
    ]
    if 0 < len(close) <= 3:
        hint = f"did you mean {' or '.join(repr(i) for i in close)}?"
    else:
        hint = f"stretches: {', '.join(names)}"
    raise ValueError(f"no stretch {shown(key, 40)}; {hint}")


def _new_step_id(routine: Routine, stretch_id: str) -> str:
    """The stretch id, or it with a number, that no step has or had."""
    taken = {step.step_id for step in routine.steps} | set(routine.retired)
    candidate, number = stretch_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{stretch_id}-{number}"
    return candidate


def _checked(name: str, value: int | None, low: int, high: int) -> int | None:
    """``value`` if it is None or within ``low..high``; ValueError in words otherwise."""
    if value is not None and not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {value}")
    return value


def add_step(
    content: Content,
    routine: Routine,
    stretch_id: str,
    *,
    hold_seconds: int | None = None,
    repetitions: int | None = None,
    both_sides: bool | None = None,
    rest_seconds: int | None = None,
) -> Routine:
    """The routine with ``stretch_id`` added at the end, with its usual dose unless given."""
    if len(routine.steps) >= MAX_STEPS:
        raise ValueError(f"a routine has at most {MAX_STEPS} stretches")
    stretch_id = find_stretch_id(content, routine, stretch_id)
    usual = {s.id: s for s in content.stretches}.get(stretch_id)
    hold = _checked("hold", hold_seconds, MIN_STEP_HOLD_SECONDS, MAX_HOLD_SECONDS)
    reps = _checked("repetitions", repetitions, MIN_REPETITIONS, MAX_REPETITIONS)
    rest = _checked("rest", rest_seconds, 0, MAX_REST_SECONDS)
    step = RoutineStep(
        _new_step_id(routine, stretch_id),
        stretch_id,
        _pick(hold, usual.hold_seconds if usual else OWN_HOLD_SECONDS),
        _pick(reps, usual.repetitions if usual else OWN_REPETITIONS),
        _pick(both_sides, usual.both_sides if usual else False),
        _pick(rest, DEFAULT_REST_SECONDS),
    )
    return replace(routine, steps=(*routine.steps, step))


def _pick(given: Any, usual: Any) -> Any:
    """``given`` unless it is None."""
    return usual if given is None else given


def remove_step(routine: Routine, step_id: str) -> Routine:
    """The routine without the step; its id is retired. ValueError for the last step."""
    find_step(routine, step_id)
    if len(routine.steps) == 1:
        raise ValueError(f"{step_id} is the only stretch of the routine; add another first")
    steps = tuple(step for step in routine.steps if step.step_id != step_id)
    return replace(routine, steps=steps, retired=(*routine.retired, step_id))


def move_step(routine: Routine, step_id: str, position: int) -> Routine:
    """The routine with the step at ``position`` (1-based); ValueError if out of range."""
    step = find_step(routine, step_id)
    if not 1 <= position <= len(routine.steps):
        raise ValueError(f"position must be from 1 to {len(routine.steps)}, got {position}")
    steps = [other for other in routine.steps if other.step_id != step_id]
    steps.insert(position - 1, step)
    return replace(routine, steps=tuple(steps))


def set_step(
    routine: Routine,
    step_id: str,
    *,
    hold_seconds: int | None = None,
    repetitions: int | None = None,
    both_sides: bool | None = None,
    rest_seconds: int | None = None,
) -> Routine:
    """The routine with the step's hold, count, sides or rest changed (None: kept)."""
    step = find_step(routine, step_id)
    changed = replace(
        step,
        hold_seconds=_pick(
            _checked("hold", hold_seconds, MIN_STEP_HOLD_SECONDS, MAX_HOLD_SECONDS),
            step.hold_seconds,
        ),
        repetitions=_pick(
            _checked("repetitions", repetitions, MIN_REPETITIONS, MAX_REPETITIONS),
            step.repetitions,
        ),
        both_sides=_pick(both_sides, step.both_sides),
        rest_seconds=_pick(_checked("rest", rest_seconds, 0, MAX_REST_SECONDS), step.rest_seconds),
    )
    steps = tuple(changed if other.step_id == step_id else other for other in routine.steps)
    return replace(routine, steps=steps)


def add_own_stretch(
    content: Content, routine: Routine, name: str, note: str = ""
) -> tuple[str, Routine]:
    """A new own stretch called ``name``: its id, and the routine with it added as a step."""
    if len(routine.own_stretches) >= MAX_OWN_STRETCHES:
        raise ValueError(f"a routine keeps at most {MAX_OWN_STRETCHES} own stretches")
    name = clean_user_text(name, field="name", max_length=10 * MAX_NAME_LENGTH)
    note = clean_user_text(note, field="note", max_length=10 * MAX_NOTE_LENGTH)
    if not name:
        raise ValueError("a stretch needs a name")
    for text, field, limit in ((name, "name", MAX_NAME_LENGTH), (note, "note", MAX_NOTE_LENGTH)):
        if len(text) > limit:
            raise ValueError(f"a stretch {field} is at most {limit} characters")
    names = stretch_names(content, routine)
    wanted = " ".join(name.casefold().split())
    if taken := [i for i, n in names.items() if " ".join(n.casefold().split()) == wanted]:
        raise ValueError(f"stretch {taken[0]} is already called {shown(name)}")
    base = own_base_id(name)
    stretch_id, number = base, 1
    while stretch_id in names:
        number += 1
        stretch_id = f"{base}-{number}"
    own = OwnStretch(stretch_id, name, note)
    with_own = replace(routine, own_stretches=(*routine.own_stretches, own))
    return stretch_id, add_step(content, with_own, stretch_id)
