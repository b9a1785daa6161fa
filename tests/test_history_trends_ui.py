"""History trends, the weekly target, the report key and the launch notice, in the real app.

On the seeded history the chart, the target line and ``crampui status`` must agree with the
store; r writes the report and says where; a due session is announced without a dialog.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.content.store import default_content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.insights.patterns import total_cramps
from crampui.insights.report import default_report_path
from crampui.insights.status import status, status_line
from crampui.insights.trends import target_progress, week_start, weekly_trends
from crampui.settings import Settings, load_settings, save_settings
from crampui.ui.app import CrampApp
from crampui.ui.panes.history import HistoryPane
from crampui.ui.widgets.trend_chart import CELL, LABEL, TrendChart, bar, bar_row, cramped_text
from crampui.wording import plural
from tests.clocks import FakeWallClock
from tests.seeded import ADVICE_SESSION, NOW, seeded_app
from tests.snapshots import LARGE, SMALL, SnapCompare, press_then_hold_still
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]
TODAY = NOW.date()
Notices = list[tuple[str, str | None]]


def app_with_target(directory: Path, target: int) -> CrampApp:
    """The seeded app with a weekly target of ``target`` sessions (0: none)."""
    if target:
        settings = Settings(weekly_target=target, checked_session=ADVICE_SESSION)
        save_settings(settings, directory / "config" / "settings.json")
    return seeded_app(directory)


def record_notices(app: CrampApp) -> Notices:
    """Keep every notification (message, title) the app shows."""
    notices: Notices = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        notices.append((message, options.get("title")))
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notices


async def open_history(pilot: Pilot[Any]) -> None:
    """Wait for start-up and show the History tab."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")


def text(app: CrampApp, selector: str) -> str:
    """The plain text of a Static."""
    return str(app.query_one(selector, Static).render())


async def test_chart_agrees_with_the_store(tmp_path: Path) -> None:
    """The bars are the store's cramped sessions and recorded ratings for each of the last 12
    weeks; the numbers under them say "cramped/sessions", "–" for a week without any."""
    app = app_with_target(tmp_path, 0)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        chart = app.query_one(TrendChart)
        sessions = HistoryStore(app.history_file).sessions()
        weeks = weekly_trends(sessions, TODAY)
        assert chart.rates == [week.rate for week in weeks]
        assert chart.severities == [week.severity for week in weeks]
        cramped = [s for s in sessions if s.outcome is not None and s.outcome.cramped]
        assert sum(week.cramped for week in chart.weeks) == len(cramped)
        first = weeks[0].start
        assert chart.weeks[0].start == first == week_start(TODAY) - timedelta(weeks=11)
        rendered = " ".join(str(chart.render()).split())
        counts = [cramped_text(week) for week in weeks]
        assert "sessions " + " ".join(counts) in rendered
        assert "(so far)" in rendered
        change = text(app, "#trend-change")
        assert change.startswith("Cramped in ")
        assert f"{total_cramps(sessions, app.query_one(HistoryPane).shown.loose)} cramps" in change
        assert "No weekly target" in text(app, "#history-target")


async def test_weeks_without_sessions_are_gaps_and_this_week_is_so_far(tmp_path: Path) -> None:
    """A week without a session has no bar and "–" under it, not a zero; a week whose
    sessions all went without a cramp has the zero dot and "0/2"."""
    history = tmp_path / "history.json"
    store = HistoryStore(history, clock=FakeWallClock(NOW - timedelta(weeks=2)))
    for _ in range(2):
        session = store.add_session([ItemRecord("hydrate", "done")])
        store.set_outcome(session.id, Outcome(False))
    app = app_with_target(tmp_path, 0)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        chart = app.query_one(TrendChart)
        await wait_until(pilot, lambda: len(chart.weeks) == 12, "the chart drawn")
        lines = str(chart.render()).splitlines()
        assert lines[1].split()[1:] == ["–"] * 9 + ["0/2", "–", "–"]
        column = LABEL + 9 * CELL + 1  # the middle of week 10's bar
        assert lines[0][:column].strip() == "Cramped"  # weeks without sessions: no bars
        assert lines[0][column] == "·"
        assert lines[0][column + 1 :].strip() == ""
        assert "(so far)" in lines[-1] and "– no sessions" in lines[-1]


