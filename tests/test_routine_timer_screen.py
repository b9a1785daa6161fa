"""The timer screen running a routine: names, cues, rests, "next", skip a stretch, F2 (issue 29).

Driven by Pilot on a fake clock; the tests call refresh_timer themselves.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from crampui.checklist.timer import Phase, StretchResult, StretchStatus, TimerStep
from crampui.content.store import default_content
from crampui.settings import Settings
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.screens.timer import TimerScreen
from tests.clocks import FakeMonotonic
from tests.test_cramping_screen import Harness, SnapCompare, text_of
from tests.test_timer_screen import NEVER, advance, digits, phase, timer
from tests.waiting import wait_for_screen, wait_for_screen_gone, wait_until

pytestmark = pytest.mark.ui

CUES = {stretch.id: stretch.cue for stretch in default_content().stretches}
KNEE = TimerStep("knee-to-chest", "Knee to chest", CUES["knee-to-chest"], 5, 2, True, 10)
TILT = TimerStep("pelvic-tilt", "Pelvic tilt", CUES["pelvic-tilt"], 5, 2, False)
ROUTINE = (KNEE, TILT)


def routine_app(steps: tuple[TimerStep, ...] = ROUTINE) -> Harness:
    """A harness app that runs ``steps`` in the timer on its fake clock (5 s count-in)."""

    def make(clock: FakeMonotonic) -> Screen[Any]:
        return TimerScreen(Settings(), clock, NEVER, routine=steps)

    return Harness(make)


async def test_the_routine_walks_through_named_stretches_rest_and_next() -> None:
    app = routine_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        assert text_of(app, "#timer-stretch") == "Knee to chest"
        assert text_of(app, "#timer-cue") == KNEE.cue
        assert phase(app) == "Get ready — left side first"
        assert text_of(app, "#timer-rep") == "Stretch 1 of 2 · Rep 1 of 2"
        assert text_of(app, "#timer-next") == "Next: Pelvic tilt"
        assert text_of(app, "#timer-settings") == "hold 5 s · 2 reps · each side · bell on"
        advance(app, 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5 + 1)  # count-in, 4 holds, 3 switches
        assert phase(app) == "Rest — next: Pelvic tilt"
        assert text_of(app, "#timer-rep") == "Stretch 1 of 2"
        assert digits(app) == "0:09"
        advance(app, 9)
        assert text_of(app, "#timer-stretch") == "Pelvic tilt"
        assert phase(app) == "Hold"
        assert text_of(app, "#timer-rep") == "Stretch 2 of 2 · Rep 1 of 2"
        assert text_of(app, "#timer-next") == "Last stretch"
        advance(app, 5 + 5 + 5)
        assert phase(app) == "Done"
        assert text_of(app, "#timer-rep") == "Routine complete. Nice work."
        assert timer(app).hold_timer.results() == [
            StretchResult("knee-to-chest", StretchStatus.DONE),
            StretchResult("pelvic-tilt", StretchStatus.DONE),
        ]


async def test_f2_in_the_second_stretch_reports_the_stretch_rep_and_second() -> None:
    app = routine_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 4 * 5 + 3 * 5 + 10 + 5 + 5 + 3)  # 3 s into the tilt's second hold
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        report = app.reports[0]
        assert (report.stretch_id, report.repetition, report.side) == ("pelvic-tilt", 2, None)
        assert report.seconds_into_hold == pytest.approx(3)
        assert report.hold_seconds == 5
        logged = str(screen.query_one("#cramp-logged").render())
        assert "(Pelvic tilt, rep 2, 3 s into the hold)" in logged


async def test_k_skips_a_stretch_with_a_reason_and_plus_is_not_offered() -> None:
    app = routine_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        advance(app, 5 + 2)
        await pilot.press("plus")
        assert timer(app).hold_timer.snapshot().phase_length == 5, "holds are the routine's"
        screen = timer(app)
        await pilot.press("k")
        await wait_for_screen(pilot, SkipReasonScreen)
        assert screen.hold_timer.paused
        await pilot.press(*"sore knee", "enter")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        assert screen.hold_timer.snapshot().phase is Phase.REST
        assert not screen.hold_timer.paused
        assert text_of(app, "#timer-status") == "Skipped Knee to chest."
        assert screen.hold_timer.results() == [
            StretchResult("knee-to-chest", StretchStatus.CUT_SHORT, "sore knee")
        ]
        await pilot.press("k")
        assert not isinstance(app.screen, SkipReasonScreen), "nothing to skip in a rest"


async def test_escape_on_the_reason_keeps_the_stretch() -> None:
    app = routine_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("k")
        await wait_for_screen(pilot, SkipReasonScreen)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        assert text_of(app, "#timer-stretch") == "Knee to chest"
        assert timer(app).hold_timer.results() == []


async def go_mid_routine(pilot: Pilot[Any]) -> None:
    """Run the routine to 3 s into the second stretch's first hold, for snapshots."""
    await wait_for_screen(pilot, TimerScreen)
    app = pilot.app
    assert isinstance(app, Harness)
    advance(app, 5 + 4 * 5 + 3 * 5 + 10)
    advance(app, 3)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 36)], ids=["60x20", "80x24", "120x36"])
def test_snapshot_routine_timer(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(routine_app(), terminal_size=size, run_before=go_mid_routine)
