"""The hold-timer screen, driven by Pilot with a fake clock (no test sleeps through seconds)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Digits

from crampui.settings import Settings
from crampui.ui.messages import CrampReported
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.timer import TimerScreen, settings_line
from tests.clocks import FakeMonotonic
from tests.test_cramping_screen import Harness, SnapCompare, text_of
from tests.waiting import wait_for_focus, wait_for_screen, wait_for_screen_gone, wait_until

pytestmark = pytest.mark.ui

NEVER = 3600.0
"""A tick interval that never fires during a test: the tests call refresh_timer themselves."""


def timer_app(settings: Settings | None = None, tick_interval: float = NEVER) -> Harness:
    """A harness app that opens the timer with ``settings`` on its fake clock."""

    def make(clock: FakeMonotonic) -> Screen[Any]:
        return TimerScreen(settings or Settings(), clock, tick_interval)

    return Harness(make)


def timer(app: Harness) -> TimerScreen:
    """The timer screen, which must be the active screen."""
    screen = app.screen
    assert isinstance(screen, TimerScreen)
    return screen


def digits(app: Harness) -> str:
    """The big countdown's text."""
    return app.screen.query_one("#timer-digits", Digits).value


def phase(app: Harness) -> str:
    """The phase label."""
    return text_of(app, "#timer-phase")


def advance(app: Harness, seconds: float) -> None:
    """Move the fake clock on and let the timer catch up once."""
    app.clock.advance(seconds)
    timer(app).refresh_timer()


def test_settings_line() -> None:
    assert settings_line(Settings()) == "hold 30 s · 3 reps · both sides · bell on"
    one = Settings(hold_seconds=45, repetitions=1, both_sides=False, bell=False)
    assert settings_line(one) == "hold 45 s · 1 rep · one side · bell off"


async def test_count_in_then_hold() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        assert phase(app) == "Get ready — left side first"
        assert digits(app) == "0:05"
        assert text_of(app, "#timer-rep") == "Rep 1 of 3"
        assert text_of(app, "#timer-settings") == "hold 30 s · 3 reps · both sides · bell on"
        advance(app, 2)
        assert digits(app) == "0:03"
        advance(app, 3)
        assert phase(app) == "Hold — left side"
        assert digits(app) == "0:30"
        assert app.rings == 1
        advance(app, 12)
        assert digits(app) == "0:18"


async def test_a_full_hold_rings_at_its_start_and_end() -> None:
    app = timer_app(Settings(hold_seconds=15, repetitions=2, both_sides=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5)
        assert (phase(app), app.rings) == ("Hold", 1)
        advance(app, 15)
        assert phase(app) == "Get ready"
        assert text_of(app, "#timer-rep") == "Rep 2 of 2"
        assert app.rings == 2


async def test_side_switch() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5)
        advance(app, 30)
        assert phase(app) == "Switch to the right side"
        assert digits(app) == "0:05"
        # The end of the hold and the switch cue happen at once: one ring, not two.
        assert app.rings == 2
        advance(app, 5)
        assert phase(app) == "Hold — right side"
        assert text_of(app, "#timer-rep") == "Rep 1 of 3"
        assert app.rings == 3


async def test_pause_freezes_the_countdown_and_resume_continues() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 10)
        assert digits(app) == "0:20"
        await pilot.press("space")
        assert text_of(app, "#timer-status") == "Paused — press space to resume."
        advance(app, 100)
        assert digits(app) == "0:20"
        await pilot.press("space")
        assert text_of(app, "#timer-status") == ""
        advance(app, 3)
        assert digits(app) == "0:17"


async def test_skip_moves_to_the_next_phase() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("n")
        assert phase(app) == "Hold — left side"
        assert digits(app) == "0:30"
        assert app.rings == 1
        await pilot.press("n")
        assert phase(app) == "Switch to the right side"


async def test_mute_stops_the_bell_and_is_saved() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("b")
        assert [s.bell for s in app.saved] == [False]
        assert text_of(app, "#timer-settings").endswith("bell off")
        advance(app, 5)
        advance(app, 30)
        assert phase(app) == "Switch to the right side"
        assert app.rings == 0
        await pilot.press("b")
        assert [s.bell for s in app.saved] == [False, True]
        advance(app, 5)
        assert app.rings == 1


