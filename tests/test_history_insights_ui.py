"""History's cramp counts and patterns in the real app: one count of cramps in the table, the
summary, the trends, the status line and the report; patterns as rates, never a safety check."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.content.store import default_content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, ItemState, Outcome
from crampui.insights.patterns import CHANGED_TOGETHER
from crampui.insights.report.data import gather
from crampui.insights.report.wording import sessions_text
from crampui.insights.status import status, status_line
from crampui.insights.trends import weekly_trends
from crampui.ui.panes.history import NO_PATTERN
from crampui.ui.widgets.line_table import LineTable
from tests.clocks import FakeWallClock
from tests.seeded import NOW, seeded_app
from tests.snapshots import SMALL
from tests.waiting import wait_for_app_ready, wait_for_focus

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]
TODAY = NOW.date()


async def open_history(pilot: Pilot[Any]) -> None:
    """Wait for start-up and show the History tab with its table focused."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")
    await wait_for_focus(pilot, "#history-table")


def cells(app: Any, column: str) -> list[str]:
    """The plain text of one History table column, top row first."""
    table = app.query_one("#history-table", LineTable)
    index = [str(c.label) for c in table.columns.values()].index(column)
    return [
        str(getattr(row[index], "plain", row[index]))
        for row in map(table.get_row_at, range(table.row_count))
    ]


def text(app: Any, selector: str) -> str:
    """The plain text of a Static."""
    return str(app.query_one(selector, Static).render())


async def test_one_count_of_cramps_everywhere(tmp_path: Path) -> None:
    """A "cramp 5/10" session with no F2 is 1 cramp; a cramped session with 2 F2 cramps is 2; a
    lone F2 cramp is 1; no cramp is none: the table, the trends, the status line and the report
    all say 4."""
    path = tmp_path / "history.json"
    clock = FakeWallClock(NOW - timedelta(hours=5))
    store = HistoryStore(path, clock=clock)
    rated = store.add_session([ItemRecord("hydrate", "done")])
    store.set_outcome(rated.id, Outcome(True, severity=5))
    clock.now += timedelta(hours=1)
    timed = store.add_session([ItemRecord("hydrate", "done")])
    for _ in range(2):
        store.add_episode(CrampEpisode(clock.now), timed.id)
    store.set_outcome(timed.id, Outcome(True, severity=7))
    clock.now += timedelta(hours=1)
    store.set_outcome(store.add_session([ItemRecord("hydrate", "done")]).id, Outcome(False))
    clock.now += timedelta(hours=1)
    store.add_episode(CrampEpisode(clock.now))
    app = seeded_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        assert cells(app, "Cramps") == ["1", "", "2", "1"]  # newest first: lone, no, 2 F2, 5/10
        assert "4 cramps in all." in text(app, "#trend-change")
    sessions, loose = store.sessions(), store.loose_episodes()
    assert sum(week.cramps for week in weekly_trends(sessions, TODAY, loose=loose)) == 4
    assert status_line(status(sessions, TODAY, loose=loose)).startswith(
        "3 sessions this week, 4 cramps"
    )
    report = gather(sessions, default_content(), TODAY, TODAY, NOW, loose=loose)
    assert "2 with a cramp; 4 cramps in all" in sessions_text(report)


def add_sessions(
    store: HistoryStore, count: int, warm_up: ItemState, nerve_check: ItemState, cramps: int
) -> None:
    """``count`` sessions, a day apart, with these two items; the first ``cramps`` cramped."""
    clock = store.clock
    assert isinstance(clock, FakeWallClock)
    for number in range(count):
        clock.now += timedelta(days=1)
        items = [ItemRecord("warm-up", warm_up), ItemRecord("no-nerve-symptoms", nerve_check)]
        session = store.add_session(items)
        store.set_outcome(session.id, Outcome(number < cramps))


async def patterns_shown(
    directory: Path, without: tuple[ItemState, int], done: tuple[ItemState, int]
) -> str:
    """What History's patterns say after 10 sessions without the warm-up, then 10 with it:
    each side's nerve-check state and how many of its sessions cramped."""
    store = HistoryStore(directory / "history.json", clock=FakeWallClock(NOW - timedelta(days=30)))
    add_sessions(store, 10, "skipped", without[0], cramps=without[1])
    add_sessions(store, 10, "done", done[0], cramps=done[1])
    app = seeded_app(directory)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        return " ".join(text(app, "#history-patterns").split())


async def test_patterns_are_rates_and_never_the_nerve_check(tmp_path: Path) -> None:
    """10 sessions a side: warm-up and the nerve check done (2 cramped) or both skipped (8
    cramped). The warm-up is a pattern, told as rates with the line that both may have changed
    together; the nerve check, a safety check, is never called a habit."""
    patterns = await patterns_shown(tmp_path, without=("skipped", 8), done=("done", 2))
    assert (
        "Cramped less often with: • Cramped in 20 % of sessions with “Warm up for 5 to 10 "
        "minutes” (2 of 10), 80 % without (8 of 10)." in patterns
    )
    assert " ".join(CHANGED_TOGETHER.split()) in patterns
    assert "numbness" not in patterns


async def test_a_small_difference_is_no_pattern(tmp_path: Path) -> None:
    """5 of 10 with a warm-up against 4 of 10 without: 10 points apart, so no pattern."""
    patterns = await patterns_shown(tmp_path, without=("done", 4), done=("done", 5))
    assert patterns == " ".join(NO_PATTERN.split())
