"""The user's stretch routine as stored: stretches in order, own stretches, retired step ids.

One record per routine in the ``routines`` table (the one everyone has is ``default``), merged
field by field like every record, with one field per piece two computers may change while
apart, so both changes are kept:

* ``step:ID``: a step's stretch and dose (kept once the step is removed, so it can come back);
* ``at:ID``: the step's place in the routine, or null once it is removed (its id is then
  retired: never given again). Steps are ordered by place, then id, so steps added on two
  computers at the same place both appear;
* ``own:ID``: an own stretch's name and note. The same name added on two computers gives the
  same id, so one stretch; the note that lost the merge is joined to the kept one.

A routine that was never changed has no record: it is the content's starter set. The first
form (the fields ``steps``, ``own`` and ``retired``, each a list) is still read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crampui.history.codec import FIELD_GROUPS, Doc, stored_text
from crampui.history.fieldmerge import expand, overwritten_versions
from crampui.history.records import NOTES_JOINED_BY, check_id, check_int
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
"""The longest own stretch note typed (shown on the timer as its cue)."""

MAX_KEPT_NOTE_LENGTH = 4 * MAX_NOTE_LENGTH + 3 * len(NOTES_JOINED_BY)
"""The longest own stretch note kept: room for the notes of several computers joined."""

STEP, AT, OWN = "step:", "at:", "own:"
"""The prefixes of the stored fields: a step's dose, its place, an own stretch."""

DOSE = ("stretch", "hold", "reps", "both_sides", "rest")
"""The keys of a stored step's dose, in :class:`RoutineStep`'s order."""

MAX_FIELDS = 3 * MAX_RETIRED
"""A stored routine has at most this many fields."""


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
        if not isinstance(self.note, str) or len(self.note) > MAX_KEPT_NOTE_LENGTH:
            raise ValueError(f"a stretch note has at most {MAX_KEPT_NOTE_LENGTH} characters")


@dataclass(frozen=True, slots=True)
class Routine:
    """Stretches in order, the person's own stretches (by id), and the step ids never to give
    again (sorted)."""

    routine_id: str
    steps: tuple[RoutineStep, ...]
    own_stretches: tuple[OwnStretch, ...] = ()
    retired: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """At least one step and at most :data:`MAX_STEPS`; unique step ids."""
        check_id(self.routine_id, "routine id")
        own = tuple(sorted(self.own_stretches, key=lambda stretch: stretch.stretch_id))
        object.__setattr__(self, "own_stretches", own)
        object.__setattr__(self, "retired", tuple(sorted(self.retired)))
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


def routine_to_doc(routine: Routine, old: Mapping[str, Any] | None = None) -> Doc:
    """The routine as a JSON-ready dictionary (its id is the document's key).

    Steps and own stretches of ``old`` (the stored version) that ``routine`` does not name are
    kept as they are: a routine read before a merge brought in another computer's stretch
    does not drop it when saved."""
    doc: Doc = {} if old is None else _fields(old)
    for place, step in enumerate(routine.steps):
        dose = (step.stretch_id, step.hold_seconds, step.repetitions, step.both_sides)
        doc[STEP + step.step_id] = dict(zip(DOSE, (*dose, step.rest_seconds), strict=True))
        doc[AT + step.step_id] = place
    doc.update((AT + step_id, None) for step_id in routine.retired)
    doc.update(
        (OWN + o.stretch_id, {"name": o.name, "note": o.note}) for o in routine.own_stretches
    )
    return doc


