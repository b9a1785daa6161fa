"""The hold timer running a routine of named stretches (issue 29), on a fake clock."""

from __future__ import annotations

import pytest

from crampui.checklist.timer import (
    HoldTimer,
    Phase,
    StretchResult,
    StretchStatus,
    TimerConfig,
    TimerEvent,
    TimerStep,
)
from tests.clocks import FakeMonotonic

KNEE = TimerStep("knee-to-chest", "Knee to chest", "Hug one knee", 5, 2, True, rest_seconds=10)
TILT = TimerStep("pelvic-tilt", "Pelvic tilt", "Flatten your back", 4, 2, False)


def routine(*steps: TimerStep) -> tuple[HoldTimer, FakeMonotonic]:
    """A started timer for ``steps`` with a 3 s count-in and 2 s switch, on a fake clock."""
    clock = FakeMonotonic()
    timer = HoldTimer(TimerConfig(count_in_seconds=3, switch_seconds=2), clock, steps)
    timer.start()
    return timer, clock


def walk(timer: HoldTimer) -> list[tuple[int, Phase, int, str | None, float]]:
    """Skip through every phase: (step, phase, repetition, side, length) of each."""
    seen: list[tuple[int, Phase, int, str | None, float]] = []
    while not timer.finished:
        snap = timer.snapshot()
        seen.append((snap.step, snap.phase, snap.repetition, snap.side, snap.phase_length))
        timer.skip()
    return seen


def test_a_routine_runs_its_stretches_with_a_rest_between() -> None:
    timer, _clock = routine(KNEE, TILT)
    R, H, S, REST = Phase.READY, Phase.HOLD, Phase.SWITCH, Phase.REST
    assert walk(timer) == [
        (0, R, 1, "left", 3),
        (0, H, 1, "left", 5),
        (0, S, 1, "right", 2),
        (0, H, 1, "right", 5),
        (0, S, 2, "left", 2),
        (0, H, 2, "left", 5),
        (0, S, 2, "right", 2),
        (0, H, 2, "right", 5),
        (0, REST, 2, "right", 10),
        (1, H, 1, None, 4),
        (1, R, 2, None, 3),
        (1, H, 2, None, 4),
    ]


def test_next_names_the_coming_stretch_and_the_rest_belongs_to_the_one_done() -> None:
    timer, clock = routine(KNEE, TILT)
    assert timer.current_step() == KNEE and timer.next_step() == TILT
    clock.advance(3 + 4 * 5 + 3 * 2 + 1)  # count-in, four holds, three switches, 1 s of rest
    assert timer.tick().count(TimerEvent.END_HOLD) == 4
    snap = timer.snapshot()
    assert (snap.phase, snap.step, snap.steps, snap.remaining) == (Phase.REST, 0, 2, 9)
    assert timer.cramp_context() == (None, None, None)
    assert timer.next_step() == TILT
    clock.advance(9)
    assert timer.tick() == [TimerEvent.START_HOLD]
    assert timer.current_step() == TILT and timer.next_step() is None


def test_a_cramp_in_the_second_stretchs_second_repetition_is_placed_there() -> None:
    timer, clock = routine(KNEE, TILT)
    clock.advance(3 + 4 * 5 + 3 * 2 + 10 + 4 + 3 + 2.5)
    timer.tick()
    assert timer.snapshot().step == 1
    assert timer.current_step() == TILT
    assert timer.cramp_context() == (2, None, 2.5)


def test_results_say_done_skipped_and_cut_short() -> None:
    third = TimerStep("cat-camel", "Cat and camel", "Round, then dip", 5, 1, False)
    timer, clock = routine(KNEE, TILT, third)
    assert timer.results() == []
    clock.advance(3 + 4 * 5 + 3 * 2)
    timer.tick()
    assert timer.results() == [StretchResult("knee-to-chest", StretchStatus.DONE)]
    timer.skip()  # the rest
    clock.advance(4)
    timer.tick()  # the first tilt ran to its end
    assert timer.skip_stretch("my back said no") == []
    assert timer.snapshot().step == 2 and timer.snapshot().phase is Phase.READY
    assert timer.skip_stretch("no time") == [TimerEvent.FINISHED]
    assert timer.finished
    assert timer.results() == [
        StretchResult("knee-to-chest", StretchStatus.DONE),
        StretchResult("pelvic-tilt", StretchStatus.CUT_SHORT, "my back said no"),
        StretchResult("cat-camel", StretchStatus.SKIPPED, "no time"),
    ]


def test_skipping_a_stretch_mid_hold_ends_the_hold_and_goes_to_the_rest() -> None:
    timer, clock = routine(KNEE, TILT)
    clock.advance(4)
    timer.tick()
    assert timer.skip_stretch() == [TimerEvent.END_HOLD]
    assert timer.snapshot().phase is Phase.REST
    assert timer.skip_stretch() == [], "a rest has no stretch to skip"
    assert timer.results() == [StretchResult("knee-to-chest", StretchStatus.CUT_SHORT)]


def test_skipping_the_last_stretch_finishes() -> None:
    timer, _clock = routine(TILT)
    timer.pause()
    assert timer.skip_stretch() == [TimerEvent.FINISHED]
    assert timer.finished
    assert timer.results() == [StretchResult("pelvic-tilt", StretchStatus.SKIPPED)]


def test_the_single_stretch_timer_is_a_routine_of_one() -> None:
    timer = HoldTimer(TimerConfig(hold_seconds=20, repetitions=2, both_sides=False))
    assert len(timer.steps) == 1
    assert (timer.steps[0].hold_seconds, timer.steps[0].holds) == (20, 2)
    assert timer.snapshot().steps == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("hold_seconds", 1), ("hold_seconds", 61), ("repetitions", 0), ("rest_seconds", 121)],
)
def test_a_step_refuses_numbers_out_of_range(field: str, value: int) -> None:
    with pytest.raises(ValueError, match=field):
        TimerStep(**{field: value})  # type: ignore[arg-type]
