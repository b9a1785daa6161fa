"""Clocks that only move when a test tells them to."""

from __future__ import annotations

from datetime import datetime, timedelta


class FakeMonotonic:
    """Monotonic seconds (for timers), starting at a non-zero value so 0 is never assumed."""

    def __init__(self, now: float = 1000.0) -> None:
        """Start at ``now`` seconds."""
        self.now = now

    def __call__(self) -> float:
        """The current fake time in seconds."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self.now += seconds


class FakeWallClock:
    """An aware wall clock (for the history store) that returns ``now`` until moved on."""

    def __init__(self, now: datetime) -> None:
        """Start at ``now``."""
        self.now = now

    def __call__(self) -> datetime:
        """The current fake time."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock on by ``timedelta(**delta)``."""
        self.now += timedelta(**delta)
