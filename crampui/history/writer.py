"""Writing versioned records: stamps, tombstones, cleaned input, the draft and the checklist.

The base of :class:`crampui.history.store.HistoryStore`. Every field changed here is stamped
by a hybrid logical clock (:mod:`crampui.history.hlc`): the time and device of the change,
later than the version it replaces and than every change this device has seen, so a merge with
another computer's copy keeps the latest change of each field even when clocks disagree.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from crampui.history.codec import FIELD_GROUPS, draft_from_doc, draft_to_doc, iso
from crampui.history.entry import parse_note
from crampui.history.fieldmerge import BOOKKEEPING, DELETED, edited, record_stamp
from crampui.history.hlc import MAX_DRIFT, NEVER, next_stamp
from crampui.history.item_settings import ItemSetting, item_setting_from_doc, item_setting_to_doc
from crampui.history.journal import folded_segments
from crampui.history.records import (
    MAX_NUMBER,
    MAX_WHERE_LENGTH,
    Draft,
    ItemRecord,
    Outcome,
    item,
    unique_items,
)
from crampui.history.routine_records import Routine, routine_from_doc, routine_to_doc
from crampui.history.schema import DRAFT, ITEMS, ROUTINES, SESSIONS, SINGLETON, meta_doc
from crampui.history.stretch_records import MAX_STRETCHES, StretchRecord, stretches_doc
from crampui.history.syncing import MERGED_FOLDER, SyncedFile, merged_folder, prune_merged
from crampui.history.versions import deleted_only, is_deleted
from crampui.usertext import clean_user_text


class VersionedFile(SyncedFile):
    """A history file whose every change is a new version of one record."""

    @contextlib.contextmanager
    def _reading(self) -> Iterator[dict[str, Any]]:
        """The current tables, up to date with the disk; use them only inside the block."""
        with self.transaction(write=False) as db:
            yield db.storage.read() or {}

    def compact(self) -> None:
        """Fold this computer's journal into the history file now: one rewrite of the shared
        file (saves do that only once the journal has grown large)."""
        with self.transaction() as db:
            db.storage.write(db.storage.read() or {})

    def _stamp(self, doc: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        """The record ``old`` with the fields ``doc`` now holds, the changed ones stamped now by
        this device: after the version they replace and after every change seen here."""
        now = self._now()
        assert self._loaded is not None
        limit = iso((now + MAX_DRIFT).replace(minute=0, second=0, microsecond=0))
        replaced = NEVER if old is None else record_stamp(old)
        stamp = next_stamp(now, self.device, self._loaded.latest_stamp(limit), replaced)
        return edited(old, doc, stamp, FIELD_GROUPS)

    def _tombstone(self, old: dict[str, Any]) -> dict[str, Any]:
        """``old`` marked deleted, after it, keeping none of its content (a device that changed
        it after the delete brings its own copy back on merge)."""
        fields = {key: value for key, value in old.items() if key not in BOOKKEEPING}
        return deleted_only(self._stamp({**fields, DELETED: True}, old or None), FIELD_GROUPS)

    def _delete_record(self, db: Any, table: str, key: str, old: dict[str, Any]) -> None:
        """Replace record ``key`` of ``table`` with its tombstone, inside transaction ``db``,
        leaving its content in no file beside the history but the ``.bak``: the file is
        rewritten (not journaled), and this computer's folded journal and the merged conflict
        copies (whose content the history holds) are removed."""
        db.storage.put([(table, key, self._tombstone(old))], rewrite=True)
        for kept in folded_segments(self.path, self.device):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(kept)
        every_copy = datetime.max.replace(tzinfo=timezone.utc)
        prune_merged(merged_folder(self.path), set(), every_copy)
        prune_merged(self.path.parent / MERGED_FOLDER, set(), every_copy)  # earlier versions'

    def _clean_items(self, items: Sequence[ItemRecord]) -> tuple[ItemRecord, ...]:
        """Items with cleaned skip reasons; ValueError for duplicates or non-records."""
        cleaned: list[ItemRecord] = []
        for record in items:
            if not isinstance(record, ItemRecord):
                raise ValueError(f"expected an ItemRecord, got {type(record).__name__}")
            field = f"reason for skipping {record.item_id}"
            cleaned.append(
                item(record.item_id, record.state, clean_user_text(record.reason, field=field))
            )
        return unique_items(cleaned)

    def _clean_stretches(self, stretches: Sequence[StretchRecord]) -> tuple[StretchRecord, ...]:
        """A routine run's stretches with cleaned reasons; ValueError for too many or
        non-records."""
        if len(stretches) > MAX_STRETCHES:
            raise ValueError(f"a session records at most {MAX_STRETCHES} stretches")
        cleaned: list[StretchRecord] = []
        for record in stretches:
            if not isinstance(record, StretchRecord):
                raise ValueError(f"expected a StretchRecord, got {type(record).__name__}")
            reason = clean_user_text(record.reason, field=f"reason for {record.stretch_id}")
            cleaned.append(replace(record, reason=reason))
        return tuple(cleaned)

    def _clean_outcome(self, outcome: Outcome) -> Outcome:
        """The outcome with cleaned text and a recorded_at (now, if it had none)."""
        return replace(
            outcome,
            where=clean_user_text(outcome.where, field="where", max_length=MAX_WHERE_LENGTH),
            recorded_at=outcome.recorded_at or self._now(),
        )

    # -- session numbers -------------------------------------------------------------------

    def _numbers(self) -> dict[str, int]:
        """This computer's number of every session uid (only inside a transaction)."""
        assert self._loaded is not None
        return self._loaded.numbers()

    def _next_seq(self, tables: dict[str, Any]) -> int:
        """The seq of the next session saved into ``tables`` (at most MAX_NUMBER: past it,
        sessions share that seq and are numbered on from it)."""
        assert self._loaded is not None
        wanted = max(self._loaded.top_number() + 1, meta_doc(tables).get("next_seq", 1))
        return min(wanted, MAX_NUMBER)

    def _uid_of(self, tables: dict[str, Any], session_id: int) -> str:
        """The uid of live session number ``session_id``; KeyError if there is none."""
        assert self._loaded is not None
        uid = self._loaded.uid_of(session_id) if isinstance(session_id, int) else None
        if uid is None or is_deleted(tables.get(SESSIONS, {})[uid]):
            raise KeyError(f"no session #{session_id}")
        return uid

    # -- the unsaved checklist run -----------------------------------------------------------

    def draft(self) -> Draft | None:
        """The checklist run in progress when the app last closed, if any."""
        with self._reading() as tables:
            doc = tables.get(DRAFT, {}).get(str(SINGLETON))
            return None if doc is None or is_deleted(doc) else draft_from_doc(doc)

    def save_draft(self, items: Sequence[ItemRecord], note: str = "") -> Draft:
        """Remember the checklist run in progress (replacing any earlier draft)."""
        draft = Draft(self._clean_items(items), self._now(), parse_note(note, "note"))
        self._put_singleton(draft_to_doc(draft))
        return draft

    def clear_draft(self) -> None:
        """Forget the checklist run in progress (no write if there is none)."""
        self._put_singleton(None)

    def _put_singleton(self, doc: dict[str, Any] | None) -> None:
        """Replace the draft with ``doc`` (a tombstone for None; no write if already gone)."""
        with self.transaction() as db:
            old = (db.storage.read() or {}).get(DRAFT, {}).get(str(SINGLETON))
            if doc is None and (old is None or is_deleted(old)):
                return
            new = self._tombstone(old or {}) if doc is None else self._stamp(doc, old)
            db.storage.put([(DRAFT, str(SINGLETON), new)])

    # -- the user's checklist ----------------------------------------------------------------

    def item_settings(self) -> list[ItemSetting]:
        """How the user has changed the checklist: one setting per item, by position."""
        with self._reading() as tables:
            raw = tables.get(ITEMS, {})
            found = [item_setting_from_doc(doc, key) for key, doc in raw.items()]
        return sorted(found, key=lambda setting: (setting.position, setting.item_id))

    def put_item_settings(self, settings: Sequence[ItemSetting]) -> None:
        """Store these settings (others are kept); one write, only if something changed."""
        with self.transaction() as db:
            raw = (db.storage.read() or {}).get(ITEMS, {})
            changes: dict[str, dict[str, Any]] = {}
            for setting in settings:
                if not isinstance(setting, ItemSetting):
                    raise ValueError(f"expected an ItemSetting, got {type(setting).__name__}")
                doc = item_setting_to_doc(setting)
                old = changes.get(setting.item_id, raw.get(setting.item_id))
                if old is not None and {k: old[k] for k in old if k not in BOOKKEEPING} == doc:
                    continue
                changes[setting.item_id] = self._stamp(doc, old)
            if changes:
                db.storage.put([(ITEMS, key, doc) for key, doc in changes.items()])

    def put_stretches(self, session_id: int, stretches: Sequence[StretchRecord]) -> None:
        """Record how each stretch of a routine run went in session ``session_id`` (replacing
        what it had); KeyError if there is no such session."""
        cleaned = self._clean_stretches(stretches)
        with self.transaction() as db:
            tables = db.storage.read() or {}
            uid = self._uid_of(tables, session_id)
            old = tables[SESSIONS][uid]
            kept = {k: v for k, v in old.items() if k not in (*BOOKKEEPING, "stretches")}
            doc = {**kept, **stretches_doc(cleaned)}
            db.storage.put([(SESSIONS, uid, self._stamp(doc, old))])

    # -- the user's stretch routine ----------------------------------------------------------

    def stored_routine(self, routine_id: str) -> Routine | None:
        """The routine ``routine_id`` as the user changed it; None if never changed (deleted)."""
        with self._reading() as tables:
            doc = tables.get(ROUTINES, {}).get(routine_id)
            return None if doc is None or is_deleted(doc) else routine_from_doc(doc, routine_id)

    def put_routine(self, routine: Routine) -> Routine:
        """Store ``routine`` (each of its fields stamped only if it changed, the stored steps
        and own stretches it does not name kept); return it."""
        if not isinstance(routine, Routine):
            raise ValueError(f"expected a Routine, got {type(routine).__name__}")
        with self.transaction() as db:
            old = (db.storage.read() or {}).get(ROUTINES, {}).get(routine.routine_id)
            doc = routine_to_doc(routine, None if old is None or is_deleted(old) else old)
            if old is None or {k: old[k] for k in old if k not in BOOKKEEPING} != doc:
                db.storage.put([(ROUTINES, routine.routine_id, self._stamp(doc, old))])
        return routine
