"""The durable history of checklist sessions, cramp outcomes and episodes (TinyDB, no Textual).

Guarantees:

* Every write goes to a temporary file in the same directory, is flushed and fsynced, then
  replaces the database with ``os.replace`` and the directory is fsynced; the file is never
  rewritten in place. The previous good file is kept as ``<db>.bak`` (a hard link, so it costs
  no copy).
* Every writing method holds ``<db>.lock`` and opens the file fresh: nothing is cached between
  calls, so several processes can share one history. Reads take no lock and create nothing.
* Sessions are ordered by ``seq``, an integer assigned inside the lock, never by clock time.
* Only a regular file of at most 64 MiB is read; anything else is refused with a message and
  left untouched. A symlink is followed: its target is read and replaced.
* A file from a newer crampui is refused untouched; a schema-0 file is backed up to
  ``<db>.bak-v0-<UTC>`` and migrated; an unreadable file (including bad times, numbers, ids or
  nesting) is moved to ``<db>.corrupt-<UTC>``, the backup is restored and
  :attr:`HistoryStore.recovery_notice` says what happened. A backup is never overwritten by a
  state that was not checked.
* Text read back is cleaned like typed text, so a file cannot send control sequences to the
  terminal.

File layout (schema 1), one TinyDB table each::

    meta      {"1": {"schema_version": 1, "next_seq": 8}}     next_seq: never reuse a seq
    sessions  {"7": {"seq": 7, "saved_at": "2026-11-25T20:15:30.123456+00:00",
                     "done": "hydrate warm-up", "skipped": "loosen", "pending": "posture",
                     "reasons": {"loosen": "no time"},
                     "note": "...", "outcome": {...}, "episodes": [{...}]}}
    episodes  cramps recorded with no session (a cramp while not following a session)
    draft     {"1": {...}}: the half-finished checklist run

A session's document id equals its ``seq``. Empty fields are left out to keep the file small.

Modules, each depending only on those above it: ``errors``, ``records`` (types, limits,
checks), ``entry`` (parsing what a person types), ``codec`` (documents and bytes), ``schema``
(version, whole-file check, migrations), ``engine`` (file I/O), ``storage`` (TinyDB),
``recovery``, ``database`` (lock and load), ``store`` (the API).

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
    "ItemState",
    "LOCK_TIMEOUT",
    "MAX_FILE_BYTES",
    "MAX_ID_LENGTH",
    "MAX_SEVERITY",
    "MAX_SIDE_LENGTH",
    "MAX_WHERE_LENGTH",
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
