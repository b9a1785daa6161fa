"""Streaks, a calendar heatmap, item counts and item–cramp associations (pure functions).

Everything here takes sessions in and returns plain values: no I/O, no Textual, no clock.
Days are local calendar dates (``tz``, default the computer's timezone). Associations are
counts, worded as counts: they never claim that doing or skipping an item causes anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from crampui.history import ITEM_STATES, Session


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
    def difference(self) -> float:
        """The share of sessions that cramped with the item done, minus the share without it:
        above 0 for more cramps with it, below 0 for fewer."""
        return self.cramped_with / self.total_with - self.cramped_without / self.total_without


@dataclass(frozen=True)
class Patterns:
    """The associations that differ, in two kinds, each strongest (largest difference) first."""

    more_with: list[Association]
    """Items that went with more cramps when done."""
    fewer_with: list[Association]
    """Items that went with fewer cramps when done."""


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


def associations(
    sessions: Iterable[Session], item_ids: Sequence[str], min_each: int = 5
) -> list[Association]:
    """Cramp counts with and without each item, over sessions that have an outcome.

    "Without" means the session lists the item but did not do it (skipped or pending). Items
    with fewer than ``min_each`` sessions on either side are left out: too few to compare.
    """
    counts = {item_id: [0, 0, 0, 0] for item_id in item_ids}
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
    """``found`` split into more and fewer cramps with the item, strongest first.

    Ties keep their order in ``found``; an item with the same share on both sides is neither.
    """
    strongest = sorted(found, key=lambda association: -abs(association.difference))
    return Patterns(
        more_with=[association for association in strongest if association.difference > 0],
        fewer_with=[association for association in strongest if association.difference < 0],
    )


def describe(association: Association, label: str) -> str:
    """The association as plain counts, e.g. 'Cramped in 4 of 5 sessions without “Warm up”, 1
    of 9 with it.' It states what happened, not why."""
    return (
        f"Cramped in {association.cramped_without} of {association.total_without} sessions "
        f"without “{label}”, {association.cramped_with} of {association.total_with} with it."
    )


def episode_count(session: Session) -> int:
    """Cramps timed during this session."""
    return len(session.episodes)


def total_cramps(sessions: Iterable[Session]) -> int:
    """Cramps across sessions: timed episodes, or one for a cramped outcome with none timed."""
    total = 0
    for session in sessions:
        cramped = session.outcome is not None and session.outcome.cramped
        total += max(episode_count(session), int(cramped))
    return total