def routine_from_doc(doc: Mapping[str, Any], routine_id: str) -> Routine:
    """Build a routine from :func:`routine_to_doc` output (or the first form); ValueError (or
    KeyError, TypeError) if malformed. Own stretches' text is cleaned as if just typed.

    Whatever a merge of two valid versions gives is read: more than :data:`MAX_STEPS` steps
    (the first ones are kept, the others retired), every step removed (the one removed last
    comes back), more than :data:`MAX_OWN_STRETCHES` own stretches (those the steps name
    first)."""
    fields = _fields(doc)
    if len(fields) > MAX_FIELDS:
        raise ValueError(f"a routine has at most {MAX_FIELDS} fields")
    doses: dict[str, RoutineStep] = {}
    places: dict[str, int | None] = {}
    own: list[OwnStretch] = []
    concurrent = overwritten_versions(doc, FIELD_GROUPS)
    for field, value in fields.items():
        key = field.partition(":")[2]
        if field.startswith(STEP):
            doses[key] = RoutineStep(key, *(value[name] for name in DOSE))
        elif field.startswith(AT):
            places[check_id(key, "step id")] = (
                None if value is None else check_int(value, "place", 0, MAX_FIELDS)
            )
        else:
            others = [v.value.get(field, {}) for v in concurrent.get(field, [])]
            own.append(_own_stretch(key, value, others))
    live = sorted((place, key) for key, place in places.items() if place is not None)
    steps = [doses[key] for _place, key in live if key in doses][:MAX_STEPS]
    if not steps and doses:
        steps = [doses[_removed_last(doc, doses)]]
    named = {step.stretch_id for step in steps}
    own.sort(key=lambda o: (o.stretch_id not in named, o.stretch_id))
    kept = {step.step_id for step in steps}
    retired = sorted((places.keys() | doses.keys()) - kept)[:MAX_RETIRED]
    return Routine(routine_id, tuple(steps), tuple(own[:MAX_OWN_STRETCHES]), tuple(retired))


def _fields(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The stored fields of a routine, the first form's lists turned into them."""
    fields: dict[str, Any] = {}
    for place, s in enumerate(_list(doc.get("steps", []), MAX_STEPS)):
        fields[STEP + check_id(s["id"], "step id")] = {name: s[name] for name in DOSE}
        if AT + s["id"] in fields:
            raise ValueError("a routine's step ids are unique")
        fields[AT + s["id"]] = place
    for o in _list(doc.get("own", []), MAX_OWN_STRETCHES):
        fields[OWN + check_id(o["id"], "stretch id")] = {
            "name": o["name"],
            "note": o.get("note", ""),
        }
    for step_id in _list(doc.get("retired", []), MAX_RETIRED):
        fields[AT + check_id(step_id, "retired step id")] = None
    fields.update((k, v) for k, v in doc.items() if k.startswith((STEP, AT, OWN)))
    return fields


def _own_stretch(stretch_id: str, value: Mapping[str, Any], others: list[Any]) -> OwnStretch:
    """An own stretch as stored, its note joined with the notes ``others`` (the values another
    computer gave it at the same time, kept as overwritten by the merge) hold."""
    notes: list[str] = []
    for note in [value.get("note", ""), *(other.get("note", "") for other in others)]:
        for part in stored_text(note, "stretch note", MAX_KEPT_NOTE_LENGTH).split(NOTES_JOINED_BY):
            joined = NOTES_JOINED_BY.join([*notes, part])
            if part and part not in notes and len(joined) <= MAX_KEPT_NOTE_LENGTH:
                notes.append(part)
    name = stored_text(value["name"], "stretch name", MAX_NAME_LENGTH)
    return OwnStretch(stretch_id, name, NOTES_JOINED_BY.join(notes))


def _removed_last(doc: Mapping[str, Any], doses: Mapping[str, RoutineStep]) -> str:
    """The step whose removal was the latest (a merge of two computers that each removed the
    other's last stretch brings that one back)."""
    versions = expand(doc, FIELD_GROUPS)
    return max(
        doses, key=lambda key: (versions[AT + key].stamp if AT + key in versions else "", key)
    )


def _list(value: object, limit: int) -> list[Any]:
    """``value`` if it is a list of at most ``limit`` items; ValueError otherwise."""
    if not isinstance(value, list) or len(value) > limit:
        raise ValueError(f"expected a list of at most {limit} items")
    return value
