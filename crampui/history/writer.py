"""Writing versioned records: stamps, tombstones, cleaned input, the draft and the checklist.

The base of :class:`crampui.history.store.HistoryStore`. Every record written here carries the
time and the device of its change, always later than the version it replaces, so a merge with
another computer's copy keeps the newest change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from crampui.history.codec import draft_from_doc, draft_to_doc, iso
from crampui.history.entry import parse_note
from crampui.history.item_settings import ItemSetting, item_setting_from_doc, item_setting_to_doc
from crampui.history.records import (
    MAX_WHERE_LENGTH,
    Draft,
    ItemRecord,
    Outcome,
    item,
    unique_items,
)
from crampui.history.schema import DRAFT, ITEMS, SESSIONS, SINGLETON, meta_doc
from crampui.history.syncing import SyncedFile
from crampui.history.versions import VERSION_FIELDS, is_deleted, tombstone
from crampui.usertext import clean_user_text


class VersionedFile(SyncedFile):
    """A history file whose every change is a new version of one record."""

    @contextlib.contextmanager
    def _reading(self) -> Iterator[dict[str, Any]]:
        """The current tables, up to date with the disk; use them only inside the block."""
        with self.transaction(write=False) as db:
            yield db.storage.read() or {}

    def _stamp(self, doc: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        """``doc`` versioned now by this device, always later than the version it replaces."""
        now = self._now()
        if old is not None and old.get("changed_at", "") >= iso(now):
            now = datetime.fromisoformat(old["changed_at"]) + timedelta(microseconds=1)
        return {**doc, "changed_at": iso(now), "device": self.device}

    def _tombstone(self, old: dict[str, Any]) -> dict[str, Any]:
        """The tombstone replacing ``old``, versioned after it."""
        stamp = self._stamp({}, old)
        return tombstone(old, datetime.fromisoformat(stamp["changed_at"]), self.device)

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
        """The seq (and number) of the next session saved into ``tables``."""
        assert self._loaded is not None
        return max(self._loaded.top_number() + 1, meta_doc(tables).get("next_seq", 1))

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
                if old is not None and {k: old[k] for k in old if k not in VERSION_FIELDS} == doc:
                    continue
                changes[setting.item_id] = self._stamp(doc, old)
            if changes:
                db.storage.put([(ITEMS, key, doc) for key, doc in changes.items()])
