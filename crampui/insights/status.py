"""The one-line status for a shell prompt or a tmux status bar (pure functions, no Textual).

"2/3 this week, 1 cramp · last session 2 days ago · no outcome for Tue": sessions this week
(against the weekly target when one is set) and the week's cramps (counted as everywhere, by
:func:`crampui.insights.patterns.total_cramps`), when the last session was, and sessions of the last
seven days that still lack an outcome. With a target, a session is *due* once the days since
the last one exceed the target's spacing (7 / target days) and this week is not yet met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from crampui.content.safety import nerve_check_yes, pausing_advice
from crampui.history import CrampEpisode, Session
from crampui.insights.patterns import total_cramps
from crampui.insights.trends import short_date, target_progress, week_start
from crampui.wording import plural

if TYPE_CHECKING:
    from crampui.history import HistoryStore

RECENT_DAYS = 7
"""Sessions saved this many days ago or fewer are named when they lack an outcome."""

WINDOW_WEEKS = (8, 104)
"""The windows :func:`stored_status` reads, in weeks before this one (each longer than the
days advice pauses the nudges), before it reads every session."""


@dataclass(frozen=True)
class Status:
    """Where the user stands today."""

    today: date
    this_week: int
    target: int
    """Sessions a week to aim for; 0 means no target."""
    weeks_met: int
    last_day: date | None
    missing_outcomes: tuple[tuple[int, date], ...]
    """(session id, local date) of recent sessions without an outcome, newest first."""
    cramps_this_week: int = 0
    """Cramps this week, in sessions and on their own."""
    advice: tuple[int, date] | None = None
    """(session id, local date) of advice to get checked that pauses the nudges, if any."""

    @property
    def days_since_last(self) -> int | None:
        """Whole days since the last session (0 today), or None if there is none."""
        return None if self.last_day is None else (self.today - self.last_day).days

    @property
    def due(self) -> bool:
        """A target is set, this week is not met, the last session is overdue, and no advice
        to get checked pauses the nudges."""
        days = self.days_since_last
        if self.advice or not self.target or days is None or self.this_week >= self.target:
            return False
        return days * self.target > 7


def status(
    sessions: Sequence[Session],
    today: date,
    target: int = 0,
    tz: tzinfo | None = None,
    loose: Sequence[CrampEpisode] = (),
    checked_session: int = 0,
) -> Status:
    """The status on ``today`` from ``sessions`` (any order), the cramps logged on their own
    (``loose``) and the weekly ``target``; ``checked_session`` is the newest advice the user
    says has been acted on."""
    days = [(session, session.saved_at.astimezone(tz).date()) for session in sessions]
    days.sort(key=lambda pair: (pair[0].saved_at, pair[0].seq), reverse=True)
    monday = week_start(today)
    this_week = sum(1 for _session, day in days if monday <= day <= today)
    cramps = total_cramps(
        (session for session, day in days if monday <= day <= today),
        (episode for episode in loose if monday <= episode.at.astimezone(tz).date() <= today),
    )
    weeks_met = target_progress(sessions, today, target, tz).weeks_met if target else 0
    recent = today - timedelta(days=RECENT_DAYS)
    missing = tuple(
        (session.id, day)
        for session, day in days
        if session.outcome is None and day >= recent and not nerve_check_yes(session)
    )
    pause = pausing_advice(sessions, today, checked_session, tz)
    return Status(
        today=today,
        this_week=this_week,
        target=target,
        weeks_met=weeks_met,
        last_day=days[0][1] if days else None,
        missing_outcomes=missing,
        cramps_this_week=cramps,
        advice=None if pause is None else (pause[0].id, pause[1]),
    )


def stored_status(
    store: HistoryStore, today: date, target: int = 0, checked_session: int = 0
) -> Status:
    """:func:`status` of the history in ``store``, building only the sessions of the weeks it
    looks at: this week's, the last days' (outcomes, advice) and, with a target, the weeks of
    the streak (the window grows until the streak ends inside it, else every session)."""
    loose = store.loose_episodes()
    for weeks in WINDOW_WEEKS:
        monday = week_start(today) - timedelta(weeks=weeks)
        since = datetime.combine(monday - timedelta(days=1), time()).astimezone()
        state = status(store.sessions(since), today, target, None, loose, checked_session)
        if state.weeks_met < weeks:
            return state
    return status(store.sessions(), today, target, None, loose, checked_session)


def ago(days: int) -> str:
    """ "today", "yesterday" or "N days ago"."""
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def day_name(day: date, today: date) -> str:
    """A weekday ("Tue") within the last week, else a date ("12 Nov")."""
    return f"{day:%a}" if (today - day).days < 7 else short_date(day)


def status_line(state: Status) -> str:
    """The status as one short line."""
    days = state.days_since_last
    if state.target:
        parts = [f"{state.this_week}/{state.target} this week"]
    elif days is None:
        return "no sessions yet"
    else:
        parts = [f"{state.this_week} session{'' if state.this_week == 1 else 's'} this week"]
    if state.cramps_this_week:
        parts[0] += f", {plural(state.cramps_this_week, 'cramp')}"
    parts.append("no sessions yet" if days is None else f"last session {ago(days)}")
    if state.advice:
        parts.append(advice_question(state.advice[1], state.today))
    if state.due:
        parts.append("a session is due")
    if state.missing_outcomes:
        newest = day_name(state.missing_outcomes[0][1], state.today)
        more = len(state.missing_outcomes) - 1
        parts.append(f"no outcome for {newest}" + (f" and {more} more" if more else ""))
    return " · ".join(parts)


def advice_question(day: date, today: date) -> str:
    """Instead of a nudge after advice to get checked: ask whether it has been."""
    return f"advice shown {day_name(day, today)}: checked yet? (crampui status --checked)"


def status_json(state: Status) -> dict[str, Any]:
    """The status as a JSON-ready dictionary, the line included."""
    return {
        "line": status_line(state),
        "today": state.today.isoformat(),
        "this_week": state.this_week,
        "cramps_this_week": state.cramps_this_week,
        "target": state.target or None,
        "weeks_met_in_a_row": state.weeks_met if state.target else None,
        "last_session": None if state.last_day is None else state.last_day.isoformat(),
        "days_since_last": state.days_since_last,
        "due": state.due,
        "advice_to_get_checked": None
        if state.advice is None
        else {"session": state.advice[0], "date": state.advice[1].isoformat()},
        "missing_outcomes": [
            {"session": session_id, "date": day.isoformat()}
            for session_id, day in state.missing_outcomes
        ],
    }
