"""Hybrid logical clock stamps: when and on which device a field last changed (no Textual).

A stamp is ``"<UTC ISO-8601 with microseconds>/<device id>"``, e.g.
``2026-12-07T16:23:10.123456+00:00/3f9c0a1b2c4d``. Every stored time has the same width, so
stamps compare as text: by moment, then by device id (the tie-break every computer applies
alike). :data:`NEVER` (the empty string) is below every stamp.

A device stamps a change with its wall clock raised past every stamp it has seen
(:func:`next_stamp`), so an edit made after seeing another device's change is ordered after it
even when this device's clock is behind. Stamps further ahead of the wall clock than
:data:`MAX_DRIFT` are *far-future*: they do not raise the device's clock (a clock years ahead
on one computer would otherwise drag every device's stamps along), yet an edit of the very
field that holds one is still ordered after it. Every stamp is clamped to :data:`CEILING`, so
raising one can never overflow the largest time the store accepts (stamps at the ceiling are
ordered by device id alone: only a clock thousands of years ahead gets there).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crampui.history.records import check_id

NEVER = ""
"""The stamp of a field that was never set: lower than every real stamp."""

CEILING = datetime(9000, 1, 1, tzinfo=timezone.utc)
"""No stamp is ordered later than this (below the store's latest time, which raising a stamp
past it must never reach)."""

MAX_DRIFT = timedelta(days=1)
"""A stamp more than this ahead of the wall clock is far-future: flagged, and it does not raise
this device's clock."""

_TICK = timedelta(microseconds=1)
_TIME_WIDTH = len("2026-12-07T16:23:10.123456+00:00")
_CEILING_TEXT = CEILING.isoformat(timespec="microseconds")


def make_stamp(moment: datetime, device: str) -> str:
    """The stamp of a change made at ``moment`` (aware, UTC) on ``device``."""
    moment = moment.astimezone(timezone.utc)
    return f"{moment.isoformat(timespec='microseconds')}/{device}"


def stamp_time(stamp: str) -> datetime:
    """The moment of ``stamp``; ValueError unless it is a well-formed stamp."""
    if not isinstance(stamp, str) or stamp[_TIME_WIDTH : _TIME_WIDTH + 1] != "/":
        raise ValueError(f"a stamp must be '<time>/<device>', got {stamp!r:.80}")
    moment = datetime.fromisoformat(stamp[:_TIME_WIDTH])
    if moment.utcoffset() != timedelta(0):
        raise ValueError("a stamp's time must be in UTC")
    return moment


def check_stamp(stamp: object) -> str:
    """``stamp`` if it is NEVER or a well-formed stamp; ValueError otherwise."""
    if stamp == NEVER:
        return NEVER
    if not isinstance(stamp, str):
        raise ValueError(f"a stamp must be text, got {stamp!r:.80}")
    stamp_time(stamp)
    check_id(stamp_device(stamp), "device")
    return stamp


def stamp_device(stamp: str) -> str:
    """The device that made the change ``stamp`` marks ("" for NEVER)."""
    return stamp[_TIME_WIDTH + 1 :]


def moment_text(stamp: str) -> str:
    """The time part of ``stamp`` (as text, which orders like the moment)."""
    return stamp[:_TIME_WIDTH]


def clamped(stamp: str) -> str:
    """``stamp`` with its time lowered to CEILING if it is later (the same on every device)."""
    if stamp == NEVER or stamp[:_TIME_WIDTH] <= _CEILING_TEXT:
        return stamp
    return make_stamp(CEILING, stamp_device(stamp))


def is_far_future(stamp: str, now: datetime) -> bool:
    """Whether ``stamp`` is more than MAX_DRIFT ahead of ``now`` (this device's wall clock)."""
    return stamp != NEVER and stamp_time(stamp) > now + MAX_DRIFT


def next_stamp(now: datetime, device: str, seen: str = NEVER, replaced: str = NEVER) -> str:
    """The stamp of a change made now on ``device``.

    Later than ``now``'s wall clock, than ``seen`` (the latest stamp this device has seen) if
    that is not far-future, and always than ``replaced`` (the stamp of the value being changed,
    even a far-future one): a device's later edit never loses to what it replaced.
    """
    moment = min(now.astimezone(timezone.utc), CEILING)
    if seen != NEVER and not is_far_future(seen, now):
        moment = max(moment, _after(seen))
    if replaced != NEVER:
        moment = max(moment, _after(replaced))
    return make_stamp(min(moment, CEILING), device)


def _after(stamp: str) -> datetime:
    """A microsecond after ``stamp``'s (clamped) time: never beyond the store's range."""
    return stamp_time(clamped(stamp)) + _TICK
