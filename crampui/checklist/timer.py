"""Hold-timer state machine for guided stretches, driven by an injectable clock.

A session is a fixed plan of phases: a count-in (READY), then for each repetition a HOLD on
each side, with a SWITCH cue between sides (or a READY between repetitions when only one side
is stretched), and finally DONE. A routine is several stretches (:class:`TimerStep`) run one
after another with a REST between them; the single-stretch timer is a routine of one.

Nothing here imports Textual: the UI calls :meth:`HoldTimer.tick` from an interval, rings the
bell for the events it returns and renders :meth:`HoldTimer.snapshot`.
Tests pass a fake clock, so no test ever sleeps.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal

from crampui.hold_limits import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MAX_REST_SECONDS,
    MIN_HOLD_SECONDS,
    MIN_REPETITIONS,
    MIN_STEP_HOLD_SECONDS,
)

MAX_COUNT_IN_SECONDS = 30
MIN_SWITCH_SECONDS = 1
MAX_SWITCH_SECONDS = 30

Side = Literal["left", "right"]
"""The side of the body being stretched."""


class Phase(Enum):
    """A phase of a stretching session; the value is the label shown to the user."""

    READY = "get ready"
    HOLD = "hold"
    SWITCH = "switch sides"
    REST = "rest"
    DONE = "done"


class TimerEvent(Enum):
    """Something that happened while the timer advanced; the UI rings the bell for these."""

    START_HOLD = "start hold"
    END_HOLD = "end hold"
    SWITCH_SIDE = "switch side"
    FINISHED = "finished"


def _check_int(name: str, value: object, low: int, high: int) -> None:
    """Raise ValueError unless ``value`` is an int (not a bool) in ``low..high``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")


@dataclass(frozen=True)
class TimerConfig:
    """How a session runs. Invalid values raise ValueError on construction."""

    hold_seconds: int = 30
    repetitions: int = 3
    count_in_seconds: int = 5
    both_sides: bool = True
    switch_seconds: int = 5

    def __post_init__(self) -> None:
        """Validate every field."""
        _check_int("hold_seconds", self.hold_seconds, MIN_HOLD_SECONDS, MAX_HOLD_SECONDS)
        _check_int("repetitions", self.repetitions, MIN_REPETITIONS, MAX_REPETITIONS)
        _check_int("count_in_seconds", self.count_in_seconds, 0, MAX_COUNT_IN_SECONDS)
        _check_int("switch_seconds", self.switch_seconds, MIN_SWITCH_SECONDS, MAX_SWITCH_SECONDS)
        if not isinstance(self.both_sides, bool):
            raise ValueError(f"both_sides must be true or false, got {self.both_sides!r}")


@dataclass(frozen=True)
class TimerStep:
    """One stretch of a routine as the timer runs it; invalid values raise ValueError.

    ``rest_seconds`` is the rest after it, before the next stretch (none after the last).
    """

    stretch_id: str = ""
    name: str = ""
    cue: str = ""
    hold_seconds: int = 30
    repetitions: int = 3
    both_sides: bool = True
    rest_seconds: int = 0

    def __post_init__(self) -> None:
        """Validate the numbers and the flag."""
        _check_int("hold_seconds", self.hold_seconds, MIN_STEP_HOLD_SECONDS, MAX_HOLD_SECONDS)
        _check_int("repetitions", self.repetitions, MIN_REPETITIONS, MAX_REPETITIONS)
        _check_int("rest_seconds", self.rest_seconds, 0, MAX_REST_SECONDS)
        if not isinstance(self.both_sides, bool):
            raise ValueError(f"both_sides must be true or false, got {self.both_sides!r}")

    @property
    def holds(self) -> int:
        """How many holds it has: repetitions times sides."""
        return self.repetitions * (2 if self.both_sides else 1)


def single_step(config: TimerConfig) -> TimerStep:
    """The one unnamed stretch of the single-stretch timer for ``config``."""
    return TimerStep(
        hold_seconds=config.hold_seconds,
        repetitions=config.repetitions,
        both_sides=config.both_sides,
    )


class StretchStatus(Enum):
    """How a stretch of a routine went; the value is what is stored and shown."""

    DONE = "done"
    SKIPPED = "skipped"
    CUT_SHORT = "cut short"


