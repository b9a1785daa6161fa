"""The user's stretch routine as stored: stretches in order, own stretches, retired step ids.

One record per routine in the ``routines`` table (the one everyone has is ``default``), merged
field by field like every record: the steps, the own stretches and the retired ids are each a
field. A routine that was never changed has no record: it is the content's starter set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crampui.history.codec import Doc, stored_text
from crampui.history.records import check_id, check_int
from crampui.hold_limits import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MAX_REST_SECONDS,
    MIN_REPETITIONS,
    MIN_STEP_HOLD_SECONDS,
)

MAX_STEPS = 30
"""A routine has at most this many stretches."""

MAX_OWN_STRETCHES = 50
"""A routine keeps at most this many own stretches."""

MAX_RETIRED = 10_000
"""At most this many step ids are kept as never to be given again."""

MAX_NAME_LENGTH = 60
"""The longest own stretch name."""

MAX_NOTE_LENGTH = 200
"""The longest own stretch note (shown on the timer as its cue)."""


@dataclass(frozen=True, slots=True)
class RoutineStep:
    """One stretch of a routine and how it is done; bad ids or numbers raise ValueError."""

    step_id: str
    stretch_id: str
    hold_seconds: int
    repetitions: int
    both_sides: bool
    rest_seconds: int

    def __post_init__(self) -> None:
        """Check the ids, the numbers against the timer's limits, and the flag."""
        check_id(self.step_id, "step id")
        check_id(self.stretch_id, "stretch id")
        check_int(self.hold_seconds, "hold_seconds", MIN_STEP_HOLD_SECONDS, MAX_HOLD_SECONDS)
        check_int(self.repetitions, "repetitions", MIN_REPETITIONS, MAX_REPETITIONS)
        check_int(self.rest_seconds, "rest_seconds", 0, MAX_REST_SECONDS)
        if not isinstance(self.both_sides, bool):
            raise ValueError("both_sides must be true or false")


@dataclass(frozen=True, slots=True)
class OwnStretch:
    """A stretch the person added: a name and a note (the note is the timer's cue)."""

    stretch_id: str
    name: str
    note: str = ""

    def __post_init__(self) -> None:
        """Check the id and the lengths (the store cleans the text before building it)."""
        check_id(self.stretch_id, "stretch id")
        if not isinstance(self.name, str) or not 0 < len(self.name) <= MAX_NAME_LENGTH:
            raise ValueError(f"a stretch name has 1 to {MAX_NAME_LENGTH} characters")
        if not isinstance(self.note, str) or len(self.note) > MAX_NOTE_LENGTH:
            raise ValueError(f"a stretch note has at most {MAX_NOTE_LENGTH} characters")


@dataclass(frozen=True, slots=True)
class Routine:
    """Stretches in order, the person's own stretches, and the step ids never to give again."""

    routine_id: str
    steps: tuple[RoutineStep, ...]
    own_stretches: tuple[OwnStretch, ...] = ()
    retired: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """At least one step and at most :data:`MAX_STEPS`; unique step ids."""
        check_id(self.routine_id, "routine id")
        if not 0 < len(self.steps) <= MAX_STEPS:
            raise ValueError(f"a routine has 1 to {MAX_STEPS} stretches")
        if len({step.step_id for step in self.steps}) != len(self.steps):
            raise ValueError("a routine's step ids are unique")
        if len(self.own_stretches) > MAX_OWN_STRETCHES or len(self.retired) > MAX_RETIRED:
            raise ValueError("a routine keeps too many own stretches or retired ids")

    def step(self, step_id: str) -> RoutineStep:
        """The step with this id; KeyError otherwise."""
        for step in self.steps:
            if step.step_id == step_id:
                return step
        raise KeyError(step_id)


def routine_to_doc(routine: Routine) -> Doc:
    """The routine as a JSON-ready dictionary (its id is the document's key)."""
    return {
        "steps": [
            {
                "id": step.step_id,
                "stretch": step.stretch_id,
                "hold": step.hold_seconds,
                "reps": step.repetitions,
                "both_sides": step.both_sides,
                "rest": step.rest_seconds,
            }
            for step in routine.steps
        ],
        "own": [
            {"id": o.stretch_id, "name": o.name, "note": o.note} for o in routine.own_stretches
        ],
        "retired": list(routine.retired),
    }


def routine_from_doc(doc: Mapping[str, Any], routine_id: str) -> Routine:
    """Build a routine from :func:`routine_to_doc` output; ValueError (or KeyError, TypeError)
    if malformed. Own stretches' text is cleaned as if just typed."""
    return Routine(
        routine_id,
        tuple(
            RoutineStep(s["id"], s["stretch"], s["hold"], s["reps"], s["both_sides"], s["rest"])
            for s in _list(doc["steps"], MAX_STEPS)
        ),
        tuple(
            OwnStretch(
                o["id"],
                stored_text(o["name"], "stretch name", MAX_NAME_LENGTH),
                stored_text(o.get("note", ""), "stretch note", MAX_NOTE_LENGTH),
            )
            for o in _list(doc.get("own", []), MAX_OWN_STRETCHES)
        ),
        tuple(check_id(i, "retired step id") for i in _list(doc.get("retired", []), MAX_RETIRED)),
    )


def _list(value: object, limit: int) -> list[Any]:
    """``value`` if it is a list of at most ``limit`` items; ValueError otherwise."""
    if not isinstance(value, list) or len(value) > limit:
        raise ValueError(f"expected a list of at most {limit} items")
    return value
