"""Weekly trends, the weekly target and the change in words, on hand-built and seeded histories."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
from crampui.insights.patterns import total_cramps
from crampui.insights.trends import (
    TargetProgress,
    WeekTrend,
    change_in_words,
    severity_text,
    target_progress,
    week_start,
    weekly_trends,
)
from tests.seeded import NOW, seed_history

UTC = timezone.utc
TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)


def session(
    day: date, seq: int, cramped: bool | None = None, severity: int | None = None, episodes: int = 0
) -> Session:
    """A session at noon UTC on ``day``."""
    at = datetime.combine(day, time(12), UTC)
    outcome = None if cramped is None else Outcome(cramped, severity, recorded_at=at)
    cramps = tuple(CrampEpisode(at=at) for _ in range(episodes))
    return Session(seq, seq, at, (ItemRecord("hydrate", "done"),), outcome=outcome, episodes=cramps)


def test_week_start_is_monday() -> None:
    """Weeks begin on Monday, like the heatmap's rows."""
    assert week_start(TODAY) == MONDAY
    assert week_start(MONDAY) == MONDAY
    assert week_start(date(2026, 11, 29)) == MONDAY  # Sunday


def test_weekly_trends_rate_cramped_sessions_and_average_recorded_ratings() -> None:
    """Per week: sessions, those with a known result, those that cramped, cramps counted once
    (timed cramps, or one per cramped outcome, plus lone ones) and the recorded ratings."""
    sessions = [
        session(MONDAY, 1, cramped=True, severity=6),
        session(MONDAY + timedelta(days=1), 2, cramped=True, severity=3, episodes=2),
        session(MONDAY + timedelta(days=1), 5, cramped=False),
        session(MONDAY - timedelta(days=3), 3, cramped=False),
        session(MONDAY - timedelta(weeks=2), 4),  # no outcome: not known
    ]
    loose = [CrampEpisode(at=datetime.combine(MONDAY - timedelta(days=1), time(9), UTC))]
    weeks = weekly_trends(sessions, TODAY, weeks=4, tz=UTC, loose=loose)
    assert weeks == [
        WeekTrend(MONDAY - timedelta(weeks=3), sessions=0),
        WeekTrend(MONDAY - timedelta(weeks=2), sessions=1),
        WeekTrend(MONDAY - timedelta(weeks=1), sessions=1, known=1, cramps=1),
        WeekTrend(MONDAY, 3, known=3, cramped=2, cramps=3, ratings=(6, 3), partial=True),
    ]
    assert [week.rate for week in weeks] == [None, None, 0.0, 2 / 3]
    assert weeks[-1].severity == 4.5
    assert weeks[-1].end == date(2026, 11, 29)


def test_severity_is_the_mean_of_recorded_ratings_only() -> None:
    """Timed cramps without a rating do not count, and ratings are not weighted by cramps: the
    issue's 6.4 against a mean of recorded ratings of 4.1."""
    sessions = [
        session(MONDAY - timedelta(weeks=1), 1, cramped=True, severity=8, episodes=6),
        session(MONDAY - timedelta(weeks=1), 2, cramped=True),  # cramped, no rating
        session(MONDAY, 3, cramped=True, severity=2),
        session(MONDAY, 4, cramped=True, severity=2, episodes=1),
        session(MONDAY, 5, episodes=3),  # timed cramps, no outcome yet
    ]
    weeks = weekly_trends(sessions, TODAY, weeks=2, tz=UTC)
    assert [week.ratings for week in weeks] == [(8,), (2, 2)]
    assert [week.severity for week in weeks] == [8.0, 2.0]
    # (8 + 2 + 2) / 3, not weighted by the weeks' 7 and 5 cramps
    assert "average severity 4.0 (3 ratings)" in change_in_words(weeks)


def test_weekly_trends_rejects_no_weeks() -> None:
    """At least one week."""
    with pytest.raises(ValueError, match="at least 1"):
        weekly_trends([], TODAY, weeks=0)


def weeks_with(cramped: list[int], sessions: int = 4, partial: bool = True) -> list[WeekTrend]:
    """Weeks ending with the week of TODAY, each with ``sessions`` known sessions of which
    these cramped (one cramp each, rated 5)."""
    first = MONDAY - timedelta(weeks=len(cramped) - 1)
    return [
        WeekTrend(
            first + timedelta(weeks=n),
            sessions,
            known=sessions,
            cramped=count,
            cramps=count,
            ratings=(5,) * count,
            partial=partial and n == len(cramped) - 1,
        )
        for n, count in enumerate(cramped)
    ]


def test_change_names_the_last_weeks_when_cramps_came_back() -> None:
    """The issue's history: no cramps for weeks, then 4, 3 and 4 in the last three. Halves in
    raw counts hid it; the rates name the last three weeks."""
    text = change_in_words(weeks_with([0] * 7 + [4, 3, 4]), until=TODAY)
    assert text == (
        "Cramped in 0 of 28 sessions from 21 Sep to 8 Nov, then in 11 of 12 in the last 3 "
        "weeks (this one so far); average severity 5.0 (11 ratings). 11 cramps in all."
    )


