"""The report's figures: sessions turned into the story, weeks, cramps and cleaned text (pure).

The adapter functions at the top are the ONLY code in the report that reads red-flag answers,
"where", advice and the patterns: :func:`red_flag_state`, :func:`nerve_flags`,
:func:`advice_checked`, :func:`where_parts`, :func:`report_patterns` and :func:`report_weeks`.
They read the three-state red-flag answers (yes, no, not asked), the structured place (free
text when there is none) and the ``checked_session`` setting. Patterns, the count of cramps and the
weeks' figures are :mod:`crampui.insights.patterns`' and :mod:`crampui.insights.trends`' (the rules
History uses), never worked out again here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, tzinfo
from statistics import median
from typing import Any, Literal

from crampui.checklist import items as checklist_items
from crampui.checklist.routines import stretch_label
from crampui.content import safety
from crampui.content.place import CHOICES, place_summary
from crampui.content.store import Content
from crampui.history import CrampEpisode, Outcome, Session
from crampui.history.item_settings import ItemSetting
from crampui.insights.patterns import (
    describe,
    describe_stretch,
    find_patterns,
    item_frequency,
    safety_check_ids,
    session_cramped,
    session_cramps,
    session_stretch_rates,
)
from crampui.insights.trends import TREND_WEEKS, WeekTrend, week_start, weekly_trends
from crampui.usertext import MAX_USER_TEXT, clean_user_text

RECENT_DAYS = 28
"""The story compares the last four weeks of the period with the weeks before."""

NERVE_WORDS = re.compile(
    r"tingl\w*|numb\w*|pins and needles|sciatic\w*|shooting|electric shock|burning"
    r"|down (?:my|the|a|one|both|his|her)?\s*(?:left |right )?legs?"
    r"|(?:into|in) (?:my|the|a|one|both)?\s*(?:left |right )?"
    r"(?:legs?|buttocks?|thighs?|calf|foot|feet)"
    r"|(?:leg|foot|feet|calf|thigh|buttock)s? (?:pain|ache|aching|weak\w*)"
    r"|weak\w* (?:in |of )?(?:my |the |a )?(?:left |right )?(?:leg|foot|knee)s?",
    re.IGNORECASE,
)
"""Words that tell of a leg or nerve symptom in a note, a skip reason or a place."""

_SPREAD_WORDS = (
    ("below the knee", re.compile(r"\b(?:knee|calf|calves|shin|ankle|foot|feet|toes?)\b", re.I)),
    ("thigh", re.compile(r"\b(?:thighs?|hamstrings?|groin)\b", re.I)),
    ("buttock", re.compile(r"\b(?:buttocks?|glutes?|bum|hip)\b", re.I)),
    ("leg", re.compile(r"\blegs?\b", re.I)),
)
"""How far a cramp spread, furthest first, by the words of a free-text place."""
_PLACE_SYNONYMS = {"low": "lower", "mid": "middle", "l": "left", "r": "right", "lumbar": "lower"}
_PLACE_FILLER = frozenset({"the", "of", "my", "in", "on", "at", "a", "and", "side", "part", "area"})

RedFlagState = Literal["yes", "no", "not asked"]


def plain(text: str) -> str:
    """User text without control characters or escape sequences, one line, bounded."""
    return clean_user_text(text[: MAX_USER_TEXT * 2], max_length=MAX_USER_TEXT * 2)


def flag_label(flag_id: str) -> str:
    """A red-flag question in a few words ("new bladder or bowel trouble"); an id crampui
    does not know as words: "leg-pain" → "leg pain"."""
    return plain(safety.label(flag_id)).replace("-", " ")


# -- the adapter: the only code that reads red flags, "where", advice and patterns ------------


@dataclass(frozen=True)
class RedFlagAnswer:
    """Whether the red-flag questions were asked after a cramp, and which were answered yes."""

    state: RedFlagState
    yes: tuple[str, ...] = ()
    """The red flags answered yes, as words."""


def red_flag_state(outcome: Outcome | None) -> RedFlagAnswer:
    """The red-flag answers of ``outcome``: "yes" (with the questions answered yes), "no"
    when answered and none was yes, "not asked" when no question was answered (or there is
    no outcome). Older records read as the history's migration defines them (see
    :func:`crampui.history.codec.red_flag_answers`)."""
    if outcome is None:
        return RedFlagAnswer("not asked")
    if outcome.red_flags:
        return RedFlagAnswer("yes", tuple(flag_label(flag) for flag in outcome.red_flags))
    return RedFlagAnswer("no" if outcome.red_flags_no else "not asked")


def nerve_flags(outcome: Outcome) -> tuple[str, ...]:
    """The leg or nerve red-flag questions (:data:`crampui.content.safety.NERVE_QUESTION_IDS`)
    answered yes in ``outcome``, as words."""
    return tuple(
        flag_label(flag) for flag in outcome.red_flags if flag in safety.NERVE_QUESTION_IDS
    )


def advice_checked(session_id: int, checked_session: int) -> bool:
    """Whether the person said the advice shown after session ``session_id`` was acted on
    (the ``checked_session`` setting covers it and every earlier session)."""
    return 0 < session_id <= checked_session


@dataclass(frozen=True)
class Place:
    """Where a cramp was, grouped: the same place typed three ways has one key."""

    key: tuple[str, ...]
    text: str
    """The place as the person typed it (cleaned)."""
    spread: str
    """How far it spread ("buttock", "thigh", "below the knee", "leg"), or "" for the back."""


_SPREAD_OF = {"back": "", "buttock": "buttock", "thigh": "thigh", "below-knee": "below the knee"}
"""The structured ``spread`` in the report's words ("" for the back only)."""


