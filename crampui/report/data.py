"""The report's figures: sessions of a period turned into counts and cleaned text (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crampui import checklist_items, safety
from crampui.content import Content
from crampui.history import CrampEpisode, Session
from crampui.history.item_settings import ItemSetting
from crampui.insights import associations, describe, item_frequency
from crampui.place import place_summary
from crampui.trends import TREND_WEEKS, WeekTrend, change_in_words, week_start, weekly_trends
from crampui.usertext import MAX_USER_TEXT, clean_user_text


def plain(text: str) -> str:
    """User text without control characters or escape sequences, one line, bounded."""
    return clean_user_text(text[: MAX_USER_TEXT * 2], max_length=MAX_USER_TEXT * 2)


def flag_label(flag_id: str) -> str:
    """A red-flag question in a few words ("new bladder or bowel trouble"); an id crampui
    does not know as words: "leg-pain" → "leg pain"."""
    return plain(safety.label(flag_id)).replace("-", " ")


@dataclass(frozen=True)
class Episode:
    """A timed cramp with the session it belongs to (None when logged on its own)."""

    episode: CrampEpisode
    session_id: int | None


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
    weeks: tuple[WeekTrend, ...]
    change: str
    severities: tuple[tuple[datetime, int], ...]
    """(saved at, severity) of every cramp with a severity, oldest first."""
    places: tuple[tuple[str, int], ...]
    """Where it cramped and how often, most often first."""
    episodes: tuple[Episode, ...]
    patterns: tuple[str, ...]
    notes: tuple[tuple[datetime, str], ...]
    red_flags: tuple[tuple[datetime, int, tuple[str, ...], bool], ...]
    """(saved at, session id, red-flag labels, advice shown) for sessions with a red flag."""
    questions_not_asked: tuple[int, ...]
    """Ids of the sessions whose cramp was never asked the safety questions (logged from the
    command line and not answered since): "not asked", which is not the same as "no"."""
    disclaimer: str
    tz: tzinfo | None

    @property
    def with_outcome(self) -> int:
        """Sessions in the period that have an outcome."""
        return sum(session.outcome is not None for session in self.sessions)

    @property
    def cramped(self) -> int:
        """Sessions in the period whose outcome was a cramp."""
        return sum(bool(session.outcome and session.outcome.cramped) for session in self.sessions)

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the report's timezone."""
        return moment.astimezone(self.tz)


def default_since(until: date) -> date:
    """The Monday :data:`~crampui.trends.TREND_WEEKS` weeks back, like the History chart."""
    return week_start(until) - timedelta(weeks=TREND_WEEKS - 1)


def gather(
    sessions: Iterable[Session],
    content: Content,
    since: date,
    until: date,
    generated: datetime,
    loose: Iterable[CrampEpisode] = (),
    tz: tzinfo | None = None,
    settings: Sequence[ItemSetting] = (),
) -> ReportData:
    """The report's figures for sessions saved from ``since`` to ``until`` (local dates).

    ``settings`` are the user's checklist: items are named as the user named them, own and
    hidden items included, so each session is judged by the items it had.
    """
    if since > until:
        raise ValueError(f"the period starts ({since}) after it ends ({until})")

    def in_period(moment: datetime) -> bool:
        return since <= moment.astimezone(tz).date() <= until

    chosen = sorted((s for s in sessions if in_period(s.saved_at)), key=lambda s: s.seq)
    loose_in = [episode for episode in loose if in_period(episode.at)]
    weeks = weekly_trends(
        chosen,
        until,
        weeks=(week_start(until) - week_start(since)).days // 7 + 1,
        tz=tz,
        loose=loose_in,
    )
    known = checklist_items.labels(content, settings)
    had = [item.item_id for session in chosen for item in session.items]
    labels = {item_id: known.get(item_id, item_id) for item_id in dict.fromkeys([*known, *had])}
    ids = list(labels)
    frequencies = item_frequency(chosen, ids)
    outcomes = [(s, s.outcome) for s in chosen if s.outcome is not None]
    places = Counter(
        plain(place_summary(o)) for _s, o in outcomes if o.cramped and place_summary(o)
    )
    episodes = [Episode(e, s.id) for s in chosen for e in s.episodes]
    episodes += [Episode(e, None) for e in loose_in]
    notes = [(s.saved_at, plain(s.note)) for s in chosen if s.note.strip()]
    notes += [(o.recorded_at or s.saved_at, plain(o.note)) for s, o in outcomes if o.note.strip()]
    return ReportData(
        since=since,
        until=until,
        generated=generated,
        sessions=tuple(chosen),
        items=tuple(
            (labels[f.item_id], f.done, f.skipped, f.total) for f in frequencies if f.total
        ),
        weeks=tuple(weeks),
        change=change_in_words(weeks, until),
        severities=tuple(
            (s.saved_at, o.severity) for s, o in outcomes if o.cramped and o.severity is not None
        ),
        places=tuple(sorted(places.items(), key=lambda pair: (-pair[1], pair[0]))),
        episodes=tuple(sorted(episodes, key=lambda found: found.episode.at)),
        patterns=tuple(describe(a, labels[a.item_id]) for a in associations(chosen, ids)),
        notes=tuple(sorted(notes)),
        red_flags=tuple(
            (s.saved_at, s.id, tuple(flag_label(flag) for flag in o.red_flags), o.advice_shown)
            for s, o in outcomes
            if o.red_flags or o.advice_shown
        ),
        questions_not_asked=tuple(
            s.id for s, o in outcomes if o.cramped and not (o.red_flags or o.red_flags_no)
        ),
        disclaimer=content.disclaimer,
        tz=tz,
    )
