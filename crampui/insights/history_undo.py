"""Undo in the History tab: what each edit or delete remembers, and how it is taken back.

No Textual. Every change made in the History tab pushes an :class:`UndoStep`; u takes the
newest one back with :func:`undo`. Undoing an edit or an outcome change puts the earlier
version back, but keeps the red-flag record (see :mod:`crampui.checklist.safety_record`): flags
answered yes and advice shown are never taken away by an undo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from crampui.checklist.safety_record import keep_safety_record
from crampui.history import CrampEpisode, HistoryStore, Session
from crampui.insights.timeline import Entry

UndoKind = Literal["delete", "edit", "outcome", "add"]
UNDO_KINDS: tuple[UndoKind, ...] = ("delete", "edit", "outcome", "add")

KEPT_RECORD = " The red-flag answers stay on record."


@dataclass(frozen=True)
class UndoStep:
    """One change u can take back: a ``kind`` and the entry it needs.

    ``delete``: the deleted session or lone cramp; ``edit`` and ``outcome``: the session as it
    was before; ``add``: the session that was added.
    """

    kind: UndoKind
    entry: Entry


@dataclass(frozen=True)
class Undone:
    """What an undo did: the entry to show (None when it was removed) and a message."""

    entry: Entry | None
    message: str


def name_of(entry: Entry) -> str:
    """How messages name ``entry``: "session #12" or "the cramp"."""
    return f"session #{entry.id}" if isinstance(entry, Session) else "the cramp"


def with_safety_record(before: Session, current: Session) -> Session:
    """``before``, keeping the red flags and advice recorded in ``current``.

    When ``before`` had no outcome and ``current`` has a red-flag record, the current outcome
    stays (the record cannot be kept without it).
    """
    now = current.outcome
    if now is None or not (now.red_flags or now.red_flags_no or now.advice_shown):
        return before
    if before.outcome is None:
        return replace(before, outcome=now)
    return replace(before, outcome=keep_safety_record(now, before.outcome))


def _live(store: HistoryStore, uid: str, name: str) -> Session:
    """The live session with ``uid``; KeyError naming it if it is gone."""
    for session in store.sessions():
        if session.uid == uid:
            return session
    raise KeyError(f"{name} is no longer in your history")


def undo(store: HistoryStore, step: UndoStep) -> Undone:
    """Take ``step`` back in ``store``.

    HistoryError if the store cannot be written or a deleted session is back already; KeyError
    if the session of an edit or an add is gone.
    """
    entry = step.entry
    if step.kind == "delete":
        if isinstance(entry, CrampEpisode):
            return Undone(store.add_episode(entry), "Restored the cramp.")
        restored = store.restore_session(entry)
        return Undone(restored, f"Restored session #{restored.id}.")
    assert isinstance(entry, Session)
    current = _live(store, entry.uid, name_of(entry))
    if step.kind == "add":
        store.delete_session(current.id)
        return Undone(None, f"Took back adding session #{current.id}: it is removed.")
    earlier = with_safety_record(entry, current)
    reverted = store.revert_session(earlier)
    what = "outcome change" if step.kind == "outcome" else "edit"
    kept = KEPT_RECORD if earlier.outcome != entry.outcome else ""
    return Undone(reverted, f"Undid the {what} of session #{reverted.id}.{kept}")