def where_parts(outcome: Outcome) -> Place | None:
    """Where ``outcome``'s cramp was, or None when no place was given.

    The structured place (region, side, spread) is used when there is one, with the person's
    own words after it; free text alone is grouped by its words, in any order and with any
    punctuation: "lower back right", "lower back, right" and "right lower back" are one place.
    """
    text = plain(place_summary(outcome)).strip()
    if not text:
        return None
    structured = tuple(f"{name}={value}" for name in CHOICES if (value := getattr(outcome, name)))
    words = [_PLACE_SYNONYMS.get(word, word) for word in re.findall(r"\w+", outcome.where.lower())]
    free = tuple(sorted({word for word in words if word not in _PLACE_FILLER}))
    key = (*structured, *free) or (text,)
    if outcome.spread is not None:
        spread = _SPREAD_OF[outcome.spread]
    else:
        spread = next((name for name, pattern in _SPREAD_WORDS if pattern.search(text)), "")
    return Place(key, text, spread)


@dataclass(frozen=True)
class ReportWeek(WeekTrend):
    """A week of :func:`crampui.insights.trends.weekly_trends` with the days of it inside the
    period; ``partial`` here means the period holds less than the whole week (the first or the
    running one), not only "this week so far"."""

    days: int = 7
    """Days of this week inside the period (7 unless it is the first or the running week)."""

    @property
    def per_session(self) -> float | None:
        """Cramps per session, or None for a week without sessions (a gap, not a zero)."""
        return self.cramps / self.sessions if self.sessions else None


def report_weeks(weeks: Sequence[WeekTrend], since: date, until: date) -> tuple[ReportWeek, ...]:
    """``weeks`` with the days each covers between ``since`` and ``until``."""
    found = []
    for week in weeks:
        days = (min(week.end, until) - max(week.start, since)).days + 1
        figures = {field.name: getattr(week, field.name) for field in fields(WeekTrend)}
        found.append(ReportWeek(**(figures | {"partial": days < 7}), days=days))
    return tuple(found)


