"""Insights: streaks, heatmap, item counts and associations worded as counts, not causes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

import pytest

from crampui.history import CrampEpisode, ItemRecord, ItemState, Outcome, Session
from crampui.insights import (
    Association,
    ItemFrequency,
    Patterns,
    Streaks,
    associations,
    describe,
    episode_count,
    heatmap,
    item_frequency,
    ranked,
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
    sessions = with_and_without(1, 9, 4, 5)
    sessions.append(session(TODAY, 99, states={"warm-up": "done"}))  # no outcome: ignored
    assert associations(sessions, ["warm-up", "hydrate"]) == [
        Association("warm-up", cramped_without=4, total_without=5, cramped_with=1, total_with=9)
    ]


@pytest.mark.parametrize(("with_n", "without_n", "shown"), [(5, 5, True), (9, 4, False)])
def test_associations_need_min_each_on_both_sides(with_n: int, without_n: int, shown: bool) -> None:
    found = associations(with_and_without(0, with_n, 0, without_n), ["warm-up"], min_each=5)
    assert bool(found) is shown


def test_describe_states_counts_and_never_a_cause() -> None:
    text = describe(Association("warm-up", 4, 5, 1, 9), "Warm up")
    assert text == "Cramped in 4 of 5 sessions without “Warm up”, 1 of 9 with it."
    lowered = text.lower()
    assert " of " in lowered
    assert not any(word in lowered for word in ("because", "cause", "prevent", "due to"))


def test_cramp_totals_count_episodes_or_one_per_cramped_session() -> None:
    sessions: Iterable[Session] = [
        session(TODAY, 1, cramped=True, episodes=3),
        session(TODAY, 2, cramped=True),
        session(TODAY, 3, cramped=False),
        session(TODAY, 4),
    ]
    assert [episode_count(s) for s in sessions] == [3, 0, 0, 0]
    assert total_cramps(sessions) == 4


def test_patterns_are_split_in_two_kinds_and_ranked_strongest_first() -> None:
    warm = Association("warm-up", 8, 8, 2, 16)  # fewer with it: 12% against 100%
    loosen = Association("loosen", 3, 6, 2, 20)  # fewer with it: 10% against 50%
    desk = Association("desk", 1, 10, 3, 5)  # more with it: 60% against 10%
    same = Association("hydrate", 1, 5, 2, 10)  # 20% either way: neither kind
    tiny = Association("posture", 2, 10, 3, 10)  # more with it: 30% against 20%
    assert ranked([loosen, tiny, same, desk, warm]) == Patterns(
        more_with=[desk, tiny], fewer_with=[warm, loosen]
    )
    assert ranked([]) == Patterns([], [])
