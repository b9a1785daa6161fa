"""Insights: streaks, heatmap, item counts, patterns worded as rates (never causes, never a
safety check), and the one count of cramps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

import pytest

from crampui.content.store import default_content
from crampui.history import CrampEpisode, ItemRecord, ItemState, Outcome, Session
from crampui.insights.patterns import (
    CHANGED_TOGETHER,
    Association,
    ItemFrequency,
    Patterns,
    Streaks,
    associations,
    describe,
    find_patterns,
    heatmap,
    item_frequency,
    ranked,
    safety_check_ids,
    session_cramped,
    session_cramps,
    streaks,
    total_cramps,
)

UTC = timezone.utc
TODAY = date(2026, 11, 25)  # a Wednesday


def session(
    day: date,
    seq: int = 1,
    *,
    states: dict[str, ItemState] | None = None,
    cramped: bool | None = None,
    episodes: int = 0,
    hour: int = 12,
) -> Session:
    """A session saved at ``hour`` UTC on ``day``."""
    at = datetime.combine(day, time(hour), UTC)
    items = tuple(ItemRecord(i, s) for i, s in (states or {"hydrate": "done"}).items())
    outcome = None if cramped is None else Outcome(cramped, recorded_at=at)
    cramps = tuple(CrampEpisode(at=at) for _ in range(episodes))
    return Session(seq, seq, at, items, outcome=outcome, episodes=cramps)


def on_days(*offsets: int) -> list[Session]:
    """One session on each of TODAY minus ``offsets`` days."""
    return [session(TODAY - timedelta(days=o), n) for n, o in enumerate(offsets, start=1)]


# -- streaks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ((), Streaks(0, 0)),
        ((0,), Streaks(1, 1)),
        ((0, 1, 2), Streaks(3, 3)),
        ((1, 2), Streaks(2, 2)),  # nothing yet today: the run ending yesterday still counts
        ((2, 3, 4), Streaks(0, 3)),  # a day missed: broken
        ((0, 1, 5, 6, 7, 8), Streaks(2, 4)),  # best is an older run
        ((0, 0, 0, 1), Streaks(2, 2)),  # several sessions on one day count once
    ],
)
def test_streaks(offsets: tuple[int, ...], expected: Streaks) -> None:
    assert streaks(on_days(*offsets), TODAY, tz=UTC) == expected


def test_streaks_use_local_dates() -> None:
    late = session(TODAY - timedelta(days=2), hour=20)  # already the next day at UTC+10
    assert streaks([late], TODAY, tz=timezone(timedelta(hours=10))) == Streaks(1, 1)
    assert streaks([late], TODAY, tz=UTC) == Streaks(0, 1)


# -- heatmap ---------------------------------------------------------------------------------


def test_heatmap_is_seven_weekdays_by_weeks_with_none_after_today() -> None:
    grid = heatmap(on_days(0, 0, 1, 7, 79, 80), TODAY, weeks=12, tz=UTC)
    assert len(grid) == 7 and all(len(row) == 12 for row in grid)
    wednesday, tuesday = grid[TODAY.weekday()], grid[TODAY.weekday() - 1]
    assert wednesday[-1] == 2 and tuesday[-1] == 1
    assert wednesday[-2] == 1  # a week ago
    assert [row[-1] for row in grid[TODAY.weekday() + 1 :]] == [None] * 4  # Thu..Sun ahead
    assert all(cell is not None for row in grid for cell in row[:-1])
    assert grid[0][0] == 1  # 79 days ago: the Monday of the first column; 80 is before it
    assert sum(cell or 0 for row in grid for cell in row) == 5


def test_heatmap_ignores_sessions_outside_the_window() -> None:
    grid = heatmap(on_days(200), TODAY, weeks=4, tz=UTC)
    assert sum(cell or 0 for row in grid for cell in row) == 0
    with pytest.raises(ValueError):
        heatmap([], TODAY, weeks=0)


# -- item counts and associations ------------------------------------------------------------


def test_item_frequency_counts_done_skipped_and_listed() -> None:
    sessions = [
        session(TODAY, 1, states={"hydrate": "done", "warm-up": "skipped"}),
        session(TODAY, 2, states={"hydrate": "done", "warm-up": "pending"}),
        session(TODAY, 3, states={"hydrate": "skipped"}),
    ]
    assert item_frequency(sessions, ["warm-up", "hydrate", "posture"]) == [
        ItemFrequency("warm-up", done=0, skipped=1, total=2),
        ItemFrequency("hydrate", done=2, skipped=1, total=3),
        ItemFrequency("posture", done=0, skipped=0, total=0),
    ]


def with_and_without(
    cramped_with: int, total_with: int, cramped_without: int, total_without: int
) -> list[Session]:
    """Sessions with warm-up done / not done (alternating skipped and pending), with outcomes."""
    made: list[Session] = []
    for n in range(total_with):
        made.append(
            session(TODAY, len(made) + 1, states={"warm-up": "done"}, cramped=n < cramped_with)
        )
    for n in range(total_without):
        state: ItemState = "pending" if n % 2 else "skipped"
        made.append(
            session(TODAY, len(made) + 1, states={"warm-up": state}, cramped=n < cramped_without)
        )
    return made


def test_associations_count_cramps_with_and_without_each_item() -> None:
    sessions = with_and_without(1, 9, 4, 8)
    sessions.append(session(TODAY, 99, states={"warm-up": "done"}))  # no outcome: ignored
    assert associations(sessions, ["warm-up", "hydrate"], ()) == [
        Association("warm-up", cramped_without=4, total_without=8, cramped_with=1, total_with=9)
    ]


@pytest.mark.parametrize(
    ("with_n", "without_n", "shown"), [(8, 8, True), (7, 20, False), (20, 7, False)]
)
def test_associations_need_eight_sessions_on_both_sides(
    with_n: int, without_n: int, shown: bool
) -> None:
    """Fewer than 8 sessions with (or without) an item is too few to compare."""
    found = associations(with_and_without(0, with_n, 0, without_n), ["warm-up"], ())
    assert bool(found) is shown


def test_a_safety_check_is_never_a_habit() -> None:
    """The nerve check is done or not for safety: never compared with cramps, however clear."""
    sessions = [
        session(TODAY, n, states={"no-nerve-symptoms": "done", "warm-up": "done"}, cramped=False)
        for n in range(1, 11)
    ]
    sessions += [
        session(
            TODAY, n, states={"no-nerve-symptoms": "skipped", "warm-up": "skipped"}, cramped=True
        )
        for n in range(11, 21)
    ]
    checks = safety_check_ids(default_content().checklist)  # the items of kind "safety"
    assert checks == {"no-nerve-symptoms"}
    found = find_patterns(sessions, ["no-nerve-symptoms", "warm-up"], checks)
    assert [a.item_id for a in found.fewer_with] == ["warm-up"]
    assert [a.item_id for a in associations(sessions, ["no-nerve-symptoms"], checks)] == []


@pytest.mark.parametrize(
    ("cramped_with", "cramped_without", "pattern"),
    [(5, 4, False), (6, 5, False), (3, 5, True), (0, 10, True), (2, 9, True)],
)
def test_a_pattern_needs_twenty_points_between_the_rates(
    cramped_with: int, cramped_without: int, pattern: bool
) -> None:
    """10 sessions a side: 50 % against 46 % is no pattern; 30 % against 50 % (exactly 20
    points) is."""
    association = Association("warm-up", cramped_without, 10, cramped_with, 10)
    assert association.is_pattern is pattern
    found = ranked([association])
    assert bool(found.more_with or found.fewer_with) is pattern
    assert found.compared == 1


def test_fifty_against_forty_six_percent_is_no_pattern() -> None:
    """The issue's example: 50 % with, 46 % without, on plenty of sessions."""
    sessions = with_and_without(6, 12, 6, 13)
    assert find_patterns(sessions, ["warm-up"], ()) == Patterns([], [], compared=1)


