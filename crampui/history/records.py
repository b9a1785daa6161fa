"""What the history holds: items, outcomes, cramp episodes, sessions and the draft.

Plain frozen dataclasses that check their own fields on construction (ValueError), with the
limits they are checked against. Turning them into documents is :mod:`crampui.history.codec`'s
job; nothing here reads or writes a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Literal, cast, get_args

from crampui.history.stretch_records import StretchRecord
from crampui.usertext import shown

MAX_SEVERITY = 10
"""Cramp severity runs from 0 to this."""

MAX_ID_LENGTH = 100
"""The longest item or red-flag id accepted."""

MAX_WHERE_LENGTH = 200
"""The longest description of where the back cramped."""

NOTES_JOINED_BY = " · "
"""Between the two notes an older session kept (its run's, then its outcome's), now one note."""

MAX_NOTE_LENGTH = 5000
"""The longest session note: room for both notes of an older session (each up to
MAX_USER_TEXT) joined, so none is cut."""

MAX_SIDE_LENGTH = 40
"""The longest side label of a cramp episode ("left", "right", ...)."""

MAX_NUMBER = 10**15
"""The largest session id, seq, repetition or hold length accepted (far beyond any real use)."""

MAX_SESSION_NUMBER = 2 * MAX_NUMBER
"""The largest number a session is shown with: a stored seq stops at MAX_NUMBER, and sessions
that share one are numbered on from it, so no number can ever block a save."""

EARLIEST = datetime(1, 1, 2, tzinfo=timezone.utc)
LATEST = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=timezone.utc)
"""Stored times lie between these, so showing one in any timezone cannot overflow."""

_UID = re.compile(r"[0-9a-f]{32}")

REGIONS = ("upper", "middle", "lower")
"""Where in the back a cramp was (``Outcome.region``)."""

SIDES = ("left", "right", "both", "middle")
"""Which side it was on (``Outcome.side``)."""

SPREADS = ("back", "buttock", "thigh", "below-knee")
"""How far it spread: the back only, or into the buttock, the thigh, below the knee."""

ItemState = Literal["pending", "done", "skipped"]
ITEM_STATES: tuple[ItemState, ...] = get_args(ItemState)


def utc(moment: datetime, what: str) -> datetime:
    """``moment`` in UTC; ValueError if it is naive or outside EARLIEST..LATEST."""
    if isinstance(moment, datetime) and moment.tzinfo is timezone.utc:
        pass  # the common case: parsed from the file
    elif not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {shown(moment)}")
    else:
        try:
            moment = moment.astimezone(timezone.utc)
        except OverflowError:
            raise ValueError(f"{what} is out of range: {moment.isoformat()}") from None
    if not EARLIEST <= moment <= LATEST:
        raise ValueError(f"{what} is out of range: {moment.isoformat()}")
    return moment


def check_id(value: object, what: str) -> str:
    """``value`` if it is a usable id (non-empty, no spaces or control characters)."""
    text = value if isinstance(value, str) else ""
    if not 0 < len(text) <= MAX_ID_LENGTH or not text.isprintable() or " " in text:
        raise ValueError(f"{what} must be a non-empty id without spaces, got {shown(value)}")
    return text


def check_uid(value: object) -> str:
    """``value`` if it is "" (not saved yet) or a record uid: 32 lowercase hex digits."""
    if value != "" and not (isinstance(value, str) and _UID.fullmatch(value)):
        raise ValueError(f"a uid must be 32 hexadecimal digits, got {shown(value)}")
    return cast(str, value)


def check_int(value: object, what: str, low: int, high: int = MAX_NUMBER) -> int:
    """``value`` if it is an int (not a bool) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        upper = f" to {high}" if high != MAX_NUMBER else " or more"
        raise ValueError(f"{what} must be a whole number from {low}{upper}, got {shown(value)}")
    return cast(int, value)


def check_severity(value: object) -> int | None:
    """``value`` if it is None or a whole number from 0 to MAX_SEVERITY."""
    return None if value is None else check_int(value, "severity", 0, MAX_SEVERITY)


def check_text(value: object, what: str) -> str:
    """``value`` if it is a string (the store cleans user text before building records)."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {shown(value)}")
    return value


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One checklist item in a session: done, skipped (with an optional reason) or pending."""

    item_id: str
    state: ItemState
    reason: str = ""

    def __post_init__(self) -> None:
        """Reject empty ids, unknown states and reasons on items that were not skipped."""
        check_id(self.item_id, "item id")
        if self.state not in ITEM_STATES:
            raise ValueError(f"item state must be one of {ITEM_STATES}, got {shown(self.state)}")
        if check_text(self.reason, "reason") and self.state != "skipped":
            raise ValueError(f"only a skipped item has a reason ({self.item_id} is {self.state})")


@lru_cache(maxsize=4096)
def item(item_id: str, state: ItemState, reason: str = "") -> ItemRecord:
    """A shared, immutable ItemRecord: a large history repeats the same few thousand."""
    return ItemRecord(item_id, state, reason)


