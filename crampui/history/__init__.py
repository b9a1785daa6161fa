"""The durable history of checklist sessions, cramp outcomes and episodes (TinyDB, no Textual).

No Textual; may import only the shared modules.

Guarantees:

* Every write goes to a temporary file in the same directory, is flushed and fsynced, then
  replaces the database with ``os.replace`` and the directory is fsynced; the file is never
  rewritten in place. The previous good file is kept as ``<db>.bak`` (a hard link when
  private, so it costs no copy) in this computer's local folder for the history
  (:func:`crampui.locations.local_folder`, in the state directory, mode 0700), with the lock,
  the seen copy and the merged conflict copies: nothing but the history and the journals is
  ever written to the synced folder.
* Every writing method holds the lock and brings what it read before up to date from
  what changed on disk (the journals' new lines, or the whole file if it was replaced), so
  several processes can share one history. Reads take no lock and create nothing. A file is
  validated once per change: its signature is noted in the cache dir after it passes.
* A history, whatever its size, is not rewritten for every change: each change is a line
  appended and fsynced to this computer's journal, ``<db>.journal/<device>.jsonl`` (a few
  hundred bytes sent per save), which is folded into the file only once it is both 64 KiB and
  a quarter of the file's size, on a delete, or by :meth:`HistoryStore.compact` (the folded
  journal is kept as ``<device>.prev.jsonl`` until the next fold, so the ``.bak`` plus the
  journals still hold everything). Each computer writes only its own journal, so a sync tool
  never sees two of them change one file between folds, and makes no conflict copy.
* Every record has a uid and a version (when and on which device it last changed), and each
  field its own hybrid-logical-clock stamp, so copies merge field by field
  (:mod:`crampui.history.fieldmerge`); a delete marks the record deleted. Sessions are
  numbered by ``seq`` (assigned inside the lock, never by clock time); those numbers are this
  computer's and, once given, kept in its local folder so they never change there; a copy
  from another computer merges in without conflicts
  (:mod:`crampui.history.merge`). Conflict copies that sync tools leave beside the file are
  merged on open (and while the app is open) and moved out of it, into the local folder;
  the history as this computer last saw it is kept in its local state folder, so a file that
  goes back to an older copy loses nothing (:mod:`crampui.history.seen`).
* Only a regular file of at most 64 MiB is read; anything else is refused with a message and
  left untouched. A symlink is followed: its target is read and replaced.
* A file from a newer crampui is refused untouched; a schema-0 file is backed up to
  ``<db>.bak-v0-<UTC>`` and migrated; an unreadable file (including bad times, numbers, ids or
  nesting) is moved to ``<db>.corrupt-<UTC>``, the backup is restored and
  :attr:`HistoryStore.recovery_notice` says what happened. A backup is never overwritten by a
  state that was not checked.
* Text read back is cleaned like typed text, so a file cannot send control sequences to the
  terminal.

File layout (schema 2), one TinyDB table each, every record with ``changed_at`` and ``device``::

    meta      {"1": {"schema_version": 2}}
    sessions  {"<uid>": {"seq": 7, "saved_at": "2026-11-25T20:15:30.123456+00:00",
                         "done": "hydrate warm-up", "skipped": "loosen", "pending": "posture",
                         "reasons": {"loosen": "no time"}, "note": "...", "outcome": {...},
                         "stretches": [{"id": "knee-to-chest", "status": "done"}, ...],
                         "changed_at": "...", "device": "3f9c0a1b2c4d"}}
                         a deleted one: {"seq": 7, "deleted": true, "changed_at": ..., ...}
    episodes  {"<uid>": {"at": ..., "repetition": 2, "stretch": "pelvic-tilt",
                         "session": "<session uid>", ...}}
              (no ``session``: a cramp recorded on its own; no ``stretch``: not recorded)
    items     {"<item id>": {"position": 3, "hidden": true, "own": true, "label": ...}}
    routines  {"default": {"steps": [{"id": ..., "stretch": ..., "hold": 5, ...}], "own": [...],
                           "retired": [...]}}: the stretch routine, once changed
    draft     {"1": {...}}: the half-finished checklist run

Beside the history, ``<db>.journal/<device>.jsonl`` holds one change a line, each a
one-record history: ``{"sessions": {"<uid>": {...}}}``.

Uids are 32 hex digits; empty fields are left out to keep the file small.

Modules, each depending only on those above it: ``errors``, ``records`` (types, limits,
checks), ``entry`` (parsing what a person types), ``codec`` (documents and bytes),
``versions`` (stamps, tombstones, numbering), ``item_settings`` (the user's checklist),
``routine_records`` (the user's stretch routine),
``schema`` (version, whole-file check), ``merge``, ``migrations``, ``engine`` (file I/O),
``device`` (this computer's id), ``checked`` (files already validated), ``conflicts`` (sync
tools' copy names), ``journal`` (the change journals), ``loaded`` (what was read, kept up to
date), ``storage`` (TinyDB),
``recovery``, ``database`` (lock and load), ``syncing`` (merging copies in), ``writer``
(versioned writes, draft, checklist) and ``store`` (the API).

The names below load their module on first use, so ``crampui.settings`` can use the engine
without importing TinyDB, filelock and the records before the app's first frame.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crampui.history.codec import episode_to_doc, session_to_doc
    from crampui.history.database import LOCK_TIMEOUT
    from crampui.history.engine import atomic_write, write_error
    from crampui.history.errors import HistoryError, HistoryWriteError
    from crampui.history.item_settings import ItemSetting
    from crampui.history.merge import MergeSummary
    from crampui.history.records import (
        ITEM_STATES,
        MAX_ID_LENGTH,
        MAX_SEVERITY,
        MAX_SIDE_LENGTH,
        MAX_WHERE_LENGTH,
        CrampEpisode,
        Draft,
        ItemRecord,
        ItemState,
        Outcome,
        Session,
    )
    from crampui.history.schema import SCHEMA_VERSION
    from crampui.history.storage import MAX_FILE_BYTES, AtomicJSONStorage
    from crampui.history.store import HistoryStore

_MODULE_OF = {
    "episode_to_doc": "codec",
    "session_to_doc": "codec",
    "LOCK_TIMEOUT": "database",
    "atomic_write": "engine",
    "write_error": "engine",
    "HistoryError": "errors",
    "HistoryWriteError": "errors",
    "ItemSetting": "item_settings",
    "MergeSummary": "merge",
    "ITEM_STATES": "records",
    "MAX_ID_LENGTH": "records",
    "MAX_SEVERITY": "records",
    "MAX_SIDE_LENGTH": "records",
    "MAX_WHERE_LENGTH": "records",
    "CrampEpisode": "records",
    "Draft": "records",
    "ItemRecord": "records",
    "ItemState": "records",
    "Outcome": "records",
    "Session": "records",
    "SCHEMA_VERSION": "schema",
    "MAX_FILE_BYTES": "storage",
    "AtomicJSONStorage": "storage",
    "HistoryStore": "store",
}
"""Where each public name lives."""

__all__ = [
    "AtomicJSONStorage",
    "CrampEpisode",
    "Draft",
    "HistoryError",
    "HistoryStore",
    "HistoryWriteError",
    "ITEM_STATES",
    "ItemRecord",
    "ItemSetting",
    "ItemState",
    "LOCK_TIMEOUT",
    "MAX_FILE_BYTES",
    "MAX_ID_LENGTH",
    "MAX_SEVERITY",
    "MAX_SIDE_LENGTH",
    "MAX_WHERE_LENGTH",
    "MergeSummary",
    "Outcome",
    "SCHEMA_VERSION",
    "Session",
    "atomic_write",
    "episode_to_doc",
    "session_to_doc",
    "write_error",
]


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use (PEP 562)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted({*globals(), *_MODULE_OF})