async def test_target_line_and_status_agree_with_the_store(tmp_path: Path) -> None:
    """With a target of 3: this week's count and weeks met in a row, as the status line says."""
    app = app_with_target(tmp_path, 3)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        sessions = HistoryStore(app.history_file).sessions()
        progress = target_progress(sessions, TODAY, 3)
        line = text(app, "#history-target")
        assert f"Target: {progress.this_week}/3 this week" in line
        assert f"met {progress.weeks_met} week" in line
        this_week = sum(week_start(s.local_time.date()) == week_start(TODAY) for s in sessions)
        assert progress.this_week == this_week
        status_text = status_line(status(sessions, TODAY, 3))
        assert status_text.startswith(f"{this_week}/3 this week · last session today")


async def test_t_steps_the_target_and_saves_it(tmp_path: Path) -> None:
    """t: off → 1 → 2 …; the line changes at once and the setting is saved."""
    app = app_with_target(tmp_path, 0)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        await pilot.press("t")
        assert "/1 this week" in text(app, "#history-target")
        await pilot.press("t")
        assert "/2 this week" in text(app, "#history-target")
        await wait_until(pilot, lambda: app.settings.weekly_target == 2, "the target saved")
        saved, problem = load_settings(app.settings_file)
        assert saved.weekly_target == 2 and problem is None
        assert saved.hold_seconds == app.settings.hold_seconds  # nothing else changed


async def test_r_writes_the_report_and_says_where(tmp_path: Path) -> None:
    """r writes the HTML report beside the history and names the file in a notification; a
    second r the same day writes report-DATE-2.html and leaves the first as it was."""
    app = app_with_target(tmp_path, 0)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await open_history(pilot)
        await pilot.press("r")
        path = default_report_path(app.history_file, TODAY)
        assert path.name == f"report-{TODAY.isoformat()}.html"
        written = (f"Report written to {path}", "Report")
        await wait_until(pilot, lambda: written in notices, "the report written off the UI thread")
        page = path.read_text(encoding="utf-8")
        sessions = HistoryStore(app.history_file).sessions()
        assert f"{plural(len(sessions), 'session')}, " in page
        assert default_content().disclaimer in page
        await pilot.press("r")
        second = path.with_name(f"report-{TODAY.isoformat()}-2.html")
        written = (f"Report written to {second}", "Report")
        await wait_until(pilot, lambda: written in notices, "the second report")
        assert path.read_text(encoding="utf-8") == page and second.read_text(encoding="utf-8")


async def test_due_session_is_announced_without_a_dialog(tmp_path: Path) -> None:
    """Last session 5 days ago with a target of 3: a notification says so; no modal opens."""
    history = tmp_path / "history.json"
    store = HistoryStore(history, clock=FakeWallClock(NOW - timedelta(days=5)))
    session = store.add_session([ItemRecord("hydrate", "done")])
    store.set_outcome(session.id, Outcome(False))
    app = app_with_target(tmp_path, 3)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        assert len(app.screen_stack) == 1
        due = [message for message, title in notices if title == "Weekly target"]
        assert due == [status_line(status(store.sessions(), TODAY, 3))]
        assert "a session is due" in due[0] and "last session 5 days ago" in due[0]


@pytest.mark.parametrize("target", [0, 3])
async def test_no_notice_when_nothing_is_due(tmp_path: Path, target: int) -> None:
    """No target, or a session today: no weekly-target notification."""
    app = app_with_target(tmp_path, target)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        assert not [title for _message, title in notices if title == "Weekly target"]


@pytest.mark.parametrize(
    ("value", "top", "glyph"),
    [(0, 3, "·"), (None, 10, " "), (0.1, 10, "▁"), (1, 3, "▃"), (3, 3, "█"), (5, 0, "·")],
)
def test_bars_start_at_zero(value: float | None, top: float, glyph: str) -> None:
    """Zero is a dot, nothing (no sessions) is a gap; anything above zero shows a bar, the
    largest a full block."""
    assert bar(value, top) == glyph


def test_bar_row_gives_each_week_four_columns() -> None:
    """Twelve weeks fit in 48 columns."""
    assert len(bar_row([1] * 12, 1)) == 12 * 4 - 2  # trailing spaces stripped


# -- how it looks -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_history_trends_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The History tab with a target of 3: target line, chart and the change in words."""
    app = app_with_target(tmp_path, 3)
    assert snap_compare(app, terminal_size=size, run_before=press_then_hold_still("4"))
