"""Editing an outcome never loses its safety record: red flags and the advice shown."""

from __future__ import annotations

from crampui.checklist.safety_record import flags_on_record, keep_safety_record
from crampui.history import Outcome

FLAGGED = Outcome(True, 8, "lower back", ("leg-pain",), advice_shown=True)


def test_flags_on_record_after_a_cramp() -> None:
    assert flags_on_record(FLAGGED) == ("leg-pain",)
    assert flags_on_record(Outcome(True, 3)) == ()


def test_only_yes_answers_are_shown_again() -> None:
    answered_no = Outcome(True, red_flags=("saddle-numbness",), red_flags_no=("bladder-bowel",))
    assert flags_on_record(answered_no) == ("saddle-numbness",)  # the no is asked afresh
    assert flags_on_record(None) == ()


def test_a_question_answered_neither_time_stays_not_asked() -> None:
    kept = keep_safety_record(None, Outcome(True), ("leg-spread",), ("saddle-numbness",))
    assert kept.answer("leg-spread") is True
    assert kept.answer("saddle-numbness") is False
    assert kept.answer("bladder-bowel") is None


def test_a_yes_stays_a_yes_and_a_no_can_become_a_yes() -> None:
    before = Outcome(True, red_flags=("leg-spread",), red_flags_no=("constant-pain",))
    kept = keep_safety_record(before, Outcome(True), ("constant-pain",), ("leg-spread",))
    assert kept.red_flags == ("leg-spread", "constant-pain")
    assert kept.red_flags_no == ()


def test_answering_no_keeps_the_earlier_flags_and_advice() -> None:
    kept = keep_safety_record(FLAGGED, Outcome(True, 5), ())
    assert (kept.severity, kept.red_flags, kept.advice_shown) == (5, ("leg-pain",), True)


def test_new_flags_are_added_once_each() -> None:
    kept = keep_safety_record(FLAGGED, Outcome(True, 5), ("numbness", "leg-pain"))
    assert kept.red_flags == ("leg-pain", "numbness")
    assert kept.advice_shown


def test_a_first_answer_records_its_flags() -> None:
    assert keep_safety_record(None, Outcome(True), ("weakness",)).red_flags == ("weakness",)
    clean = keep_safety_record(None, Outcome(True), ())
    assert (clean.red_flags, clean.advice_shown) == ((), False)


def test_changing_to_no_cramp_keeps_the_record() -> None:
    kept = keep_safety_record(FLAGGED, Outcome(False))
    assert (kept.cramped, kept.red_flags, kept.advice_shown) == (False, ("leg-pain",), True)