def test_describe_gives_rates_with_their_counts_and_never_a_cause() -> None:
    text = describe(Association("warm-up", 13, 20, 3, 10), "Warm up")
    assert text == "Cramped in 30 % of sessions with “Warm up” (3 of 10), 65 % without (13 of 20)."
    lowered = (text + CHANGED_TOGETHER).lower()
    assert not any(word in lowered for word in ("because", "cause ", "prevent", "due to"))
    assert "changed over the same weeks" in CHANGED_TOGETHER


def test_one_count_of_cramps() -> None:
    """A cramped session with 2 timed cramps is 2; a cramped one with none is 1; a timed cramp
    in a session whose outcome is still missing is 1; a lone cramp is 1; no cramp is 0."""
    sessions: Iterable[Session] = [
        session(TODAY, 1, cramped=True, episodes=2),
        session(TODAY, 2, cramped=True),
        session(TODAY, 3, cramped=False),
        session(TODAY, 4),
        session(TODAY, 5, episodes=1),
    ]
    assert [session_cramps(s) for s in sessions] == [2, 1, 0, 0, 1]
    assert [session_cramped(s) for s in sessions] == [True, True, False, False, True]
    assert total_cramps(sessions) == 4
    lone = CrampEpisode(at=datetime.combine(TODAY, time(9), UTC))
    assert total_cramps(sessions, [lone]) == 5


def test_patterns_are_split_in_two_kinds_and_ranked_strongest_first() -> None:
    warm = Association("warm-up", 8, 8, 2, 16)  # fewer with it: 12% against 100%
    loosen = Association("loosen", 3, 6, 2, 20)  # fewer with it: 10% against 50%
    desk = Association("desk", 1, 10, 3, 5)  # more with it: 60% against 10%
    same = Association("hydrate", 1, 5, 2, 10)  # 20% either way: neither kind
    small = Association("posture", 2, 10, 3, 10)  # 30% against 20%: too close to call
    assert ranked([loosen, small, same, desk, warm]) == Patterns(
        more_with=[desk], fewer_with=[warm, loosen], compared=5
    )
    assert ranked([]) == Patterns([], [])


def test_stretch_rates_need_enough_sessions_and_count_a_cramp_as_done() -> None:
    from crampui.insights.patterns import StretchRate, describe_stretch, stretch_rates

    knee, tilt = "knee-to-chest", "pelvic-tilt"
    sessions = [((knee, tilt), ())] * 5 + [((tilt,), (knee,))] * 4 + [((knee,), ())] * 3
    rates = stretch_rates(sessions)
    assert rates == [StretchRate(knee, 4, 12), StretchRate(tilt, 0, 9)]
    assert stretch_rates(sessions[:7]) == [], "fewer than 8 sessions each"
    assert describe_stretch(StretchRate(knee, 4, 9), "Knee to chest") == (
        "Cramped in 4 of 9 sessions during Knee to chest (44 %)."
    )
