"""Cramped sessions and severity week by week, the weekly session target, and the change in
words.

Pure functions over sessions (no I/O, no Textual, no clock). Weeks run Monday to Sunday in
local dates (``tz``, default the computer's timezone), like the heatmap in
:mod:`crampui.insights.patterns`. Trends are rates per session: how many of the sessions with a
known result (an outcome, or a cramp timed in it) cramped. Cramps are counted by
:func:`crampui.insights.patterns.session_cramps`, plus cramps recorded outside any session.
Severity is the mean of the ratings a person recorded, nothing else. The change is told as rates in
two periods (the last few weeks against the weeks before), never as a cause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from crampui.history import MAX_SEVERITY, CrampEpisode, Session
from crampui.insights.patterns import MIN_GAP_PERCENT, session_cramped, session_days, total_cramps
from crampui.wording import plural

TREND_WEEKS = 12
"""How many weeks the History chart covers."""
MIN_SESSIONS_TO_COMPARE = 4
"""Sessions with a known result needed on each side before the last weeks are compared."""
NOTHING_RECORDED = "No sessions recorded in these weeks."


@dataclass(frozen=True)
class WeekTrend:
    """One Monday-to-Sunday week: its sessions, how many cramped, its cramps and ratings."""

    start: date
    """The Monday the week begins on."""
    sessions: int
    """Sessions saved in the week."""
    known: int = 0
    """Sessions whose result is known: they have an outcome or a timed cramp."""
    cramped: int = 0
    """Sessions that cramped (see :func:`crampui.insights.patterns.session_cramped`)."""
    cramps: int = 0
    """Cramps in the week, sessions' and lone ones, each counted once."""
    ratings: tuple[int, ...] = ()
    """The severities recorded with the week's cramped outcomes."""
    partial: bool = False
    """The week holding the day counted to: this week so far."""

    @property
    def end(self) -> date:
        """The Sunday the week ends on."""
        return self.start + timedelta(days=6)

    @property
    def rate(self) -> float | None:
        """The share of known sessions that cramped, or None when none is known."""
        return self.cramped / self.known if self.known else None

    @property
    def severity(self) -> float | None:
        """The mean of the week's recorded ratings, or None if none was recorded."""
        return mean(self.ratings)


