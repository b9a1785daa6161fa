"""The whole app end to end (Pilot): the checklist, history, launch prompt, timer and F2."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from crampui.app import CrampApp
from crampui.history import HistoryStore, ItemRecord
from crampui.screens.confirm import ConfirmScreen
from crampui.screens.cramping import CrampingNowScreen
from crampui.screens.outcome import OutcomeScreen
from crampui.screens.red_flags import RedFlagsScreen
from crampui.screens.timer import TimerScreen
from crampui.settings import load_settings
from tests.clocks import FakeMonotonic, FakeWallClock

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
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, TimerScreen)
    return app.screen


async def test_tick_skip_save_relaunch_add_outcome_and_see_it_in_history(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("space", "down", "s")
        await pilot.pause()
        await pilot.press(*"sore knee", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # open items: warn, never block
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
    store = HistoryStore(tmp_path / "history.json")
    [session] = store.sessions()
    assert session.done_ids == ("hydrate",)
    assert session.skipped_ids == ("eat-balanced",)
    assert session.items[1].reason == "sore knee"
    assert session.outcome is None

    again = make_app(tmp_path, FakeWallClock(NOW + timedelta(hours=2)))
    async with again.run_test(size=SIZE) as pilot:
        for _ in range(10):
            await pilot.pause()
            if isinstance(again.screen, ConfirmScreen):
                break
        assert isinstance(again.screen, ConfirmScreen)  # "no outcome yet: add it now?"
        await pilot.press("enter")
        for _ in range(10):
            await pilot.pause()
            if isinstance(again.screen, OutcomeScreen):
                break
        assert isinstance(again.screen, OutcomeScreen)
        await pilot.press("right", "enter")  # cramped: yes
        await pilot.press("4", "tab", *"lower back", "tab", *"[bold]ouch[/]", "enter")
        await pilot.pause()
        assert isinstance(again.screen, RedFlagsScreen)
        await pilot.press("n", "n", "n", "n", "enter")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        table = again.query_one("#history-table", DataTable)
        assert table.row_count == 1
        row = " ".join(str(cell) for cell in table.get_row_at(0))
        assert "cramp 4/10" in row
        streak = " ".join(str(w.render()) for w in again.query("#history-pane Static"))
        assert "1 day" in streak
    outcome = HistoryStore(tmp_path / "history.json").get(session.id).outcome
    assert outcome is not None
    assert (outcome.cramped, outcome.severity, outcome.where) == (True, 4, "lower back")
    assert outcome.note == "[bold]ouch[/]"
    assert outcome.advice_shown is False


async def test_cramp_key_on_any_tab_logs_one_episode_into_the_current_session(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW - timedelta(hours=1)))
    session = store.add_session([ItemRecord("hydrate", "done")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while isinstance(app.screen, ConfirmScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("2", "f2")  # from the FAQ search box, where letters are text
        await pilot.pause()
        assert isinstance(app.screen, CrampingNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "faq"
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
        await pilot.pause()
        assert isinstance(app.screen, CrampingNowScreen)
        await pilot.press("escape")
        await pilot.pause()
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
        await pilot.press("plus", "plus", "m")  # hold 40 s, bell off
        await pilot.pause()
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
        await pilot.pause()
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
        assert "newer" in messages
        await pilot.press("3")
        await pilot.pause()
        assert "could not be opened" in str(app.query_one("#checklist .banner").render())
        await pilot.press("1")
        assert app.query_one(TabbedContent).active == "causes"
    assert path.read_bytes() == before
