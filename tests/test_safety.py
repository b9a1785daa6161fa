"""Red flags in two tiers, answers in three states, the nudge pause and the migration (no UI)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from crampui.content.place import CHOICES, place_summary
from crampui.content.safety import (
    ADVICE,
    NERVE_CHECK_ID,
    NERVE_CHECK_YES,
    QUESTIONS,
    SPREADS_INTO_LEG,
    flags_from_spread,
    label,
    nerve_check_yes,
    pausing_advice,
    tier_of,
)
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome, Session
from crampui.history.codec import outcome_from_doc, outcome_to_doc
from crampui.history.entry import FieldNames, Place, parse_outcome, parse_place
from crampui.history.records import REGIONS, SIDES, SPREADS
from crampui.insights.status import status, status_json, status_line

FIXTURE = Path(__file__).parent / "data" / "history-v2-before-tiers.json"
"""A history written by crampui before the tiers (commit 14df53c), by tests' own script:
1 an app cramp with leg pain answered yes, 2 `log --cramp --severity 8`, 3 no cramp,
4 no outcome, 5 an app cramp with numbness and weakness answered yes."""

# -- point 3: two tiers, urgent first ----------------------------------------------------------


def test_every_urgent_sign_of_the_guidance_is_asked() -> None:
    urgent = " ".join(q.text.lower() for q in QUESTIONS if q.tier == "urgent")
    for sign in ("genitals", "urine", "bowels", "both legs", "walking", "accident", "chest pain"):
        assert sign in urgent
    soon = " ".join(q.text.lower() for q in QUESTIONS if q.tier == "soon")
    for sign in ("down one leg", "at night", "keep coming back", "medicine", "weight loss"):
        assert sign in soon


def test_urgent_beats_soon_and_a_yes_is_never_ignored() -> None:
    assert tier_of(["leg-spread"]) == "soon"
    assert tier_of(["leg-spread", "bladder-bowel"]) == "urgent"
    assert tier_of(["a-question-from-the-future"]) == "soon"
    assert tier_of([]) is None
    assert tier_of(["leg-pain"]) == "soon"  # asked before the tiers, still read


def test_the_advice_leads_with_where_to_go_and_how_soon() -> None:
    assert ADVICE["urgent"].lead.startswith("Go to an emergency department")
    assert "now" in ADVICE["urgent"].lead and "999" in ADVICE["urgent"].lead
    assert ADVICE["soon"].lead.startswith("See a GP or physiotherapist within the next few days")
    assert "do not stretch" in ADVICE["soon"].lead


def test_the_content_lists_match_the_tiers(content: Content) -> None:
    urgent = " ".join(content.urgent).lower()
    assert "serious accident" in urgent and "both legs" in urgent
    soon = " ".join(content.see_soon).lower()
    assert "below the knee" in soon and "worse at night" in soon


# -- point 2: three states, stored as such -----------------------------------------------------


def test_answers_are_stored_as_yes_no_or_left_out() -> None:
    outcome = Outcome(True, red_flags=("leg-spread",), red_flags_no=("saddle-numbness",))
    doc = outcome_to_doc(outcome)
    assert doc["red_flag_answers"] == {"leg-spread": "yes", "saddle-numbness": "no"}
    back = outcome_from_doc(doc)
    assert back.answer("leg-spread") is True
    assert back.answer("saddle-numbness") is False
    assert back.answer("bladder-bowel") is None


def test_a_question_cannot_be_both_yes_and_no() -> None:
    with pytest.raises(ValueError, match="both yes and no"):
        Outcome(True, red_flags=("leg-spread",), red_flags_no=("leg-spread",))


def test_labels_read_as_words() -> None:
    assert label("bladder-bowel") == "new bladder or bowel trouble"
    assert label("leg-pain") == "pain that spreads down a leg"
    assert label("unknown-id") == "unknown-id"


# -- point 4: the structured place -------------------------------------------------------------


def test_the_place_is_stored_and_read_back() -> None:
    outcome = Outcome(True, 6, "a band", region="lower", side="left", spread="thigh")
    assert outcome_from_doc(outcome_to_doc(outcome)) == outcome
    assert place_summary(outcome) == "lower back, left, into the thigh, a band"


def test_free_text_where_is_kept_as_written() -> None:
    assert place_summary(Outcome(True, where="lower back, left")) == "lower back, left"


def test_every_place_has_words() -> None:
    assert tuple(CHOICES["region"][1]) == REGIONS
    assert tuple(CHOICES["side"][1]) == SIDES
    assert tuple(CHOICES["spread"][1]) == SPREADS


def test_a_spread_into_the_leg_is_the_nerve_question_answered_yes() -> None:
    assert flags_from_spread("thigh") == ("leg-spread",)
    assert flags_from_spread("back") == ()
    assert flags_from_spread(None) == ()
    assert set(SPREADS_INTO_LEG) < set(SPREADS)


def test_unknown_places_are_refused_by_name() -> None:
    names = FieldNames(region="--region", side="--side", spread="--spread")
    with pytest.raises(ValueError, match="--spread must be one of back, buttock"):
        parse_place("lower", "left", "ankle", names)
    with pytest.raises(ValueError, match="describe a cramp"):
        parse_outcome(False, place=Place(region="lower"))
    assert parse_place(" Lower ", None, "", names) == Place("lower", None, None)


# -- point 9: today's files keep every answer --------------------------------------------------


@pytest.fixture
def migrated(tmp_path: Path) -> list[Session]:
    """The fixture history, opened by this version (oldest first)."""
    path = tmp_path / "history.json"
    shutil.copyfile(FIXTURE, path)
    return sorted(HistoryStore(path).sessions(), key=lambda session: session.seq)


def test_a_v2_record_keeps_its_yes_and_the_questions_it_answered(
    migrated: list[Session],
) -> None:
    app_cramp = migrated[0].outcome
    assert app_cramp is not None
    assert app_cramp.red_flags == ("leg-pain",)
    assert app_cramp.advice_shown
    # the old dialog could only be left with every question answered: the others were a no
    assert set(app_cramp.red_flags_no) == {"numbness", "weakness", "severe-pain"}
    assert app_cramp.where == "lower back, left"  # free text kept as written
    two_yes = migrated[4].outcome
    assert two_yes is not None
    assert (two_yes.answer("numbness"), two_yes.answer("weakness")) == (True, True)
    assert set(two_yes.red_flags_no) == {"leg-pain", "severe-pain"}


def test_a_v2_record_never_asked_stays_not_asked(migrated: list[Session]) -> None:
    cli_cramp = migrated[1].outcome
    assert cli_cramp is not None and (cli_cramp.cramped, cli_cramp.severity) == (True, 8)
    assert (cli_cramp.red_flags, cli_cramp.red_flags_no) == ((), ())
    for question in QUESTIONS:
        assert cli_cramp.answer(question.id) is None
    assert migrated[2].outcome is not None and migrated[2].outcome.red_flags_no == ()
    assert migrated[3].outcome is None


def test_a_migrated_answer_survives_a_save(tmp_path: Path, migrated: list[Session]) -> None:
    store = HistoryStore(tmp_path / "history.json")
    first = migrated[0]
    assert first.outcome is not None
    store.set_outcome(first.id, replace(first.outcome, where="edited"))
    store.compact()  # the saved answer folded into the file
    saved = json.loads(store.store_path.read_text())["sessions"][first.uid]
    assert saved["outcome"]["red_flag_answers"] == {
        "leg-pain": "yes",
        "numbness": "no",
        "weakness": "no",
        "severe-pain": "no",
    }
    assert saved["outcome"]["red_flags"] == ["leg-pain"]  # what older versions read


# -- point 6: the nerve check ------------------------------------------------------------------


def test_the_nerve_check_is_a_safety_check_question(content: Content) -> None:
    check = next(item for item in content.checklist if item.id == NERVE_CHECK_ID)
    assert check.is_safety_check
    assert check.label == "Any numbness, tingling, weakness or pain down a leg today?"
    assert "prevent" not in check.detail.lower()
    assert [item.id for item in content.checklist if item.is_safety_check] == [NERVE_CHECK_ID]


def test_content_refuses_an_unknown_item_kind(tmp_path: Path) -> None:
    from crampui.content.store import ContentError, content_path, load_content

    data = json.loads(content_path().read_text(encoding="utf-8"))
    data["checklist"]["1"]["kind"] = "ritual"
    path = tmp_path / "content.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match="kind 'ritual'"):
        load_content(path)


def test_faq_2_says_what_to_do_when_it_went_into_the_leg(content: Content) -> None:
    answer = next(faq for faq in content.faqs if faq.number == 2).answer
    assert "buttock or leg" in answer and "stop stretching for today" in answer
    assert "within days" in answer
    assert "within a few minutes" in answer


# -- point 7: no nudge for 14 days after advice ------------------------------------------------


def session(number: int, day: date, outcome: Outcome | None = None, *items: ItemRecord) -> Session:
    """Session ``number`` saved at 18:00 UTC on ``day``."""
    saved = datetime(day.year, day.month, day.day, 18, tzinfo=timezone.utc)
    if outcome is not None:
        outcome = replace(outcome, recorded_at=saved)
    return Session(number, number, saved, tuple(items), outcome=outcome)


ADVISED = Outcome(True, 7, red_flags=("leg-spread",), advice_shown=True)


def test_advice_replaces_the_nudge_for_14_days() -> None:
    today = date(2026, 11, 20)
    history = [session(1, date(2026, 11, 1)), session(2, date(2026, 11, 16), ADVISED)]
    before = status(history[:1], today, target=3, tz=timezone.utc)
    assert before.due and "a session is due" in status_line(before)
    paused = status(history, today, target=3, tz=timezone.utc)
    assert not paused.due
    line = status_line(paused)
    assert "a session is due" not in line
    assert "advice shown Mon: checked yet? (crampui status --checked)" in line
    assert status_json(paused)["advice_to_get_checked"] == {"session": 2, "date": "2026-11-16"}
    later = status(history, date(2026, 12, 1), target=3, tz=timezone.utc)
    assert later.advice is None and later.due  # 15 days on


def test_saying_it_was_checked_brings_the_nudge_back() -> None:
    history = [session(1, date(2026, 11, 16), ADVISED)]
    answered = status(history, date(2026, 11, 20), 3, timezone.utc, checked_session=1)
    assert answered.advice is None and answered.due


def test_a_yes_to_the_nerve_check_pauses_too() -> None:
    said_yes = ItemRecord(NERVE_CHECK_ID, "skipped", NERVE_CHECK_YES)
    checked = session(1, date(2026, 11, 18), None, said_yes)
    assert nerve_check_yes(checked)
    assert pausing_advice([checked], date(2026, 11, 20), tz=timezone.utc) == (
        checked,
        date(2026, 11, 18),
    )
    state = status([checked], date(2026, 11, 20), 3, timezone.utc)
    assert state.missing_outcomes == ()  # no stretching that day: no outcome to ask for
    assert state.advice == (1, date(2026, 11, 18))
    assert not nerve_check_yes(
        session(2, date(2026, 11, 18), None, ItemRecord(NERVE_CHECK_ID, "done"))
    )


def test_the_newest_advice_counts() -> None:
    old = session(1, date(2026, 11, 1), ADVISED)
    newer = session(2, date(2026, 11, 12), ADVISED)
    assert pausing_advice([newer, old], date(2026, 11, 20), checked_session=1, tz=timezone.utc)
    assert pausing_advice([newer, old], date(2026, 11, 20), checked_session=2) is None
