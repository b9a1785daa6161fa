"""Tests for the hold-timer state machine, driven by a fake clock (no sleeping)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.checklist.timer import HoldTimer, Phase, Side, TimerConfig, TimerEvent, format_clock
from tests.clocks import FakeMonotonic

START, END, SWITCH, FINISHED = (
    TimerEvent.START_HOLD,
    TimerEvent.END_HOLD,
    TimerEvent.SWITCH_SIDE,
    TimerEvent.FINISHED,
)


def make_timer(**config: int | bool) -> tuple[HoldTimer, FakeMonotonic]:
    """Build a timer on a fake clock; ``config`` overrides TimerConfig defaults."""
    clock = FakeMonotonic()
    return HoldTimer(TimerConfig(**config), clock=clock), clock  # type: ignore[arg-type]


def advance(timer: HoldTimer, clock: FakeMonotonic, seconds: float) -> list[TimerEvent]:
    """Move the clock and tick once."""
    clock.advance(seconds)
    return timer.tick()


def plan(timer: HoldTimer) -> list[tuple[Phase, int, Side | None]]:
    """Start the timer and skip through it, recording each phase, repetition and side."""
    timer.start()
    seen = []
    while True:
        snap = timer.snapshot()
        seen.append((snap.phase, snap.repetition, snap.side))
        if timer.finished:
            return seen
        timer.skip()


def test_count_in_then_hold() -> None:
    timer, clock = make_timer()
    assert timer.start() == []
    snap = timer.snapshot()
    assert (snap.phase, snap.repetition, snap.side) == (Phase.READY, 1, "left")
    assert snap.remaining == 5.0
    assert advance(timer, clock, 4.9) == []
    assert timer.snapshot().phase is Phase.READY
    assert advance(timer, clock, 0.1) == [START]
    snap = timer.snapshot()
    assert (snap.phase, snap.side, snap.remaining, snap.phase_length) == (
        Phase.HOLD,
        "left",
        30.0,
        30.0,
    )


def test_full_hold_emits_start_and_end_at_the_right_times() -> None:
    timer, clock = make_timer(hold_seconds=20)
    timer.start()
    assert advance(timer, clock, 5) == [START]
    assert advance(timer, clock, 19.5) == []
    assert timer.snapshot().remaining == pytest.approx(0.5)
    assert advance(timer, clock, 0.5) == [END, SWITCH]
    snap = timer.snapshot()
    assert (snap.phase, snap.repetition, snap.side, snap.remaining) == (
        Phase.SWITCH,
        1,
        "right",
        5.0,
    )
    assert advance(timer, clock, 5) == [START]
    assert timer.snapshot().side == "right"


def test_both_sides_order_left_then_right_each_repetition() -> None:
    timer, _ = make_timer(repetitions=2)
    assert plan(timer) == [
        (Phase.READY, 1, "left"),
        (Phase.HOLD, 1, "left"),
        (Phase.SWITCH, 1, "right"),
        (Phase.HOLD, 1, "right"),
        (Phase.SWITCH, 2, "left"),
        (Phase.HOLD, 2, "left"),
        (Phase.SWITCH, 2, "right"),
        (Phase.HOLD, 2, "right"),
        (Phase.DONE, 2, None),
    ]


def test_one_side_has_a_count_in_before_each_repetition() -> None:
    timer, _ = make_timer(repetitions=2, both_sides=False)
    assert plan(timer) == [
        (Phase.READY, 1, None),
        (Phase.HOLD, 1, None),
        (Phase.READY, 2, None),
        (Phase.HOLD, 2, None),
        (Phase.DONE, 2, None),
    ]


@pytest.mark.parametrize("both_sides", [True, False])
@pytest.mark.parametrize("repetitions", [1, 3, 10])
def test_number_of_holds_matches_repetitions(repetitions: int, both_sides: bool) -> None:
    timer, clock = make_timer(repetitions=repetitions, both_sides=both_sides)
    timer.start()
    events = advance(timer, clock, 10_000)
    holds = repetitions * (2 if both_sides else 1)
    assert events.count(START) == holds
    assert events.count(END) == holds
    assert events.count(SWITCH) == (holds - 1 if both_sides else 0)
    assert events.count(FINISHED) == 1
    assert timer.snapshot().repetition == repetitions


def test_pause_freezes_remaining_and_resume_continues() -> None:
    timer, clock = make_timer()
    timer.start()
    advance(timer, clock, 5 + 10)
    timer.pause()
    assert timer.paused and not timer.running
    assert timer.snapshot().paused
    assert advance(timer, clock, 500) == []
    assert timer.snapshot().remaining == 20.0
    timer.resume()
    assert timer.running and not timer.snapshot().paused
    assert advance(timer, clock, 5) == []
    assert timer.snapshot().remaining == 15.0
    assert advance(timer, clock, 15) == [END, SWITCH]


def test_time_between_last_tick_and_pause_counts() -> None:
    timer, clock = make_timer()
    timer.start()
    advance(timer, clock, 5)
    clock.advance(3)
    timer.pause()
    clock.advance(100)
    assert timer.snapshot().elapsed_in_hold == 3.0


def test_pausing_past_a_boundary_loses_no_events() -> None:
    timer, clock = make_timer()
    timer.start()
    clock.advance(6)  # past the count-in, but not ticked yet
    timer.pause()
    assert timer.snapshot().remaining == 0.0
    timer.resume()
    assert timer.tick() == [START]
    assert timer.snapshot().elapsed_in_hold == 1.0


def test_toggle_pause() -> None:
    timer, _ = make_timer()
    timer.start()
    timer.toggle_pause()
    assert timer.paused
    timer.toggle_pause()
    assert not timer.paused and timer.running


def test_pause_does_nothing_before_start_or_after_done() -> None:
    timer, clock = make_timer(repetitions=1, both_sides=False)
    timer.pause()
    assert not timer.paused
    timer.start()
    advance(timer, clock, 100)
    assert timer.finished
    timer.pause()
    assert not timer.paused and not timer.running


def test_skip_moves_to_the_next_phase_with_its_events() -> None:
    timer, clock = make_timer(repetitions=1)
    assert timer.skip() == []  # not started
    timer.start()
    clock.advance(2)
    assert timer.skip() == [START]
    assert timer.snapshot().remaining == 30.0
    assert timer.skip() == [END, SWITCH]
    assert timer.skip() == [START]
    assert timer.skip() == [END, FINISHED]
    assert timer.skip() == []
    assert timer.snapshot().phase is Phase.DONE


def test_skip_while_paused_stays_paused() -> None:
    timer, clock = make_timer()
    timer.start()
    timer.pause()
    assert timer.skip() == [START]
    assert advance(timer, clock, 50) == []
    assert timer.paused
    assert timer.snapshot().remaining == 30.0


def test_big_tick_crosses_every_phase_in_order_and_finishes_once() -> None:
    timer, clock = make_timer(repetitions=2)
    timer.start()
    assert advance(timer, clock, 3600) == [
        START,
        END,
        SWITCH,
        START,
        END,
        SWITCH,
        START,
        END,
        SWITCH,
        START,
        END,
        FINISHED,
    ]
    assert advance(timer, clock, 3600) == []
    assert timer.skip() == []


def test_big_tick_carries_leftover_time_into_the_new_phase() -> None:
    timer, clock = make_timer()
    timer.start()
    assert advance(timer, clock, 5 + 30 + 5 + 3) == [START, END, SWITCH, START]
    snap = timer.snapshot()
    assert (snap.phase, snap.side, snap.remaining) == (Phase.HOLD, "right", 27.0)


def test_done_state() -> None:
    timer, clock = make_timer(repetitions=1, both_sides=False, hold_seconds=15)
    timer.start()
    assert advance(timer, clock, 5 + 15) == [START, END, FINISHED]
    assert timer.finished and not timer.running
    snap = timer.snapshot()
    assert snap.phase is Phase.DONE
    assert (snap.remaining, snap.progress, snap.overall_progress) == (0.0, 1.0, 1.0)
    assert (snap.repetition, snap.repetitions, snap.side) == (1, 1, None)


def test_finishing_while_paused_clears_pause() -> None:
    timer, _ = make_timer(repetitions=1, both_sides=False)
    timer.start()
    timer.pause()
    timer.skip()
    assert timer.skip() == [END, FINISHED]
    assert not timer.paused and not timer.snapshot().paused


def test_progress_values() -> None:
    # Session: READY 5 + HOLD 30 + SWITCH 5 + HOLD 30 = 70 seconds.
    timer, clock = make_timer(repetitions=1)
    snap = timer.snapshot()
    assert (snap.progress, snap.overall_progress) == (0.0, 0.0)
    timer.start()
    advance(timer, clock, 2.5)
    snap = timer.snapshot()
    assert snap.progress == 0.5
    assert snap.overall_progress == pytest.approx(2.5 / 70)
    assert snap.elapsed_in_hold == 0.0
    advance(timer, clock, 2.5 + 15)
    snap = timer.snapshot()
    assert (snap.phase, snap.progress, snap.elapsed_in_hold) == (Phase.HOLD, 0.5, 15.0)
    assert snap.overall_progress == pytest.approx(20 / 70)
    advance(timer, clock, 15 + 5 + 30)
    assert timer.snapshot().overall_progress == 1.0


def test_before_start_nothing_counts() -> None:
    timer, clock = make_timer()
    assert not timer.started and not timer.running
    assert advance(timer, clock, 100) == []
    snap = timer.snapshot()
    assert (snap.phase, snap.remaining) == (Phase.READY, 5.0)
    timer.start()
    assert timer.started and timer.running
    assert advance(timer, clock, 1) == []
    assert timer.snapshot().remaining == 4.0


def test_start_twice_is_a_no_op() -> None:
    timer, clock = make_timer()
    timer.start()
    advance(timer, clock, 3)
    assert timer.start() == []
    assert timer.snapshot().remaining == 2.0


def test_zero_count_in_starts_straight_in_the_hold() -> None:
    timer, clock = make_timer(count_in_seconds=0, repetitions=2, both_sides=False)
    assert timer.snapshot().phase is Phase.HOLD
    assert timer.start() == [START]
    assert timer.snapshot().remaining == 30.0
    assert advance(timer, clock, 30) == [END, START]
    assert timer.snapshot().repetition == 2
    assert advance(timer, clock, 30) == [END, FINISHED]


def test_clock_going_backwards_does_not_rewind() -> None:
    timer, clock = make_timer()
    timer.start()
    advance(timer, clock, 2)
    assert advance(timer, clock, -10) == []
    assert timer.snapshot().remaining == 3.0


@given(st.lists(st.integers(min_value=0, max_value=40 * 4), max_size=60))
def test_events_do_not_depend_on_tick_size(quarters: list[int]) -> None:
    steps = [q / 4 for q in quarters]  # exact in binary floating point
    small, small_clock = make_timer(repetitions=2)
    big, big_clock = make_timer(repetitions=2)
    small.start()
    big.start()
    events = [event for step in steps for event in advance(small, small_clock, step)]
    assert events == advance(big, big_clock, sum(steps))
    assert small.snapshot() == big.snapshot()


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (30.0, "0:30"),
        (29.01, "0:30"),
        (29.0, "0:29"),
        (29.000000001, "0:29"),
        (0.2, "0:01"),
        (0.0, "0:00"),
        (-3.0, "0:00"),
        (60.0, "1:00"),
        (61.5, "1:02"),
        (605.0, "10:05"),
    ],
)
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(
    "config",
    [
        {"hold_seconds": 14},
        {"hold_seconds": 61},
        {"hold_seconds": 30.0},
        {"hold_seconds": True},
        {"repetitions": 0},
        {"repetitions": 11},
        {"count_in_seconds": -1},
        {"count_in_seconds": 31},
        {"switch_seconds": 0},
        {"both_sides": 1},
    ],
)
def test_invalid_configs_are_rejected(config: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(config))):
        TimerConfig(**config)  # type: ignore[arg-type]


def test_boundary_configs_are_accepted() -> None:
    TimerConfig(hold_seconds=15, repetitions=1, count_in_seconds=0, switch_seconds=1)
    TimerConfig(hold_seconds=60, repetitions=10, count_in_seconds=30, switch_seconds=30)


def test_cramp_context() -> None:
    timer, clock = make_timer()
    assert timer.cramp_context() == (None, None, None)
    timer.start()
    assert timer.cramp_context() == (1, "left", None)
    advance(timer, clock, 5 + 30 + 5)
    clock.advance(12.5)  # no tick needed: the context reads the clock
    assert timer.cramp_context() == (1, "right", 12.5)
    timer.skip()
    assert timer.cramp_context() == (2, "left", None)
    advance(timer, clock, 3600)
    assert timer.cramp_context() == (None, None, None)


def test_cramp_context_single_side() -> None:
    timer, clock = make_timer(count_in_seconds=0, repetitions=1, both_sides=False)
    timer.start()
    clock.advance(7)
    timer.pause()
    assert timer.cramp_context() == (1, None, 7.0)


def test_replan_mid_hold_keeps_the_hold_and_applies_from_the_next_one() -> None:
    timer, clock = make_timer()  # 5 s count-in, 30 s holds, 5 s switch, 3 reps, both sides
    timer.start()
    advance(timer, clock, 5 + 10)  # 10 s into the first hold
    timer.replan(TimerConfig(hold_seconds=40))
    snap = timer.snapshot()
    assert (snap.phase, snap.repetition, snap.side) == (Phase.HOLD, 1, "left")
    assert snap.remaining == 20  # the hold under way keeps its 30 s
    assert advance(timer, clock, 20) == [END, SWITCH]
    assert advance(timer, clock, 5) == [START]
    assert timer.snapshot().remaining == 40  # the next hold is 40 s


def test_replan_to_more_repetitions_goes_on_with_the_set() -> None:
    timer, clock = make_timer(repetitions=2)
    timer.start()
    advance(timer, clock, 5 + 10)
    timer.replan(TimerConfig(repetitions=3))
    assert timer.snapshot().repetition == 1
    assert timer.snapshot().repetitions == 3
    assert [step for step in plan(timer) if step[0] is Phase.HOLD][-1] == (Phase.HOLD, 3, "right")


def test_replan_to_fewer_repetitions_than_the_one_under_way_ends_after_it() -> None:
    timer, clock = make_timer(repetitions=3)
    timer.start()
    advance(timer, clock, 5 + 30 + 5 + 30 + 5 + 10)  # rep 2, left, 10 s in
    timer.replan(TimerConfig(repetitions=1))
    assert timer.snapshot().repetitions == 2  # never "rep 2 of 1"
    assert advance(timer, clock, 20) == [END, FINISHED]


def test_replan_after_the_end_only_keeps_the_config() -> None:
    timer, clock = make_timer(repetitions=1, both_sides=False, hold_seconds=15)
    timer.start()
    advance(timer, clock, 3600)
    timer.replan(TimerConfig(hold_seconds=20))
    assert timer.finished
    assert timer.config.hold_seconds == 20
