"""Streaks, a calendar heatmap, item counts, item–cramp patterns and the one count of cramps
(pure functions).

Everything here takes sessions in and returns plain values: no I/O, no Textual, no clock.
Days are local calendar dates (``tz``, default the computer's timezone). A pattern is worded
as rates with their counts: it never claims that doing or skipping an item causes anything,
and a safety check is never treated as a habit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from crampui.history import ITEM_STATES, CrampEpisode, Session

if TYPE_CHECKING:
    from crampui.content.store import ChecklistItem

MIN_EACH = 8
"""Sessions with an outcome needed on each side (item done, not done) before comparing."""
MIN_GAP_PERCENT = 20
"""How far apart, in percentage points, the two cramp rates must be to be called a pattern."""
CHANGED_TOGETHER = (
    "Habits and cramps may both have changed over the same weeks, so a pattern can come from "
    "that rather than from the habit."
)


@dataclass(frozen=True)
class Streaks:
    """Consecutive days with at least one saved session."""

    current: int
    """The run ending today, or yesterday if nothing is saved today yet (else 0)."""
    best: int
    """The longest run ever."""


@dataclass(frozen=True)
class ItemFrequency:
    """How often one checklist item was done and skipped."""

    item_id: str
    done: int
    skipped: int
    total: int
    """Sessions that list the item at all (done, skipped or left pending)."""


@dataclass(frozen=True)
class Association:
    """Cramp counts for sessions with an item done versus not done (skipped or pending)."""

    item_id: str
    cramped_without: int
    total_without: int
    cramped_with: int
    total_with: int

    @property
    def rate_with(self) -> float:
        """The share of sessions with the item done that cramped."""
        return self.cramped_with / self.total_with

    @property
    def rate_without(self) -> float:
        """The share of sessions without the item done that cramped."""
        return self.cramped_without / self.total_without

    @property
    def is_pattern(self) -> bool:
        """Whether the two rates are at least :data:`MIN_GAP_PERCENT` points apart (worked
        out in whole numbers, so exactly 20 points counts)."""
        gap = abs(self.cramped_with * self.total_without - self.cramped_without * self.total_with)
        return gap * 100 >= MIN_GAP_PERCENT * self.total_with * self.total_without

    @property
    def difference(self) -> float:
        """The share of sessions that cramped with the item done, minus the share without it:
        above 0 for more cramps with it, below 0 for fewer."""
        return self.rate_with - self.rate_without


@dataclass(frozen=True)
class Patterns:
    """The associations that are patterns, in two kinds, each strongest (largest difference)
    first."""

    more_with: list[Association]
    """Items that went with more cramps when done."""
    fewer_with: list[Association]
    """Items that went with fewer cramps when done."""
    compared: int = 0
    """How many items had enough sessions to compare (patterns or not)."""


def session_days(sessions: Iterable[Session], tz: tzinfo | None = None) -> Counter[date]:
    """How many sessions were saved on each local date."""
    return Counter(session.saved_at.astimezone(tz).date() for session in sessions)


def streaks(sessions: Iterable[Session], today: date, tz: tzinfo | None = None) -> Streaks:
    """The current and best runs of consecutive days with a saved session."""
    days = sorted(session_days(sessions, tz))
    best = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    alive = previous is not None and today - previous <= timedelta(days=1)
    return Streaks(current=run if alive else 0, best=best)


def heatmap(
    sessions: Iterable[Session], today: date, weeks: int = 12, tz: tzinfo | None = None
) -> list[list[int | None]]:
    """Sessions per day: 7 rows (Monday to Sunday) by ``weeks`` columns, oldest week first.

    The last column is the week holding ``today``; its days after today are None.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    counts = session_days(sessions, tz)
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    grid: list[list[int | None]] = []
    for weekday in range(7):
        row: list[int | None] = []
        for week in range(weeks):
            day = first + timedelta(days=weekday, weeks=week)
            row.append(None if day > today else counts.get(day, 0))
        grid.append(row)
    return grid


def item_frequency(sessions: Iterable[Session], item_ids: Sequence[str]) -> list[ItemFrequency]:
    """For each of ``item_ids`` (in that order): sessions where it was done, skipped, listed."""
    states = Counter((item.item_id, item.state) for session in sessions for item in session.items)
    return [
        ItemFrequency(
            item_id,
            done=states[item_id, "done"],
            skipped=states[item_id, "skipped"],
            total=sum(states[item_id, state] for state in ITEM_STATES),
        )
        for item_id in item_ids
    ]


def safety_check_ids(items: Iterable[ChecklistItem]) -> frozenset[str]:
    """The ids of ``items`` that check for warning signs (their ``kind``), not habits: never
    shown as a pattern."""
    return frozenset(item.id for item in items if item.is_safety_check)