def unique_items(items: Sequence[ItemRecord]) -> tuple[ItemRecord, ...]:
    """``items`` as a tuple; ValueError if an item id appears twice."""
    if len({record.item_id for record in items}) != len(items):
        ids = [record.item_id for record in items]
        twice = next(item_id for item_id in ids if ids.count(item_id) > 1)
        raise ValueError(f"item {shown(twice)} appears more than once")
    return tuple(items)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened after the stretch: whether the back cramped, how badly and where (the
    session's one note is :attr:`Session.note`).

    Each red-flag question is answered yes (in ``red_flags``), no (in ``red_flags_no``) or
    not asked (in neither). ``where`` is the person's own words; ``region``, ``side`` and
    ``spread`` are the structured answer (None when not given).
    """

    cramped: bool
    severity: int | None = None
    where: str = ""
    red_flags: tuple[str, ...] = ()
    advice_shown: bool = False
    recorded_at: datetime | None = None
    """Set by the store (from its clock) when left as None; stored outcomes always have it."""
    red_flags_no: tuple[str, ...] = ()
    region: str | None = None
    side: str | None = None
    spread: str | None = None

    def __post_init__(self) -> None:
        """Reject non-bool flags, severities outside 0-10, severity or a place without a
        cramp, unknown places and a red flag answered both yes and no."""
        if not isinstance(self.cramped, bool) or not isinstance(self.advice_shown, bool):
            raise ValueError("cramped and advice_shown must be true or false")
        if check_severity(self.severity) is not None and not self.cramped:
            raise ValueError("severity is only recorded when the back cramped")
        check_text(self.where, "where")
        for flags in (self.red_flags, self.red_flags_no):
            if not isinstance(flags, tuple):
                raise ValueError("red_flags and red_flags_no must be tuples of ids")
            for flag in flags:
                check_id(flag, "red flag id")
        if both := set(self.red_flags) & set(self.red_flags_no):
            raise ValueError(f"red flag {shown(min(both))} is answered both yes and no")
        for name, allowed in (("region", REGIONS), ("side", SIDES), ("spread", SPREADS)):
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {shown(value)}")
            if value is not None and not self.cramped:
                raise ValueError(f"{name} is only recorded when the back cramped")
        if self.recorded_at is not None:
            utc(self.recorded_at, "recorded_at")

    def answer(self, flag_id: str) -> bool | None:
        """The answer to red-flag question ``flag_id``: True, False, or None if not asked."""
        if flag_id in self.red_flags:
            return True
        return False if flag_id in self.red_flags_no else None


@dataclass(frozen=True, slots=True)
class CrampEpisode:
    """A cramp during a hold: when, in which stretch of a routine, at which repetition and side,
    how far into the hold."""

    at: datetime
    repetition: int | None = None
    side: str | None = None
    seconds_into_hold: float | None = None
    hold_seconds: int | None = None
    stretch_id: str | None = None
    """The routine's stretch under way (None: not recorded, or no routine running)."""
    uid: str = field(default="", compare=False)
    """Stable identity across devices; set by the store when the episode is saved."""

    def __post_init__(self) -> None:
        """Reject naive times, negative or non-finite numbers and over-long sides."""
        utc(self.at, "episode time")
        check_uid(self.uid)
        if self.repetition is not None:
            check_int(self.repetition, "repetition", 1)
        if self.hold_seconds is not None:
            check_int(self.hold_seconds, "hold_seconds", 1)
        if self.stretch_id is not None:
            check_id(self.stretch_id, "stretch id")
        too_long = isinstance(self.side, str) and len(self.side) > MAX_SIDE_LENGTH
        if self.side is not None and (not isinstance(self.side, str) or too_long):
            raise ValueError(f"side must be a short text, got {shown(self.side)}")
        seconds = self.seconds_into_hold
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, (int, float))
            or not math.isfinite(seconds)
            or not 0 <= seconds <= MAX_NUMBER
        ):
            raise ValueError(f"seconds_into_hold must be a finite number >= 0, got {seconds!r}")


@dataclass(frozen=True, slots=True)
class Session:
    """One saved checklist run, with its outcome and any cramps recorded during it."""

    id: int
    seq: int
    saved_at: datetime
    items: tuple[ItemRecord, ...]
    note: str = ""
    """The session's one note: the run's (Checklist e), shown and edited by the outcome dialog
    and the session editor too."""
    outcome: Outcome | None = None
    episodes: tuple[CrampEpisode, ...] = ()
    uid: str = ""
    """Stable identity across devices (``id`` and ``seq`` are this computer's numbers)."""
    stretches: tuple[StretchRecord, ...] = ()
    """The stretches of a routine run with the session, in order, and how each went."""

    def __post_init__(self) -> None:
        """Reject bad ids, naive times and duplicate items."""
        check_int(self.id, "session id", 1, MAX_SESSION_NUMBER)
        check_uid(self.uid)
        check_int(self.seq, "seq", 1, MAX_SESSION_NUMBER)
        utc(self.saved_at, "saved_at")
        unique_items(self.items)
        check_text(self.note, "note")

    @property
    def done_ids(self) -> tuple[str, ...]:
        """Ids of the items that were done."""
        return tuple(record.item_id for record in self.items if record.state == "done")

    @property
    def skipped_ids(self) -> tuple[str, ...]:
        """Ids of the items that were skipped."""
        return tuple(record.item_id for record in self.items if record.state == "skipped")

    @property
    def pending_ids(self) -> tuple[str, ...]:
        """Ids of the items left pending."""
        return tuple(record.item_id for record in self.items if record.state == "pending")

    @property
    def local_time(self) -> datetime:
        """When the session was saved, in the computer's timezone (for display)."""
        return self.saved_at.astimezone()


@dataclass(frozen=True, slots=True)
class Draft:
    """A checklist run that was started but not saved yet, kept across restarts."""

    items: tuple[ItemRecord, ...]
    saved_at: datetime
    note: str = ""

    def __post_init__(self) -> None:
        """Reject naive times and duplicate items."""
        utc(self.saved_at, "saved_at")
        unique_items(self.items)
        check_text(self.note, "note")
