"""The whole app end to end (Pilot): the checklist, history, launch prompt, timer and F2."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot

from crampui.content.safety import QUESTIONS
from crampui.history import HistoryStore, ItemRecord
from crampui.settings import load_settings
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.screens.timer import TimerScreen
from crampui.ui.widgets.line_table import LineTable
from crampui.ui.widgets.outcome_notice import OutcomeNotice
from crampui.ui.widgets.tabbed import Tabbed
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_for_workers,
    wait_until,
)

pytestmark = pytest.mark.ui

SIZE = (100, 32)
NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc)


def make_app(tmp_path: Path, clock: FakeWallClock | None = None) -> CrampApp:
    """An app on ``tmp_path`` with a fixed wall clock and a fake monotonic clock."""
    return CrampApp(
        db_path=str(tmp_path / "history.json"),
        settings_file=tmp_path / "settings.json",
        clock=clock or FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


async def open_timer(app: CrampApp, pilot: Pilot[int]) -> TimerScreen:
    """Open the hold timer from the Checklist tab, as a user would."""
    await wait_for_app_ready(pilot)
    await pilot.press("3")
    await pilot.press("t")
    return await wait_for_screen(pilot, TimerScreen)


def stored(app: CrampApp) -> HistoryStore:
    """The history store the app has opened."""
    assert app.store is not None
    return app.store


async def test_tick_skip_save_relaunch_add_outcome_and_see_it_in_history(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await pilot.press("space", "down", "s")
        await wait_for_screen(pilot, SkipReasonScreen)
        await wait_for_focus(pilot, "#skip-reason")
        await pilot.press(*"sore knee", "enter")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        assert isinstance(app.screen, ConfirmScreen)  # open items: warn, never block
        await wait_for_focus(pilot, "#confirm-yes")
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored(app).sessions(), "the run to be saved")
        await pilot.press("q")
    store = HistoryStore(tmp_path / "history.json")
    [session] = store.sessions()
    assert session.done_ids == ("hydrate",)
    assert session.skipped_ids == ("eat-balanced",)
    assert session.items[1].reason == "sore knee"
    assert session.outcome is None

    again = make_app(tmp_path, FakeWallClock(NOW + timedelta(hours=2)))
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        notice = again.query_one(OutcomeNotice)  # "no outcome yet: how did it go?"
        assert notice.session_id == session.id
        await pilot.click("#outcome-notice-add")
        await wait_for_screen(pilot, OutcomeScreen)
        assert isinstance(again.screen, OutcomeScreen)
        await wait_for_focus(pilot, "#outcome-cramped")
        await pilot.press("right", "tab")  # cramped: yes, then on to severity
        await wait_for_focus(pilot, "#outcome-severity")
        await pilot.press("4", "tab", "tab", "tab", "tab", *"lower back")  # past the place
        await pilot.press("tab", *"[bold]ouch[/]", "enter")
        await wait_for_screen(pilot, RedFlagsScreen)
        assert isinstance(again.screen, RedFlagsScreen)
        for question in QUESTIONS:
            await wait_for_focus(pilot, f"#flag-{question.id}")
            await pilot.press("n")
        await wait_for_focus(pilot, "#red-flag-continue")
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_for_workers(pilot)  # the outcome is stored by the dialogs' worker
        await pilot.press("4")
        table = again.query_one("#history-table", LineTable)

        def first_row() -> str:
            return " ".join(str(cell) for cell in table.get_row_at(0)) if table.row_count else ""

        await wait_until(pilot, lambda: "cramp 4/10" in first_row(), "the outcome in History")
        assert table.row_count == 1
        row = first_row()
        assert "cramp 4/10" in row
        streak = " ".join(str(w.render()) for w in again.query("#history-pane Static"))
        assert "1 day" in streak
    saved = HistoryStore(tmp_path / "history.json").get(session.id)
    outcome = saved.outcome
    assert outcome is not None
    assert (outcome.cramped, outcome.severity, outcome.where) == (True, 4, "lower back")
    assert saved.note == "[bold]ouch[/]"
    assert outcome.advice_shown is False


async def test_cramp_key_on_any_tab_logs_one_episode_into_the_current_session(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW - timedelta(hours=1)))
    session = store.add_session([ItemRecord("hydrate", "done")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.query(OutcomeNotice)  # the session has no outcome yet: a notice, no dialog
        await pilot.press("2", "slash", "f2")  # from the FAQ search box, where letters are text
        await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        await wait_until(
            pilot, lambda: stored(app).get(session.id).episodes, "the cramp to be logged"
        )
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert app.query_one(Tabbed).active == "faq"
    [episode] = store.get(session.id).episodes
    assert episode.at == NOW
    assert episode.repetition is None and episode.seconds_into_hold is None


async def test_cramp_mid_hold_records_rep_side_and_seconds(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    monotonic = app.monotonic
    assert isinstance(monotonic, FakeMonotonic)
    async with app.run_test(size=SIZE) as pilot:
        timer = await open_timer(app, pilot)
        monotonic.advance(5 + 12)  # the 5 s count-in, then 12 s into the first hold
        timer.refresh_timer()
        await pilot.press("f2")
        await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        await wait_until(pilot, lambda: stored(app).loose_episodes(), "the cramp to be logged")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert app.screen is timer and timer.hold_timer.paused
    store = HistoryStore(tmp_path / "history.json")
    assert store.sessions() == []
    [episode] = store.loose_episodes()  # no session saved yet: stored on its own
    assert (episode.repetition, episode.side, episode.hold_seconds) == (1, "left", 30)
    assert episode.seconds_into_hold is not None
    assert abs(episode.seconds_into_hold - 12) < 0.01


async def test_timer_settings_survive_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_timer(app, pilot)
        await pilot.press("plus", "plus", "b")  # hold 40 s, bell off

        def saved() -> bool:
            settings = load_settings(tmp_path / "settings.json")[0]
            return (settings.hold_seconds, settings.bell) == (40, False)

        await wait_until(pilot, saved, "the timer settings to be saved")
    settings, message = load_settings(tmp_path / "settings.json")
    assert message is None
    assert (settings.hold_seconds, settings.bell) == (40, False)
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        timer = await open_timer(again, pilot)
        assert timer.hold_timer.config.hold_seconds == 40
        assert timer.settings.bell is False


async def test_unreadable_history_keeps_the_app_usable(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text('{"meta": {"1": {"schema_version": 99}}}')
    before = path.read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:

        def messages() -> str:
            return " ".join(n.message for n in app._notifications)

        await wait_until(pilot, lambda: "newer" in messages(), "the history error to be shown")
        assert "newer" in messages()
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        assert "could not be opened" in str(app.query_one("#checklist .banner").render())
        await pilot.press("1")
        assert app.query_one(Tabbed).active == "causes"
    assert path.read_bytes() == before
