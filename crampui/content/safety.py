"""Red flags in two tiers: the questions, where to go and how soon (no Textual).

The one home of the safety questions asked after a cramp, the tier each belongs to and the
advice that leads with where to go, as in ``shared/SAFETY.md``: *urgent* (emergency department
or the emergency number now) beats *soon* (GP or physiotherapist within days, no stretching
until checked). A question is "not asked", "yes" or "no"; nothing here answers one for the
person. The ids of the four questions crampui asked before (``numbness``, ``leg-pain``,
``weakness``, ``severe-pain``) stay readable, so earlier answers keep their meaning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Literal

from crampui.history.records import Outcome, Session

Tier = Literal["urgent", "soon"]

PAUSE_DAYS = 14
"""After advice to get checked, crampui stops nudging for this many days (or until checked)."""

NERVE_CHECK_ID = "no-nerve-symptoms"
"""The checklist's nerve check (its id is kept, so older sessions read the same)."""

NERVE_CHECK_QUESTION = "Any numbness, tingling, weakness or pain down a leg today?"
"""The nerve check, asked as a question."""

NERVE_CHECK_YES = "Yes: numbness, tingling, weakness or pain down a leg; no stretching today"
"""How a yes to the nerve check is recorded on its item (the reason it was skipped)."""

NERVE_CHECK_YES_FLAG = "leg-symptoms-today"
"""The red flag a yes to the nerve check stands for (its advice is the soon tier's)."""

LEG_SPREAD_ID = "leg-spread"
"""The soon-tier question about pain, tingling or numbness spreading down one leg."""


@dataclass(frozen=True)
class Question:
    """One red-flag question and the tier a yes to it belongs to."""

    id: str
    text: str
    tier: Tier
    label: str
    """A few words for records and the report: "saddle numbness"."""


QUESTIONS: tuple[Question, ...] = (
    Question(
        "saddle-numbness",
        "Numbness or tingling around the genitals, buttocks or inner thighs?",
        "urgent",
        "numbness around the genitals, buttocks or inner thighs",
    ),
    Question(
        "bladder-bowel",
        "New trouble passing or holding urine, or controlling your bowels?",
        "urgent",
        "new bladder or bowel trouble",
    ),
    Question(
        "both-legs",
        "Numbness, tingling or weakness in both legs, weakness that is getting worse, "
        "or difficulty walking?",
        "urgent",
        "numbness or weakness in both legs, or difficulty walking",
    ),
    Question(
        "serious-accident",
        "Did the back pain start after a serious accident, such as a car crash or a bad fall?",
        "urgent",
        "back pain after a serious accident",
    ),
    Question(
        "very-unwell",
        "Chest pain, a fever, or feeling very unwell?",
        "urgent",
        "chest pain, fever or feeling very unwell",
    ),
    Question(
        LEG_SPREAD_ID,
        "Pain, tingling or numbness spreading down one leg?",
        "soon",
        "pain, tingling or numbness down one leg",
    ),
    Question(
        "constant-pain",
        "Pain that is always there, not eased by rest, or worse at night?",
        "soon",
        "constant pain, not eased by rest or worse at night",
    ),
    Question(
        "cramps-persist",
        "Cramps that keep coming back, last long, or are very painful?",
        "soon",
        "cramps that keep coming back, last long or are very painful",
    ),
    Question(
        "medicine-or-weakness",
        "Did the cramps start after a new medicine, or come with weakness or loss of feeling?",
        "soon",
        "after a new medicine, or with weakness or loss of feeling",
    ),
    Question(
        "other-warning-signs",
        "A recent fall or injury, weight loss you cannot explain, a history of cancer, "
        "or a lump or change in the shape of your back?",
        "soon",
        "a fall or injury, weight loss, a history of cancer, or a lump or change in shape",
    ),
)
"""The questions asked after a cramp, urgent ones first."""

EARLIER_QUESTIONS: tuple[Question, ...] = (
    Question("numbness", "Numbness or tingling?", "soon", "numbness or tingling"),
    Question("leg-pain", "Pain that spreads down a leg?", "soon", "pain that spreads down a leg"),
    Question("weakness", "Weakness in a leg?", "soon", "weakness in a leg"),
    Question(
        "severe-pain",
        "Severe pain, or pain that will not go away?",
        "soon",
        "severe pain, or pain that will not go away",
    ),
    Question(
        NERVE_CHECK_YES_FLAG,
        NERVE_CHECK_QUESTION,
        "soon",
        "numbness, tingling, weakness or pain down a leg (checklist)",
    ),
)
"""Questions asked before this version (and the checklist's nerve check): kept for reading."""

