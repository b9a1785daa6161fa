"""Editing a saved session or adding a past one: the editor's rows, its time, what changed.

No Textual: the session editor screen shows and collects these; the History tab stores them.
A session is edited with the items it had: an item the checklist no longer shows keeps its
state (and is labelled by its id if no label is known).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from crampui.history.records import EARLIEST, LATEST, ItemRecord, ItemState, Outcome, Session
from crampui.usertext import shown

TIME_FORMAT = "%Y-%m-%d %H:%M"
"""How the editor writes and reads a session's local date and time."""

TIME_EXAMPLE = "2026-12-01 18:30"


@dataclass(frozen=True)
class EditorRow:
    """One item in the editor: its id, label, state, skip reason, and whether it is listed
    in the current checklist."""

    item_id: str
    label: str
    state: ItemState
    reason: str = ""
    listed: bool = True

    def record(self) -> ItemRecord:
        """The row as it is stored (a reason only on a skipped item)."""
        reason = self.reason if self.state == "skipped" else ""
        return ItemRecord(self.item_id, self.state, reason)


def session_rows(
    items: Sequence[ItemRecord], labels: Mapping[str, str], current: Collection[str]
) -> tuple[EditorRow, ...]:
    """The rows for a saved session's ``items``, in the order of ``labels``.

    ``labels`` maps every known item id to its label, in checklist order (an unknown id shows
    itself, after the known ones); an item not in ``current`` (the ids the checklist shows now)
    keeps its state and is marked unlisted.
    """
    order = {item_id: index for index, item_id in enumerate(labels)}
    items = sorted(items, key=lambda record: order.get(record.item_id, len(order)))
    return tuple(
        EditorRow(
            record.item_id,
            labels.get(record.item_id, record.item_id),
            record.state,
            record.reason,
            record.item_id in current,
        )
        for record in items
    )


def new_rows(labels: Mapping[str, str]) -> tuple[EditorRow, ...]:
    """The rows for a new session: every item of the current checklist, not done yet."""
    return tuple(EditorRow(item_id, label, "pending") for item_id, label in labels.items())


def local_text(moment: datetime) -> str:
    """``moment`` as the editor shows it: local time, "YYYY-MM-DD HH:MM"."""
    return moment.astimezone().strftime(TIME_FORMAT)


def backfill_time(now: datetime) -> datetime:
    """Where a past session starts: yesterday at the current local time (to the minute)."""
    return (now.astimezone() - timedelta(days=1)).replace(second=0, microsecond=0)


EARLIEST_YEAR = 2000
"""No session, cramp or report period starts before this year: an earlier date is a typo."""


def parse_local_time(text: str, now: datetime, name: str = "Date and time") -> datetime:
    """``text`` ("YYYY-MM-DD HH:MM", local time) as an aware datetime, not after ``now``.

    ValueError with a one-line message naming ``name`` if it is malformed, impossible (31
    April, a time skipped when the clocks went forward), before :data:`EARLIEST_YEAR` or in
    the future. A time that happened twice (clocks went back) is the first of the two; see
    :func:`happened_twice`.
    """
    try:
        naive = datetime.strptime(text.strip(), TIME_FORMAT)
        moment = naive.astimezone()
        in_range = EARLIEST <= moment <= LATEST
    except (ValueError, OverflowError, OSError):
        in_range = False
    if not in_range:
        raise ValueError(
            f"{name} must be a real local date and time like {TIME_EXAMPLE}, got {shown(text, 30)}"
        )
    if moment.year < EARLIEST_YEAR:
        raise ValueError(
            f"{name} {shown(text.strip(), 30)} is before {EARLIEST_YEAR}; check the year"
        )
    if moment.replace(tzinfo=None) != naive:
        raise ValueError(
            f"{name} {naive.strftime(TIME_FORMAT)} did not happen here: the clocks went forward "
            "at that time; give a time before or after the change"
        )
    if moment > now:
        raise ValueError(
            f"{name} {moment.strftime(TIME_FORMAT)} is in the future; it is {local_text(now)} now"
        )
    return moment


def happened_twice(moment: datetime) -> bool:
    """Whether ``moment``'s local time happened twice (the clocks went back that night)."""
    local = moment.astimezone().replace(tzinfo=None)
    return local.astimezone().utcoffset() != local.replace(fold=1).astimezone().utcoffset()


@dataclass(frozen=True)
class EditedSession:
    """What the editor holds when saved: the items, the time, the note and the outcome."""

    items: tuple[ItemRecord, ...]
    saved_at: datetime
    note: str
    outcome: Outcome | None


def changes(before: Session, after: EditedSession) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before``, as update_session's keywords."""
    found: dict[str, Any] = {}
    if tuple(after.items) != before.items:
        found["items"] = after.items
    if after.saved_at != before.saved_at:
        found["saved_at"] = after.saved_at
    if after.note != before.note:
        found["note"] = after.note
    if after.outcome != before.outcome:
        found["outcome"] = after.outcome
    return found