def report_patterns(
    sessions: Sequence[Session],
    labels: dict[str, str],
    safety_checks: frozenset[str],
    stretch_names: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The patterns History shows (:func:`crampui.insights.patterns.find_patterns`: enough sessions
    on each side, rates far enough apart, never a safety check), strongest first, in its
    words (:func:`crampui.insights.patterns.describe`); then, as History does, each stretch done in
    enough sessions with the share it had a cramp in, named by ``stretch_names`` (the stored
    routine's, own stretches too; None: the starter set's)."""
    found = find_patterns(sessions, list(labels), safety_checks)
    strongest = sorted((*found.fewer_with, *found.more_with), key=lambda a: -abs(a.difference))
    stretches = tuple(
        describe_stretch(rate, plain(stretch_label(stretch_names, rate.stretch_id)))
        for rate in session_stretch_rates(sessions)
    )
    return tuple(describe(a, plain(labels[a.item_id])) for a in strongest) + stretches


# -- the figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symptom:
    """A leg or nerve symptom the person reported: where it was written, what it said, when
    (every time the same words were given, oldest first)."""

    source: str
    """ "red-flag answer", "where it cramped", "note" or "skip reason"."""
    text: str
    dates: tuple[datetime, ...]


@dataclass(frozen=True)
class Cramp:
    """A cramp of the period: a cramped session (with its timed cramps) or one logged alone."""

    at: datetime
    session_id: int | None
    severity: int | None
    place: Place | None
    red_flags: RedFlagAnswer
    advice_shown: bool
    advice_checked: bool
    """The person said the advice was acted on (see :func:`advice_checked`)."""
    timed: tuple[CrampEpisode, ...]


@dataclass(frozen=True)
class Person:
    """The optional name and date of birth a clinic files the report under."""

    name: str = ""
    birth: date | None = None

    @classmethod
    def from_settings(cls, name: str, birth: str) -> Person:
        """The person named in the settings (``birth`` is "" or YYYY-MM-DD, already checked)."""
        return cls(name.strip(), date.fromisoformat(birth) if birth else None)


NOBODY = Person()
"""No name and no date of birth: the default."""


@dataclass(frozen=True)
class ReportData:
    """Every figure in the report, user text already cleaned (not yet escaped)."""

    since: date
    until: date
    generated: datetime
    sessions: tuple[Session, ...]
    """Sessions in the period, oldest first."""
    items: tuple[tuple[str, int, int, int], ...]
    """(label, done, skipped, listed) per checklist item."""
    weeks: tuple[ReportWeek, ...]
    cramps: tuple[Cramp, ...]
    """Every cramp of the period, oldest first."""
    places: tuple[tuple[str, int, str], ...]
    """(place as typed, times, spread) per group of places, most often first."""
    symptoms: tuple[Symptom, ...]
    """Every leg or nerve symptom ever reported (not only in the period), oldest first."""
    patterns: tuple[str, ...]
    """Each habit that went with clearly more or fewer cramps, as rates with counts."""
    notes: tuple[tuple[datetime, str], ...]
    disclaimer: str
    tz: tzinfo | None
    person: Person = NOBODY
    stretch_names: Mapping[str, str] | None = None
    """The stored routine's stretch names, own stretches too (None: the starter set's)."""

    @property
    def cramped(self) -> int:
        """Sessions in the period that cramped (a cramped outcome or a timed cramp)."""
        return sum(week.cramped for week in self.weeks)

    @property
    def cramp_count(self) -> int:
        """Cramps in the period: timed cramps, or one per cramped session, and lone cramps."""
        return sum(week.cramps for week in self.weeks)

    @property
    def ratings(self) -> tuple[tuple[datetime, int], ...]:
        """(when, severity) of every cramp with a recorded rating, oldest first."""
        return tuple((c.at, c.severity) for c in self.cramps if c.severity is not None)

    @property
    def recent_since(self) -> date:
        """The first day of the last :data:`RECENT_DAYS` of the period."""
        return max(self.since, self.until - timedelta(days=RECENT_DAYS - 1))

    def split(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """(sessions, cramps) before :attr:`recent_since`, and from it to the end (cramps
        counted by :func:`crampui.insights.patterns.session_cramps`, each lone cramp once)."""
        before, recent = [0, 0], [0, 0]
        for session in self.sessions:
            half = recent if self.local(session.saved_at).date() >= self.recent_since else before
            half[0] += 1
            half[1] += session_cramps(session)
        for cramp in self.cramps:
            if cramp.session_id is None:
                half = recent if self.local(cramp.at).date() >= self.recent_since else before
                half[1] += 1
        return (before[0], before[1]), (recent[0], recent[1])

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the report's timezone."""
        return moment.astimezone(self.tz)


def default_since(until: date) -> date:
    """The Monday :data:`~crampui.insights.trends.TREND_WEEKS` weeks back, like the History
    chart."""
    return week_start(until) - timedelta(weeks=TREND_WEEKS - 1)


def typical_severity(ratings: Sequence[int]) -> float | None:
    """The median of recorded ratings (None without any)."""
    return median(ratings) if ratings else None


def leg_symptoms(sessions: Iterable[Session]) -> list[Symptom]:
    """Every leg or nerve symptom in ``sessions`` (red-flag answers, places, notes, skip
    reasons), the same words given again grouped with all their dates, the latest last."""
    found: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for session in sessions:
        outcome = session.outcome
        for item in session.items:
            if item.reason and NERVE_WORDS.search(item.reason):
                found["skip reason", plain(item.reason)].append(session.saved_at)
        if session.note and NERVE_WORDS.search(session.note):
            found["note", plain(session.note)].append(session.saved_at)
        if outcome is None:
            continue
        at = outcome.recorded_at or session.saved_at
        if flags := nerve_flags(outcome):
            found["red-flag answer", "yes to " + ", ".join(flags)].append(at)
        place = where_parts(outcome)
        if place is not None and (place.spread or NERVE_WORDS.search(place.text)):
            found["where it cramped", place.text].append(at)
    symptoms = [
        Symptom(source, text, tuple(sorted(dates))) for (source, text), dates in found.items()
    ]
    return sorted(symptoms, key=lambda symptom: symptom.dates[-1])


SYMPTOM_FIELDS = ("note", "where", "region", "side", "spread", "red_flag_answers", "red_flags")
"""The fields of a stored outcome that :func:`leg_symptoms` may find a symptom in (an older
session kept a second note there)."""