NERVE_QUESTION_IDS = frozenset(
    {
        "saddle-numbness",
        "both-legs",
        LEG_SPREAD_ID,
        "medicine-or-weakness",
        "numbness",
        "leg-pain",
        "weakness",
        NERVE_CHECK_YES_FLAG,
    }
)
"""The questions (current and earlier) about leg or nerve symptoms: numbness, tingling,
weakness or pain in the legs or saddle area."""

_ALL = {question.id: question for question in (*QUESTIONS, *EARLIER_QUESTIONS)}


@dataclass(frozen=True)
class TierAdvice:
    """What to do for a tier: where to go and how soon (the lead), then why."""

    title: str
    lead: str
    then: str


ADVICE: dict[Tier, TierAdvice] = {
    "urgent": TierAdvice(
        title="Get medical help now",
        lead=(
            "Go to an emergency department (A&E) now, or call the emergency number "
            "(999 in the UK, 911 in North America, 112 in the EU). Do not wait for an "
            "appointment."
        ),
        then="Stop stretching. These signs need a doctor the same day; crampui cannot tell "
        "what is causing them.",
    ),
    "soon": TierAdvice(
        title="Please get this checked within days",
        lead="See a GP or physiotherapist within the next few days, and do not stretch "
        "again until you have been checked.",
        then="These signs can mean a nerve or another condition is involved. crampui cannot "
        "tell what is causing them.",
    ),
}
"""The advice for each tier."""

URGENT_SIGNS = "Emergency department or emergency number now, for back pain with"
SOON_SIGNS = "GP or physiotherapist within days (no stretching until checked) for"
URGENT_AS_WELL = "Go to an emergency department now instead if you also have"
"""Headings of the lists of signs: urgent, soon, and urgent below a soon answer."""

SPREADS_INTO_LEG = ("buttock", "thigh", "below-knee")
"""The ``spread`` values that reach the leg: the soon tier's nerve question is a yes."""

CLI_WATCH_LINE = (
    "Safety questions not asked yet: watch for numbness, tingling or pain spreading into the "
    "buttock or leg (see `crampui cause 9`), and answer them with o in History."
)
"""The calm line `crampui log --cramp` prints."""


def question(question_id: str) -> Question | None:
    """The question with this id (current or earlier), or None for an id crampui never asked."""
    return _ALL.get(question_id)


def label(question_id: str) -> str:
    """A few words for an answered question; the id itself for an unknown one."""
    found = question(question_id)
    return question_id if found is None else found.label


def tier_of(flagged: Iterable[str]) -> Tier | None:
    """The most urgent tier among the ``flagged`` (answered yes) ids, or None.

    An id crampui does not know counts as soon: a yes is never ignored.
    """
    tiers = {found.tier if (found := question(flag)) else "soon" for flag in flagged}
    if "urgent" in tiers:
        return "urgent"
    return "soon" if tiers else None


def flags_from_spread(spread: str | None) -> tuple[str, ...]:
    """The yes a spread into the leg implies (the person chose it), else none."""
    return (LEG_SPREAD_ID,) if spread in SPREADS_INTO_LEG else ()


def nerve_check_yes(session: Session) -> bool:
    """Whether the run's nerve check was answered yes (stretching skipped that day)."""
    return any(
        record.item_id == NERVE_CHECK_ID
        and record.state == "skipped"
        and record.reason == NERVE_CHECK_YES
        for record in session.items
    )


def advice_moment(session: Session) -> datetime | None:
    """When advice to get checked was shown for ``session``, or None if it was not."""
    outcome: Outcome | None = session.outcome
    if outcome is not None and outcome.advice_shown:
        return outcome.recorded_at or session.saved_at
    return session.saved_at if nerve_check_yes(session) else None


def pausing_advice(
    sessions: Iterable[Session], today: date, checked_session: int = 0, tz: tzinfo | None = None
) -> tuple[Session, date] | None:
    """The newest session whose advice pauses the nudges on ``today``, and the day it was
    shown; None when nothing pauses them.

    Advice pauses them for :data:`PAUSE_DAYS`, or until the person says they have been
    checked (``checked_session``: the newest session whose advice they answered; 0 for none).
    """
    shown = [(moment, session) for session in sessions if (moment := advice_moment(session))]
    if not shown:
        return None
    moment, session = max(shown, key=lambda pair: (pair[0], pair[1].seq))
    day = moment.astimezone(tz).date()
    if session.id <= checked_session or (today - day).days > PAUSE_DAYS:
        return None
    return session, day