def associations(
    sessions: Iterable[Session],
    item_ids: Sequence[str],
    safety_checks: Collection[str],
    min_each: int = MIN_EACH,
) -> list[Association]:
    """Cramp counts with and without each habit, over sessions that have an outcome.

    "Without" means the session lists the item but did not do it (skipped or pending). Items
    with fewer than ``min_each`` sessions on either side are left out: too few to compare.
    Safety checks (``safety_checks``, see :func:`safety_check_ids`) are never compared.
    """
    counts = {item_id: [0, 0, 0, 0] for item_id in item_ids if item_id not in safety_checks}
    for session in sessions:
        if session.outcome is None:
            continue
        cramped = int(session.outcome.cramped)
        for item in session.items:
            tally = counts.get(item.item_id)
            if tally is not None:
                offset = 2 if item.state == "done" else 0
                tally[offset] += cramped
                tally[offset + 1] += 1
    return [
        Association(item_id, *tally)
        for item_id, tally in counts.items()
        if tally[1] >= min_each and tally[3] >= min_each
    ]


def ranked(found: Iterable[Association]) -> Patterns:
    """The patterns in ``found`` split into more and fewer cramps with the item, strongest
    first.

    Ties keep their order in ``found``; rates less than :data:`MIN_GAP_PERCENT` points apart
    are no pattern.
    """
    found = list(found)
    patterns = (association for association in found if association.is_pattern)
    strongest = sorted(patterns, key=lambda association: -abs(association.difference))
    return Patterns(
        more_with=[association for association in strongest if association.difference > 0],
        fewer_with=[association for association in strongest if association.difference < 0],
        compared=len(found),
    )


def find_patterns(
    sessions: Iterable[Session], item_ids: Sequence[str], safety_checks: Collection[str]
) -> Patterns:
    """The habits whose sessions cramped at clearly different rates with and without them
    (never one of ``safety_checks``)."""
    return ranked(associations(sessions, item_ids, safety_checks))


@dataclass(frozen=True)
class StretchRate:
    """In how many sessions a stretch was done, and in how many of them it had a cramp."""

    stretch_id: str
    cramped: int
    """Sessions with a cramp logged (F2) during the stretch."""
    sessions: int
    """Sessions the stretch was done in (in full or cut short)."""


STRETCH_CAUTION = (
    "Cramps during a stretch, in your own data: not proof that the stretch causes them. Ease "
    "into it, or ask a physiotherapist about it."
)


def stretch_rates(
    done_and_cramped: Iterable[tuple[Collection[str], Collection[str]]],
    min_sessions: int = MIN_EACH,
) -> list[StretchRate]:
    """Per stretch, sessions done in and sessions it cramped in, most cramped share first.

    Each session is given as (the stretches done in it, the stretches a cramp was logged
    during); a cramp during a stretch counts the stretch as done. Stretches done in fewer than
    ``min_sessions`` sessions (:data:`MIN_EACH`, as for habits) are left out: too few to say.
    """
    done: Counter[str] = Counter()
    cramped: Counter[str] = Counter()
    for stretches, during in done_and_cramped:
        done.update(set(stretches) | set(during))
        cramped.update(set(during))
    rates = [
        StretchRate(s, cramped[s], count) for s, count in done.items() if count >= min_sessions
    ]
    return sorted(rates, key=lambda r: (-r.cramped * 1.0 / r.sessions, r.stretch_id))


def session_stretch_rates(sessions: Iterable[Session]) -> list[StretchRate]:
    """:func:`stretch_rates` of saved sessions: a stretch skipped is not done; a cramp logged
    during a stretch (F2 in the routine) counts for it."""
    return stretch_rates(
        (
            [r.stretch_id for r in session.stretches if r.status != "skipped"],
            [e.stretch_id for e in session.episodes if e.stretch_id],
        )
        for session in sessions
    )


def describe_stretch(rate: StretchRate, name: str) -> str:
    """The rate with its counts: "Cramped in 4 of 9 sessions during Knee to chest (44 %)."."""
    return (
        f"Cramped in {rate.cramped} of {rate.sessions} sessions during {name} "
        f"({percent(rate.cramped, rate.sessions)})."
    )


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage: "30 %"."""
    return f"{round(100 * part / whole)} %"


def describe(association: Association, label: str) -> str:
    """The association as rates with their counts, e.g. 'Cramped in 11 % of sessions with
    “Warm up” (1 of 9), 80 % without (4 of 5).' It states what happened, not why."""
    a = association
    return (
        f"Cramped in {percent(a.cramped_with, a.total_with)} of sessions with “{label}” "
        f"({a.cramped_with} of {a.total_with}), {percent(a.cramped_without, a.total_without)} "
        f"without ({a.cramped_without} of {a.total_without})."
    )


def session_cramped(session: Session) -> bool:
    """Whether the session had a cramp: its outcome says so, or a cramp was timed in it."""
    return bool(session.episodes) or (session.outcome is not None and session.outcome.cramped)


def session_cramps(session: Session) -> int:
    """The cramps of one session, counted once: each timed cramp (F2), or one for a cramped
    outcome with none timed. Every count of cramps in the app, the CLI and the report is made
    of this."""
    return max(len(session.episodes), int(session_cramped(session)))


def total_cramps(sessions: Iterable[Session], loose: Iterable[CrampEpisode] = ()) -> int:
    """Cramps across ``sessions`` (:func:`session_cramps`) and cramps logged on their own
    (``loose``, one each)."""
    return sum(map(session_cramps, sessions)) + sum(1 for _episode in loose)