def mean(values: Sequence[int]) -> float | None:
    """The arithmetic mean of ``values``, or None for none."""
    return sum(values) / len(values) if values else None


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def weekly_trends(
    sessions: Iterable[Session],
    today: date,
    weeks: int = TREND_WEEKS,
    tz: tzinfo | None = None,
    loose: Iterable[CrampEpisode] = (),
) -> list[WeekTrend]:
    """The last ``weeks`` weeks, oldest first, the last one holding ``today`` (so far).

    ``loose`` are cramps recorded outside a session; each counts as one cramp in its week.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    first = week_start(today) - timedelta(weeks=weeks - 1)
    by_week: dict[date, list[Session]] = defaultdict(list)
    for session in sessions:
        by_week[week_start(session.saved_at.astimezone(tz).date())].append(session)
    loose_by_week: dict[date, list[CrampEpisode]] = defaultdict(list)
    for episode in loose:
        loose_by_week[week_start(episode.at.astimezone(tz).date())].append(episode)
    trends = []
    for number in range(weeks):
        start = first + timedelta(weeks=number)
        week = by_week.get(start, [])
        outcomes = [s.outcome for s in week if s.outcome is not None]
        trends.append(
            WeekTrend(
                start=start,
                sessions=len(week),
                known=sum(s.outcome is not None or bool(s.episodes) for s in week),
                cramped=sum(map(session_cramped, week)),
                cramps=total_cramps(week, loose_by_week.get(start, [])),
                ratings=tuple(o.severity for o in outcomes if o.cramped and o.severity is not None),
                partial=number == weeks - 1,
            )
        )
    return trends


def short_date(day: date) -> str:
    """A date as "7 Sep" (day, month), the style used across the app."""
    return f"{day.day} {day:%b}"


def severity_text(value: float | None) -> str:
    """An average severity in at most three characters: "4.5", "10", or "–" for none."""
    if value is None:
        return "–"
    return f"{value:.1f}" if round(value, 1) < MAX_SEVERITY else str(MAX_SEVERITY)


@dataclass(frozen=True)
class Tally:
    """Known sessions, cramped sessions and recorded ratings over some weeks."""

    known: int
    cramped: int
    ratings: tuple[int, ...]

    @classmethod
    def of(cls, weeks: Sequence[WeekTrend]) -> Tally:
        """The sums over ``weeks``."""
        return cls(
            sum(week.known for week in weeks),
            sum(week.cramped for week in weeks),
            tuple(rating for week in weeks for rating in week.ratings),
        )

    def gap_over(self, other: Tally) -> int:
        """How far apart the two cramp rates are, in whole-number cross products (0: none)."""
        return abs(self.cramped * other.known - other.cramped * self.known)


def splits(recorded: Sequence[WeekTrend]) -> list[int]:
    """How many last weeks can be set against the weeks before (up to half the weeks): those
    splits with at least :data:`MIN_SESSIONS_TO_COMPARE` known sessions on each side."""
    return [
        last
        for last in range(1, len(recorded) // 2 + 1)
        if min(Tally.of(recorded[:-last]).known, Tally.of(recorded[-last:]).known)
        >= MIN_SESSIONS_TO_COMPARE
    ]


def recent_change(recorded: Sequence[WeekTrend]) -> int | None:
    """How many of the last weeks differ from the weeks before by at least
    :data:`~crampui.insights.patterns.MIN_GAP_PERCENT` points in the share of sessions that cramped
    (the clearest of the :func:`splits`), or None when none does."""
    best: tuple[float, int] | None = None
    for last in splits(recorded):
        before, after = Tally.of(recorded[:-last]), Tally.of(recorded[-last:])
        gap = after.gap_over(before) / (before.known * after.known)
        if gap * 100 >= MIN_GAP_PERCENT and (best is None or gap >= best[0]):
            best = (gap, last)
    return None if best is None else best[1]


def last_weeks_text(last: int, partial: bool) -> str:
    """ "this week so far", "the last week" or "the last 3 weeks (this one so far)"."""
    if last == 1:
        return "this week so far" if partial else "the last week"
    return f"the last {last} weeks" + (" (this one so far)" if partial else "")


def change_in_words(trends: Sequence[WeekTrend], until: date | None = None) -> str:
    """The share of sessions that cramped, the last few weeks named when they differ from the
    weeks before; the average of the recorded ratings; the cramps in all.

    Leading weeks with nothing recorded are left out, so the period starts at the first
    session; it is said to end at ``until`` (usually today). A change is looked for only with
    at least :data:`MIN_SESSIONS_TO_COMPARE` known sessions on each side. Example: "Cramped
    in 0 of 27 sessions from 7 Sep to 8 Nov, then in 11 of 12 in the last 3 weeks (this one
    so far); average severity 5.0 (11 ratings). 11 cramps in all."
    """
    start = next((n for n, week in enumerate(trends) if week.sessions or week.cramps), None)
    recorded = list(trends[start:]) if start is not None else []
    if not recorded:
        return NOTHING_RECORDED
    last = recent_change(recorded)
    whole = Tally.of(recorded)
    end = min(recorded[-1].end, until) if until is not None else recorded[-1].end
    if last is None:
        text = (
            f"Cramped in {whole.cramped} of {plural(whole.known, 'session')} from "
            f"{short_date(recorded[0].start)} to {short_date(end)}"
        )
        if splits(recorded):
            text += ", with no clear change in the last weeks"
        severities = [whole.ratings]
    else:
        before, after = Tally.of(recorded[:-last]), Tally.of(recorded[-last:])
        text = (
            f"Cramped in {before.cramped} of {plural(before.known, 'session')} from "
            f"{short_date(recorded[0].start)} to {short_date(recorded[-last - 1].end)}, then in "
            f"{after.cramped} of {after.known} in "
            f"{last_weeks_text(last, recorded[-1].partial)}"
        )
        severities = [before.ratings, after.ratings]
    text += f"; {severity_words(severities)}. " if whole.ratings else ". "
    cramps = sum(week.cramps for week in recorded)
    return text + f"{plural(cramps, 'cramp')} in all."


def severity_words(parts: Sequence[Sequence[int]]) -> str:
    """The average of the recorded ratings: "average severity 4.1 (7 ratings)", or per part
    when every part has some: "average severity 3.0, then 5.5 (7 ratings)"."""
    count = sum(len(part) for part in parts)
    if all(parts):
        means = ", then ".join(severity_text(mean(part)) for part in parts)
    else:
        means = severity_text(mean([rating for part in parts for rating in part]))
    return f"average severity {means} ({plural(count, 'rating')})"


@dataclass(frozen=True)
class TargetProgress:
    """Sessions this week against a weekly target, and full weeks met in a row."""

    target: int
    this_week: int
    weeks_met: int
    """Weeks in a row, ending with last week (or this week once it is met), with enough."""

    @property
    def met(self) -> bool:
        """Whether this week already has enough sessions."""
        return self.this_week >= self.target


def target_progress(
    sessions: Iterable[Session], today: date, target: int, tz: tzinfo | None = None
) -> TargetProgress:
    """How this week stands against ``target`` sessions, and how many weeks met it in a row."""
    return day_target_progress(session_days(sessions, tz), today, target)


def day_target_progress(days: Mapping[date, int], today: date, target: int) -> TargetProgress:
    """:func:`target_progress` from the sessions counted per local day (counted once, off the
    UI thread, for a long history)."""
    if target < 1:
        raise ValueError(f"target must be at least 1, got {target}")
    per_week: dict[date, int] = defaultdict(int)
    for day, count in days.items():
        per_week[week_start(day)] += count
    this_monday = week_start(today)
    this_week = per_week.get(this_monday, 0)
    monday = this_monday if this_week >= target else this_monday - timedelta(weeks=1)
    weeks_met = 0
    while per_week.get(monday, 0) >= target:
        weeks_met += 1
        monday -= timedelta(weeks=1)
    return TargetProgress(target, this_week, weeks_met)
