"""Weekly trends, the weekly target and the change in words, on hand-built and seeded histories."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
from crampui.trends import (
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


def test_weekly_trends_counts_cramps_and_averages_severity() -> None:
    """Cramps count timed episodes (or one per cramped outcome); severity is the week's mean."""
    sessions = [
        session(MONDAY, 1, cramped=True, severity=6),
        session(MONDAY + timedelta(days=1), 2, cramped=True, severity=3, episodes=2),
        session(MONDAY - timedelta(days=3), 3, cramped=False),
        session(MONDAY - timedelta(weeks=2), 4),
    ]
    loose = [CrampEpisode(at=datetime.combine(MONDAY - timedelta(days=1), time(9), UTC))]
    weeks = weekly_trends(sessions, TODAY, weeks=3, tz=UTC, loose=loose)
    assert weeks == [
        WeekTrend(MONDAY - timedelta(weeks=2), sessions=1, cramps=0, severity=None),
        WeekTrend(MONDAY - timedelta(weeks=1), sessions=1, cramps=1, severity=None),
        WeekTrend(MONDAY, sessions=2, cramps=3, severity=4.5),
    ]
    assert weeks[-1].end == date(2026, 11, 29)


def test_weekly_trends_rejects_no_weeks() -> None:
    """At least one week."""
    with pytest.raises(ValueError, match="at least 1"):
        weekly_trends([], TODAY, weeks=0)


def weeks_with(cramps: list[int], sessions: int = 2) -> list[WeekTrend]:
    """Weeks ending with the week of TODAY, with these cramp counts."""
    first = MONDAY - timedelta(weeks=len(cramps) - 1)
    return [
        WeekTrend(first + timedelta(weeks=n), sessions, count, 5.0 if count else None)
        for n, count in enumerate(cramps)
    ]


def test_change_in_words_fewer_cramps() -> None:
    """The halves are compared in counts, with their dates and session counts."""
    text = change_in_words(weeks_with([3, 2, 1, 0]), until=TODAY)
    assert text == (
        "Fewer cramps: 5 in 2 Nov–15 Nov, 1 in 16 Nov–25 Nov (4 and 4 sessions); "
        "average severity 5.0, then 5.0."
    )


def test_change_in_words_more_same_and_too_little() -> None:
    """More, the same, and too few weeks to compare; empty leading weeks are skipped."""
    assert change_in_words(weeks_with([0, 2])).startswith("More cramps: 0 in")
    assert change_in_words(weeks_with([1, 1])).startswith("The same number of cramps: 1 in")
    nothing_then_one = [WeekTrend(MONDAY - timedelta(weeks=1), 0, 0, None), *weeks_with([1])]
    assert change_in_words(nothing_then_one) == "Not enough weeks recorded yet to compare."
    assert change_in_words([]) == "Not enough weeks recorded yet to compare."


def test_change_in_words_never_claims_a_cause() -> None:
    """Counts only: no "because", "improved", "better" or "caused"."""
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
    assert sum(w.cramps for w in weeks) == expected
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