@dataclass(frozen=True)
class StretchResult:
    """How one stretch of a run went: done, skipped (with the reason given) or cut short."""

    stretch_id: str
    status: StretchStatus
    reason: str = ""


@dataclass(frozen=True)
class TimerSnapshot:
    """What the UI needs to draw the timer at one moment.

    In READY and SWITCH, ``repetition`` and ``side`` describe the hold that comes next.
    """

    phase: Phase
    repetition: int
    """1-based repetition number."""
    repetitions: int
    side: Side | None
    """None when only one side is stretched, and in DONE."""
    remaining: float
    """Seconds left in the current phase."""
    phase_length: float
    elapsed_in_hold: float
    """Seconds into the current hold; 0.0 outside HOLD."""
    progress: float
    """Fraction (0..1) of the current phase that has passed."""
    paused: bool
    overall_progress: float
    """Fraction (0..1) of the whole session that has passed."""
    step: int = 0
    """0-based index of the stretch under way (in REST, the one just done; in DONE, the last)."""
    steps: int = 1
    """How many stretches the routine has."""


@dataclass(frozen=True)
class _Segment:
    """One planned phase: what it is, which hold it belongs to, and when it starts.

    A REST belongs to the stretch just done (``step``); its repetition is that stretch's last.
    """

    phase: Phase
    repetition: int
    side: Side | None
    length: float
    offset: float
    step: int = 0


def _plan(config: TimerConfig, steps: Sequence[TimerStep]) -> list[_Segment]:
    """Lay out every phase of the routine in order, leaving out zero-length ones."""
    segments: list[_Segment] = []
    for number, step in enumerate(steps):
        sides: tuple[Side | None, ...] = ("left", "right") if step.both_sides else (None,)
        for repetition in range(1, step.repetitions + 1):
            for index, side in enumerate(sides):
                first = repetition == 1 and index == 0
                if number and first and steps[number - 1].rest_seconds:
                    lead, lead_length = Phase.REST, steps[number - 1].rest_seconds
                elif step.both_sides and not first:
                    lead, lead_length = Phase.SWITCH, config.switch_seconds
                else:
                    lead, lead_length = Phase.READY, config.count_in_seconds
                if lead is Phase.REST:
                    last = steps[number - 1]
                    last_side: Side | None = "right" if last.both_sides else None
                    rest = _Segment(lead, last.repetitions, last_side, lead_length, 0, number - 1)
                    segments.append(rest)
                elif lead_length > 0:
                    segments.append(_Segment(lead, repetition, side, lead_length, 0, number))
                hold = _Segment(Phase.HOLD, repetition, side, step.hold_seconds, 0, number)
                segments.append(hold)
    return _laid_end_to_end(segments)


def _laid_end_to_end(segments: list[_Segment]) -> list[_Segment]:
    """``segments`` with each offset set to where the one before it ends."""
    laid: list[_Segment] = []
    offset = 0.0
    for segment in segments:
        laid.append(replace(segment, offset=offset))
        offset += segment.length
    return laid


def format_clock(seconds: float) -> str:
    """Format a countdown as ``m:ss``, rounding up: 30.0 → "0:30", 0.2 → "0:01", 0 → "0:00"."""
    # The small tolerance keeps float noise (29.000000001) from showing an extra second.
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


