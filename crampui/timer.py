"""Hold-timer state machine for guided stretches, driven by an injectable clock.

A session is a fixed plan of phases: a count-in (READY), then for each repetition a HOLD on
each side, with a SWITCH cue between sides (or a READY between repetitions when only one side
is stretched), and finally DONE. Nothing here imports Textual: the UI calls :meth:`HoldTimer.tick`
from an interval, rings the bell for the events it returns and renders :meth:`HoldTimer.snapshot`.
Tests pass a fake clock, so no test ever sleeps.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal

from crampui.hold_limits import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MIN_HOLD_SECONDS,
    MIN_REPETITIONS,
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


@dataclass(frozen=True)
class _Segment:
    """One planned phase: what it is, which hold it belongs to, and when it starts."""

    phase: Phase
    repetition: int
    side: Side | None
    length: float
    offset: float


def _plan(config: TimerConfig) -> list[_Segment]:
    """Lay out every phase of the session in order, leaving out zero-length ones."""
    sides: tuple[Side | None, ...] = ("left", "right") if config.both_sides else (None,)
    segments: list[_Segment] = []
    offset = 0.0
    for repetition in range(1, config.repetitions + 1):
        for index, side in enumerate(sides):
            first = repetition == 1 and index == 0
            if config.both_sides and not first:
                lead, lead_length = Phase.SWITCH, config.switch_seconds
            else:
                lead, lead_length = Phase.READY, config.count_in_seconds
            for phase, length in ((lead, lead_length), (Phase.HOLD, config.hold_seconds)):
                if length > 0:
                    segments.append(_Segment(phase, repetition, side, float(length), offset))
                    offset += length
    return segments


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
    """A stretching session: count-in, holds on each side, switch cues, done.

    Time only advances while the timer is started and not paused. Queries
    (:meth:`snapshot`, :meth:`cramp_context`) read the clock, but phase changes and their
    events happen only in :meth:`tick` and :meth:`skip`, so no event is ever lost.
    """

    def __init__(self, config: TimerConfig, clock: Callable[[], float] = time.monotonic) -> None:
        """Plan a session for ``config``; ``clock`` returns seconds (monotonic)."""
        self.config = config
        self._clock = clock
        self._segments = _plan(config)
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
            events += self._advance()
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
        """
        self.config = config
        if self.finished:
            return
        current = self._segments[self._index]
        plan = _plan(config)
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
        reps = self._segments[-1].repetition  # the plan's, even when a replan cut it short
        if self.finished:
            return TimerSnapshot(Phase.DONE, reps, reps, None, 0.0, 0.0, 0.0, 1.0, False, 1.0)
        segment = self._segments[self._index]
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
        )

    def cramp_context(self) -> tuple[int | None, Side | None, float | None]:
        """Return (repetition, side, seconds into the hold) for logging a cramp right now.

        Seconds are given only during a hold; in READY and SWITCH they are None and the
        repetition and side are those of the coming hold. Before the start and after the end,
        everything is None.
        """
        if not self._started or self.finished:
            return (None, None, None)
        self._accumulate()
        segment = self._segments[self._index]
        seconds = min(self._elapsed, segment.length) if segment.phase is Phase.HOLD else None
        return (segment.repetition, segment.side, seconds)

    def _accumulate(self) -> None:
        """Add the clock time since the last reading to the current phase, if counting."""
        if self._last is not None:
            now = self._clock()
            self._elapsed += max(0.0, now - self._last)
            self._last = now

    def _advance(self) -> list[TimerEvent]:
        """Leave the current phase and enter the next one; return the events of both."""
        events = [TimerEvent.END_HOLD] if self._segments[self._index].phase is Phase.HOLD else []
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
            return [TimerEvent.START_HOLD]
        return [TimerEvent.SWITCH_SIDE] if phase is Phase.SWITCH else []