def test_change_names_fewer_cramps_lately_too() -> None:
    """Cramps that stopped lately: the weeks before, then the last ones."""
    text = change_in_words(weeks_with([3, 3, 3, 3, 0, 0], partial=False), until=TODAY)
    assert text.startswith("Cramped in 12 of 16 sessions from 19 Oct to 15 Nov, then in 0 of 8 in")
    assert "in the last 2 weeks;" in text


def test_change_without_a_clear_difference_states_the_whole_rate() -> None:
    """Rates within 20 points of each other: no change is named."""
    text = change_in_words(weeks_with([1, 2, 1, 2, 1, 2]), until=TODAY)
    assert text == (
        "Cramped in 9 of 24 sessions from 19 Oct to 25 Nov, with no clear change in the last "
        "weeks; average severity 5.0 (9 ratings). 9 cramps in all."
    )


def test_change_needs_sessions_on_both_sides() -> None:
    """Empty leading weeks are skipped; one week, or too few sessions, is stated, not compared."""
    nothing_then_one = [WeekTrend(MONDAY - timedelta(weeks=1), 0), *weeks_with([1], sessions=2)]
    assert change_in_words(nothing_then_one, until=TODAY) == (
        "Cramped in 1 of 2 sessions from 23 Nov to 25 Nov; average severity 5.0 (1 rating). "
        "1 cramp in all."
    )
    few = change_in_words(weeks_with([0, 0, 3], sessions=3), until=TODAY)
    assert few.startswith("Cramped in 3 of 9 sessions from 9 Nov to 25 Nov;")  # 3 a side: too few
    assert change_in_words([]) == "No sessions recorded in these weeks."


def test_change_in_words_never_claims_a_cause() -> None:
    """Rates only: no "because", "improved", "better" or "caused"."""
    text = change_in_words(weeks_with([4, 3, 1, 0])).lower()
    assert not any(word in text for word in ("because", "improv", "better", "caus"))


@pytest.mark.parametrize(
    ("offsets", "target", "expected"),
    [
        ((), 3, TargetProgress(3, 0, 0)),
        ((0, 1), 2, TargetProgress(2, 2, 1)),  # met this week already
        ((0, 7, 8, 9, 14, 15), 2, TargetProgress(2, 1, 2)),  # this week not yet: 2 full weeks
        ((7, 21, 22), 1, TargetProgress(1, 0, 1)),  # a gap two weeks ago ends the run
    ],
)
def test_target_progress(offsets: tuple[int, ...], target: int, expected: TargetProgress) -> None:
    """This week's count, and full weeks in a row that met the target."""
    sessions = [session(TODAY - timedelta(days=o), n) for n, o in enumerate(offsets, 1)]
    assert target_progress(sessions, TODAY, target, tz=UTC) == expected
    assert expected.met == (expected.this_week >= target)


def test_target_progress_needs_a_target() -> None:
    """A target of 0 is "no target" and has no progress."""
    with pytest.raises(ValueError, match="at least 1"):
        target_progress([], TODAY, 0)


def test_seeded_history_weeks_match_the_store(tmp_path: Path) -> None:
    """On the seeded history the weekly figures equal counts taken straight from the store."""
    path = tmp_path / "history.json"
    seed_history(path)
    store = HistoryStore(path)
    sessions = store.sessions()
    today = NOW.date()
    weeks = weekly_trends(sessions, today, tz=UTC)
    assert len(weeks) == 12 and weeks[-1].start == week_start(today)
    per_week = Counter(week_start(s.saved_at.date()) for s in sessions)
    assert [w.sessions for w in weeks] == [per_week[w.start] for w in weeks]
    assert sum(w.sessions for w in weeks) == len(sessions) == 30
    cramped = [(s, s.outcome) for s in sessions if s.outcome is not None and s.outcome.cramped]
    expected = sum(max(len(s.episodes), 1) for s, _outcome in cramped)
    assert sum(w.cramps for w in weeks) == expected == total_cramps(sessions)
    for week in weeks:
        severities = [
            o.severity
            for s, o in cramped
            if week_start(s.saved_at.date()) == week.start and o.severity is not None
        ]
        assert week.severity == (sum(severities) / len(severities) if severities else None)


@pytest.mark.parametrize(
    ("value", "text"), [(None, "–"), (0.0, "0.0"), (4.25, "4.2"), (9.94, "9.9"), (9.96, "10")]
)
def test_severity_text_fits_three_columns(value: float | None, text: str) -> None:
    """Averages show one decimal, 10 without one, so each fits under its bar."""
    assert severity_text(value) == text
