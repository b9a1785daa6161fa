"""The hold timer (issue 27.10): digits that grow with the screen, a question before leaving a
running set, no key meaning two things on stacked screens, and the outcome from Done."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits

from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.timer import TimerScreen
from crampui.ui.widgets.big_clock import BigClock
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.keys import send_burst
from tests.seeded import NOW
from tests.snapshots import LARGE, SMALL
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


def make_app(tmp_path: Path) -> CrampApp:
    """The real app on an empty history, with fixed clocks."""
    return CrampApp(
        db_path=str(tmp_path / "history.json"),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


async def open_timer(app: CrampApp, pilot: Pilot[int]) -> TimerScreen:
    """Open the timer from the Checklist, as a user would."""
    await wait_for_app_ready(pilot)
    await pilot.press("3")
    await wait_for_focus(pilot, "#checklist-items")
    await pilot.press("t")
    return await wait_for_screen(pilot, TimerScreen)


async def test_the_digits_grow_with_the_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        timer = await open_timer(app, pilot)
        big = timer.query_one(BigClock)
        await wait_until(pilot, lambda: big.display and big.size.height >= 10, "big digits")
        assert not timer.query_one(Digits).display
        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: timer.query_one(Digits).display, "the small digits")
        assert not big.display


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_leaving_a_running_set_asks_first(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        timer = await open_timer(app, pilot)
        await pilot.press(key)
        await wait_for_screen(pilot, ConfirmScreen)
        assert timer.hold_timer.paused
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("enter")  # Keep going
        await wait_until(pilot, lambda: app.screen is timer, "back on the timer")
        assert not timer.hold_timer.paused and app.is_running
        await pilot.press(key)
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")  # Stop
        if key == "escape":
            await wait_for_screen_gone(pilot, TimerScreen)
            assert app.is_running
    if key == "q":
        assert app.return_code == 0


async def test_a_double_m_on_the_cramping_screen_leaves_the_bell_on(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        timer = await open_timer(app, pilot)
        await pilot.press("f2")
        cramping = await wait_for_screen(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: cramping.episode is not None, "the cramp logged")
        assert timer.hold_timer.paused  # by f2
        send_burst(pilot, "mm ")  # the space behind them resumes: both m were read by then
        await wait_until(
            pilot, lambda: app.screen is timer and not timer.hold_timer.paused, "the timer on"
        )
        assert timer.settings.bell


async def test_the_done_screen_leads_to_the_outcome(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        store = app.open_store()
        assert store is not None
        store.add_session([])  # a run saved before the workout
        timer = await open_timer(app, pilot)
        while not timer.hold_timer.finished:
            await pilot.press("n")
        await pilot.press("o")
        await wait_for_screen(pilot, OutcomeScreen)
