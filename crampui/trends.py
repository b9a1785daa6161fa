"""Cramps and severity week by week, the weekly session target, and the change in words.

Pure functions over sessions (no I/O, no Textual, no clock). Weeks run Monday to Sunday in
local dates (``tz``, default the computer's timezone), like the heatmap in
:mod:`crampui.insights`. Cramps are counted as :func:`crampui.insights.total_cramps` counts
them, plus cramps recorded outside any session. The change is told as counts in two periods,
never as a cause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from crampui.history import MAX_SEVERITY, CrampEpisode, Session
from crampui.insights import session_days, total_cramps

TREND_WEEKS = 12
"""How many weeks the History chart covers."""


@dataclass(frozen=True)
class WeekTrend:
    """One Monday-to-Sunday week: sessions saved, cramps and the average cramp severity."""

    start: date
    """The Monday the week begins on."""
    sessions: int
    cramps: int
    severity: float | None
    """The mean severity of the week's cramps that have one, or None if none has."""

    @property
    def end(self) -> date:
        """The Sunday the week ends on."""
        return self.start + timedelta(days=6)


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
    """The last ``weeks`` weeks, oldest first, the last one holding ``today``.

    ``loose`` are cramps recorded outside a session; each counts as one cramp in its week.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    first = week_start(today) - timedelta(weeks=weeks - 1)
    by_week: dict[date, list[Session]] = defaultdict(list)
    for session in sessions:
        by_week[week_start(session.saved_at.astimezone(tz).date())].append(session)
    loose_by_week = _episodes_per_week(loose, tz)
    trends = []
    for number in range(weeks):
        start = first + timedelta(weeks=number)
        week = by_week.get(start, [])
        severities = [
            s.outcome.severity
            for s in week
            if s.outcome is not None and s.outcome.cramped and s.outcome.severity is not None
        ]
        trends.append(
            WeekTrend(
                start=start,
                sessions=len(week),
                cramps=total_cramps(week) + loose_by_week.get(start, 0),
                severity=sum(severities) / len(severities) if severities else None,
            )
        )
    return trends


def _episodes_per_week(episodes: Iterable[CrampEpisode], tz: tzinfo | None) -> dict[date, int]:
    """How many of ``episodes`` fall in each week (keyed by its Monday)."""
    counts: dict[date, int] = defaultdict(int)
    for episode in episodes:
        counts[week_start(episode.at.astimezone(tz).date())] += 1
    return counts


def short_date(day: date) -> str:
    """A date as "7 Sep" (day, month), the style used across the app."""
    return f"{day.day} {day:%b}"


def severity_text(value: float | None) -> str:
    """An average severity in at most three characters: "4.5", "10", or "–" for none."""
    if value is None:
        return "–"
    return f"{value:.1f}" if round(value, 1) < MAX_SEVERITY else str(MAX_SEVERITY)


def period_label(weeks: Sequence[WeekTrend], until: date | None = None) -> str:
    """The days ``weeks`` cover (up to ``until`` at most), e.g. "7 Sep–11 Oct"."""
    end = weeks[-1].end if until is None else min(weeks[-1].end, until)
    return f"{short_date(weeks[0].start)}–{short_date(end)}"


def change_in_words(trends: Sequence[WeekTrend], until: date | None = None) -> str:
    """The first half of the recorded weeks against the second, in counts.

    Leading weeks with nothing recorded are left out, so the halves start at the first
    session; the second half is said to end at ``until`` (usually today). Example: "Fewer
    cramps: 9 in 31 Aug–4 Oct, 4 in 5 Oct–25 Nov (14 and 15 sessions); average severity 4.8,
    then 3.5."
    """
    start = next((n for n, week in enumerate(trends) if week.sessions or week.cramps), None)
    recorded = list(trends[start:]) if start is not None else []
    if len(recorded) < 2:
        return "Not enough weeks recorded yet to compare."
    middle = len(recorded) // 2
    first, second = recorded[:middle], recorded[middle:]
    before, after = (sum(week.cramps for week in half) for half in (first, second))
    if after < before:
        headline = "Fewer cramps"
    elif after > before:
        headline = "More cramps"
    else:
        headline = "The same number of cramps"
    sessions = (sum(week.sessions for week in half) for half in (first, second))
    text = (
        f"{headline}: {before} in {period_label(first)}, {after} in {period_label(second, until)} "
        f"({' and '.join(map(str, sessions))} sessions)"
    )
    severities = [mean_severity(half) for half in (first, second)]
    if severities[0] is not None and severities[1] is not None:
        text += f"; average severity {severities[0]:.1f}, then {severities[1]:.1f}"
    return text + "."


def mean_severity(weeks: Sequence[WeekTrend]) -> float | None:
    """The average of the weekly average severities, weighted by each week's cramps."""
    weighted = [(week.severity, week.cramps) for week in weeks if week.severity is not None]
    total = sum(count for _severity, count in weighted)
    if not weighted or not total:
        return None
    return sum(severity * count for severity, count in weighted) / total


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
    if target < 1:
        raise ValueError(f"target must be at least 1, got {target}")
    per_week: dict[date, int] = defaultdict(int)
    for day, count in session_days(sessions, tz).items():
        per_week[week_start(day)] += count
    this_monday = week_start(today)
    this_week = per_week.get(this_monday, 0)
    monday = this_monday if this_week >= target else this_monday - timedelta(weeks=1)
    weeks_met = 0
    while per_week.get(monday, 0) >= target:
        weeks_met += 1
        monday -= timedelta(weeks=1)
    return TargetProgress(target, this_week, weeks_met)