class HoldTimer:
    """A stretching session: count-in, holds on each side, switch cues, rests, done.

    Time only advances while the timer is started and not paused. Queries
    (:meth:`snapshot`, :meth:`cramp_context`) read the clock, but phase changes and their
    events happen only in :meth:`tick`, :meth:`skip` and :meth:`skip_stretch`, so no event is
    ever lost.
    """

    def __init__(
        self,
        config: TimerConfig,
        clock: Callable[[], float] = time.monotonic,
        steps: Sequence[TimerStep] = (),
    ) -> None:
        """Plan a session: the stretches ``steps`` in order, or one stretch as ``config``
        says; ``config`` gives the count-in and switch lengths. ``clock`` returns seconds."""
        self.config = config
        self.steps = tuple(steps) or (single_step(config),)
        self._clock = clock
        self._segments = _plan(config, self.steps)
        self._full_holds = [0] * len(self.steps)
        self._started_holds = [0] * len(self.steps)
        self._skipped: dict[int, str] = {}
        self._total = self._segments[-1].offset + self._segments[-1].length
        self._index = 0
        self._elapsed = 0.0
        self._last: float | None = None
        self._started = False
        self._paused = False

    @property
    def started(self) -> bool:
        """True once :meth:`start` has been called."""
        return self._started

    @property
    def finished(self) -> bool:
        """True once the session has reached DONE."""
        return self._index >= len(self._segments)

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused

    @property
    def running(self) -> bool:
        """True while time is counting: started, not paused and not finished."""
        return self._started and not self._paused and not self.finished

    def start(self) -> list[TimerEvent]:
        """Begin the session with the count-in (or the first hold if there is no count-in).

        Returns the events of entering the first phase (START_HOLD when it is a hold).
        Calling it again does nothing and returns no events.
        """
        if self._started:
            return []
        self._started = True
        self._last = self._clock()
        return self._enter(0)

    def tick(self) -> list[TimerEvent]:
        """Advance by the time passed on the clock, crossing as many phases as needed.

        Returns the events of every phase boundary crossed, in order.
        """
        if not self.running:
            return []
        self._accumulate()
        events: list[TimerEvent] = []
        while not self.finished and self._elapsed >= self._segments[self._index].length:
            self._elapsed -= self._segments[self._index].length
            events += self._advance(ran_to_end=True)
        return events

    def skip(self) -> list[TimerEvent]:
        """End the current phase now and start the next one; returns the events.

        Does nothing before :meth:`start` or after the end. A paused timer stays paused.
        """
        if not self._started or self.finished:
            return []
        self._accumulate()
        self._elapsed = 0.0
        return self._advance()

    def skip_stretch(self, reason: str = "") -> list[TimerEvent]:
        """Leave the stretch under way (``reason`` noted) and go to the rest before the next
        one, or finish after the last; returns the events. Does nothing in a REST, before
        :meth:`start` or after the end; a paused timer stays paused."""
        if not self._started or self.finished:
            return []
        current = self._segments[self._index]
        if current.phase is Phase.REST:
            return []
        self._accumulate()
        self._skipped[current.step] = reason
        events = [TimerEvent.END_HOLD] if current.phase is Phase.HOLD else []
        later = (i for i, s in enumerate(self._segments) if s.step > current.step)
        rest = next(
            (i for i in range(self._index + 1, len(self._segments)) if self._is_rest(i)), None
        )
        target = rest if rest is not None else next(later, len(self._segments))
        self._elapsed = 0.0
        return events + self._enter(target)

    def _is_rest(self, index: int) -> bool:
        """Whether segment ``index`` is the REST after the stretch under way."""
        segment = self._segments[index]
        return segment.phase is Phase.REST and segment.step == self._segments[self._index].step

    def results(self) -> list[StretchResult]:
        """How each stretch reached so far went, in routine order (those not reached are
        left out): done (every hold ran to its end), skipped (before its first hold, with the
        reason given) or cut short (a hold began, but not every hold ran to its end)."""
        results: list[StretchResult] = []
        for number, step in enumerate(self.steps):
            reason = self._skipped.get(number)
            if self._full_holds[number] == step.holds:
                status = StretchStatus.DONE
            elif reason is not None and not self._started_holds[number]:
                status = StretchStatus.SKIPPED
            elif self._started_holds[number]:
                status = StretchStatus.CUT_SHORT
            else:
                continue
            results.append(StretchResult(step.stretch_id, status, reason or ""))
        return results

    def next_step(self) -> TimerStep | None:
        """The stretch after the one under way (or just done, in a REST); None for the last."""
        if self.finished:
            return None
        number = self._segments[self._index].step + 1
        return self.steps[number] if number < len(self.steps) else None

    def current_step(self) -> TimerStep | None:
        """The stretch under way (in a REST, the one just done); None before the start and
        after the end."""
        if not self._started or self.finished:
            return None
        return self.steps[self._segments[self._index].step]

    def pause(self) -> None:
        """Stop time from counting; does nothing unless running."""
        if self.running:
            self._accumulate()
            self._last = None
            self._paused = True

    def resume(self) -> None:
        """Let time count again; does nothing unless paused."""
        if self._paused:
            self._paused = False
            self._last = self._clock()

    def toggle_pause(self) -> None:
        """Pause if running, resume if paused."""
        if self._paused:
            self.resume()
        else:
            self.pause()

    def replan(self, config: TimerConfig) -> None:
        """Follow ``config`` from the next phase on, without restarting the set.

        The phase under way (a hold, say) keeps its length and how far it has gone; the
        phases after it are planned from ``config``. A set cut to fewer repetitions than the
        one under way ends after the current phase. After the end it only keeps ``config``.
        Only for the single-stretch timer: a routine's stretches are set in the routine.
        """
        self.config = config
        if self.finished:
            return
        current = self._segments[self._index]
        self.steps = (single_step(config),)
        plan = _plan(config, self.steps)
        key = (current.phase, current.repetition, current.side)
        match = next(
            (i for i, s in enumerate(plan) if (s.phase, s.repetition, s.side) == key), None
        )
        rest = [] if match is None else plan[match + 1 :]
        self._segments = _laid_end_to_end(self._segments[: self._index + 1] + rest)
        self._total = self._segments[-1].offset + self._segments[-1].length

    def snapshot(self) -> TimerSnapshot:
        """Describe the timer now (before :meth:`start`, the first phase at its full length)."""
        self._accumulate()
        count = len(self.steps)
        if self.finished:
            reps = self._segments[-1].repetition  # the plan's, even when a replan cut it short
            return TimerSnapshot(
                Phase.DONE, reps, reps, None, 0.0, 0.0, 0.0, 1.0, False, 1.0, count - 1, count
            )
        segment = self._segments[self._index]
        # The plan's repetitions of this stretch, even when a replan cut them short.
        reps = max(s.repetition for s in self._segments if s.step == segment.step)
        elapsed = min(self._elapsed, segment.length)
        return TimerSnapshot(
            phase=segment.phase,
            repetition=segment.repetition,
            repetitions=reps,
            side=segment.side,
            remaining=segment.length - elapsed,
            phase_length=segment.length,
            elapsed_in_hold=elapsed if segment.phase is Phase.HOLD else 0.0,
            progress=elapsed / segment.length,
            paused=self._paused,
            overall_progress=(segment.offset + elapsed) / self._total,
            step=segment.step,
            steps=count,
        )

    def cramp_context(self) -> tuple[int | None, Side | None, float | None]:
        """Return (repetition, side, seconds into the hold) for logging a cramp right now.

        Seconds are given only during a hold; in READY and SWITCH they are None and the
        repetition and side are those of the coming hold. In a REST between stretches, before
        the start and after the end, everything is None.
        """
        if not self._started or self.finished:
            return (None, None, None)
        self._accumulate()
        segment = self._segments[self._index]
        if segment.phase is Phase.REST:
            return (None, None, None)
        seconds = min(self._elapsed, segment.length) if segment.phase is Phase.HOLD else None
        return (segment.repetition, segment.side, seconds)

    def _accumulate(self) -> None:
        """Add the clock time since the last reading to the current phase, if counting."""
        if self._last is not None:
            now = self._clock()
            self._elapsed += max(0.0, now - self._last)
            self._last = now

    def _advance(self, ran_to_end: bool = False) -> list[TimerEvent]:
        """Leave the current phase (``ran_to_end``: its time is up) and enter the next one;
        return the events of both."""
        segment = self._segments[self._index]
        events = [TimerEvent.END_HOLD] if segment.phase is Phase.HOLD else []
        if segment.phase is Phase.HOLD and ran_to_end:
            self._full_holds[segment.step] += 1
        return events + self._enter(self._index + 1)

    def _enter(self, index: int) -> list[TimerEvent]:
        """Make ``index`` the current phase and return the event of entering it, if any."""
        self._index = index
        if self.finished:
            self._elapsed = 0.0
            self._last = None
            self._paused = False
            return [TimerEvent.FINISHED]
        phase = self._segments[index].phase
        if phase is Phase.HOLD:
            self._started_holds[self._segments[index].step] += 1
            return [TimerEvent.START_HOLD]
        return [TimerEvent.SWITCH_SIDE] if phase is Phase.SWITCH else []