def may_hold_symptom(doc: Mapping[str, Any]) -> bool:
    """Whether a stored session document (:func:`crampui.history.codec.session_to_doc`) has
    anything :func:`leg_symptoms` looks at: a note, a skip reason, a place or a red-flag answer.
    The report builds the sessions outside its period only when this says so."""
    outcome = doc.get("outcome")
    if doc.get("note") or doc.get("reasons"):
        return True
    return isinstance(outcome, Mapping) and any(outcome.get(name) for name in SYMPTOM_FIELDS)


def _grouped_places(places: Iterable[Place]) -> tuple[tuple[str, int, str], ...]:
    """Places grouped by key, each shown as its most common spelling, most often first."""
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    spreads: dict[tuple[str, ...], str] = {}
    for place in places:
        groups[place.key][place.text] += 1
        spreads[place.key] = spreads.get(place.key) or place.spread
    rows = [
        (spellings.most_common(1)[0][0], spellings.total(), spreads[key])
        for key, spellings in groups.items()
    ]
    return tuple(sorted(rows, key=lambda row: (-row[1], row[0].lower())))


def _session_cramp(session: Session, checked_session: int) -> Cramp:
    """The cramp of a cramped session, with its timed cramps."""
    outcome = session.outcome
    return Cramp(
        at=session.saved_at,
        session_id=session.id,
        severity=outcome.severity if outcome and outcome.cramped else None,
        place=where_parts(outcome) if outcome else None,
        red_flags=red_flag_state(outcome),
        advice_shown=bool(outcome and outcome.advice_shown),
        advice_checked=advice_checked(session.id, checked_session),
        timed=session.episodes,
    )


def _cramps(
    sessions: Iterable[Session], loose: Iterable[CrampEpisode], checked_session: int
) -> list[Cramp]:
    """The cramps of ``sessions`` (one per cramped session, see
    :func:`crampui.insights.patterns.session_cramped`) and the ``loose`` ones."""
    cramps = [
        _session_cramp(session, checked_session) for session in sessions if session_cramped(session)
    ]
    cramps += [
        Cramp(episode.at, None, None, None, red_flag_state(None), False, False, (episode,))
        for episode in loose
    ]
    return sorted(cramps, key=lambda cramp: cramp.at)


def gather(
    sessions: Iterable[Session],
    content: Content,
    since: date,
    until: date,
    generated: datetime,
    loose: Iterable[CrampEpisode] = (),
    tz: tzinfo | None = None,
    settings: Sequence[ItemSetting] = (),
    person: Person = NOBODY,
    checked_session: int = 0,
    stretch_names: Mapping[str, str] | None = None,
) -> ReportData:
    """The report's figures for sessions saved from ``since`` to ``until`` (local dates).

    ``checked_session`` is the setting: the newest session whose advice the person said was
    acted on. ``stretch_names`` name the stretches (the stored routine's, own stretches too,
    from :func:`crampui.checklist.routines.stored_stretch_names`; None: the starter set's).

    ``settings`` are the user's checklist: items are named as the user named them, own and
    hidden items included, so each session is judged by the items it had. Leg or nerve
    symptoms are taken from every session, not only the period's.
    """
    if since > until:
        raise ValueError(f"the period starts ({since}) after it ends ({until})")

    def in_period(moment: datetime) -> bool:
        return since <= moment.astimezone(tz).date() <= until

    everything = list(sessions)
    chosen = sorted((s for s in everything if in_period(s.saved_at)), key=lambda s: s.seq)
    loose_in = [episode for episode in loose if in_period(episode.at)]
    trends = weekly_trends(
        chosen,
        until,
        weeks=(week_start(until) - week_start(since)).days // 7 + 1,
        tz=tz,
        loose=loose_in,
    )
    known = checklist_items.labels(content, settings)
    had = [item.item_id for session in chosen for item in session.items]
    labels = {item_id: known.get(item_id, item_id) for item_id in dict.fromkeys([*known, *had])}
    frequencies = item_frequency(chosen, list(labels))
    cramps = _cramps(chosen, loose_in, checked_session)
    notes = [(s.saved_at, plain(s.note)) for s in chosen if s.note.strip()]
    return ReportData(
        since=since,
        until=until,
        generated=generated,
        sessions=tuple(chosen),
        items=tuple(
            (labels[f.item_id], f.done, f.skipped, f.total) for f in frequencies if f.total
        ),
        weeks=report_weeks(trends, since, until),
        cramps=tuple(cramps),
        places=_grouped_places(c.place for c in cramps if c.place is not None),
        symptoms=tuple(leg_symptoms(everything)),
        patterns=report_patterns(
            chosen, labels, safety_check_ids(content.checklist), stretch_names
        ),
        notes=tuple(sorted(notes)),
        disclaimer=content.disclaimer,
        tz=tz,
        person=person,
        stretch_names=stretch_names,
    )