async def test_plus_and_minus_during_a_hold_apply_from_the_next_hold_on() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 10)  # 10 s into the first 30 s hold
        await pilot.press("plus")
        assert [s.hold_seconds for s in app.saved] == [35]
        assert phase(app) == "Hold — left side"  # the set goes on
        assert text_of(app, "#timer-rep") == "Rep 1 of 3"
        assert digits(app) == "0:20"  # the hold under way keeps its length
        assert text_of(app, "#timer-status") == "Holds are now 35 s from the next hold on."
        assert text_of(app, "#timer-settings").startswith("hold 35 s")
        advance(app, 20 + 5)  # the rest of this hold, then the switch
        assert phase(app) == "Hold — right side"
        assert digits(app) == "0:35"
        assert text_of(app, "#timer-status") == ""
        await pilot.press("minus", "minus")
        assert [s.hold_seconds for s in app.saved] == [35, 30, 25]
        assert digits(app) == "0:35"
        advance(app, 35 + 5)
        assert (phase(app), digits(app)) == ("Hold — left side", "0:25")


async def test_brackets_during_a_hold_change_the_set_without_restarting_it() -> None:
    app = timer_app(Settings(repetitions=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 30 + 5 + 30 + 5 + 10)  # rep 2, left side, 10 s in
        await pilot.press("right_square_bracket")
        assert text_of(app, "#timer-rep") == "Rep 2 of 3"
        assert (phase(app), digits(app)) == ("Hold — left side", "0:20")
        assert text_of(app, "#timer-status") == "Now 3 reps; this set goes on."
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert text_of(app, "#timer-status") == "This set is on rep 2: it cannot have fewer."
        assert [s.repetitions for s in app.saved] == [3, 2]
        assert text_of(app, "#timer-rep") == "Rep 2 of 2"
        assert digits(app) == "0:20"


@pytest.mark.parametrize(
    ("hold", "key", "note"),
    [(60, "plus", "60 s is the longest hold."), (15, "minus", "15 s is the shortest hold.")],
)
async def test_hold_stays_within_its_limits(hold: int, key: str, note: str) -> None:
    app = timer_app(Settings(hold_seconds=hold))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press(key)
        assert app.saved == []
        assert text_of(app, "#timer-status") == note


async def test_brackets_change_the_repetitions() -> None:
    app = timer_app(Settings(repetitions=9))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("right_square_bracket")
        assert text_of(app, "#timer-rep") == "Rep 1 of 10"
        await pilot.press("right_square_bracket")
        assert text_of(app, "#timer-status") == "10 reps are the most."
        await pilot.press("left_square_bracket")
        assert [s.repetitions for s in app.saved] == [10, 9]
        assert text_of(app, "#timer-settings") == "hold 30 s · 9 reps · both sides · bell on"


async def test_done_offers_a_restart() -> None:
    app = timer_app(Settings(hold_seconds=15, repetitions=1, both_sides=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 15)
        assert phase(app) == "Done"
        assert text_of(app, "#timer-rep") == "Set complete. Nice work."
        assert digits(app) == "0:00"
        await pilot.press("n", "space")  # nothing to skip or pause any more
        assert phase(app) == "Done"
        await pilot.press("r")
        assert phase(app) == "Get ready"
        assert digits(app) == "0:05"


async def test_cramping_now_mid_hold_logs_once_and_leaves_the_timer_paused() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 12.5)
        await pilot.press("f2")
        await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        assert len(app.reports) == 1
        report = app.reports[0]
        assert (report.repetition, report.side, report.hold_seconds) == (1, "left", 30)
        assert report.seconds_into_hold == pytest.approx(12.5)
        app.clock.advance(40)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert timer(app).hold_timer.paused
        assert digits(app) == "0:18"
        assert text_of(app, "#timer-status") == "Paused — press space to resume."
        await pilot.press("space")
        advance(app, 8)
        assert digits(app) == "0:10"
        assert len(app.reports) == 1


async def test_cramping_now_during_the_count_in_has_no_seconds() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("f2")
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        assert app.reports == [CrampReported(1, "left", None, 30)]


async def test_escape_closes_the_timer_mid_set_once_confirmed() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")  # Stop
        await wait_for_screen_gone(pilot, TimerScreen)
        assert not isinstance(app.screen, TimerScreen)


async def test_escape_closes_a_finished_set_at_once() -> None:
    app = timer_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, TimerScreen)
        while not screen.hold_timer.finished:
            await pilot.press("n")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, TimerScreen)


async def test_the_interval_keeps_the_timer_moving() -> None:
    app = timer_app(tick_interval=0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        app.clock.advance(5)
        # Nothing here calls refresh_timer: only the screen's interval can move the timer on.
        await wait_until(pilot, lambda: phase(app) != "Get ready — left side first", "a tick")
        assert phase(app) == "Hold — left side"


async def go_mid_hold(pilot: Pilot[Any]) -> None:
    """Run the timer to 12 s into the first hold (fake clock), for snapshots."""
    await wait_for_screen(pilot, TimerScreen)
    app = pilot.app
    assert isinstance(app, Harness)
    advance(app, 5)
    advance(app, 12)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 36)], ids=["60x20", "80x24", "120x36"])
def test_snapshot_timer_mid_hold(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(timer_app(), terminal_size=size, run_before=go_mid_hold)
