"""The file's layout: schema version, table names, the whole-file check and migrations.

Migrations are pure functions from tables to tables; the recovery module keeps a copy of the
old file before one is written. Every problem is reported as :class:`UnreadableError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from crampui.history.codec import (
    draft_from_doc,
    encode,
    episode_from_doc,
    session_from_doc,
    session_to_doc,
    stored_text,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.records import MAX_NUMBER, Outcome, Session, check_int, item, utc
from crampui.usertext import shown

SCHEMA_VERSION = 1
"""The newest history schema this version reads and the one it writes."""

META, SESSIONS, EPISODES, DRAFT = "meta", "sessions", "episodes", "draft"
SINGLETON = 1
"""The document id of the one ``meta`` and the one ``draft`` document."""

MALFORMED = (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError)
"""What building records from arbitrary JSON can raise; all of it means malformed data."""

_DOC_ID = re.compile(r"[1-9][0-9]{0,14}")


def meta_doc(tables: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``meta`` document ({} when there is none)."""
    doc: Mapping[str, Any] = tables.get(META, {}).get(str(SINGLETON), {})
    return doc


def check_shape(tables: Mapping[str, Any]) -> None:
    """Every table maps canonical positive ids ("1", "2", ...) to objects."""
    for name, table in tables.items():
        for key, doc in table.items():
            if not (_DOC_ID.fullmatch(key) and isinstance(doc, dict)):
                raise UnreadableError(
                    f"its {shown(name)} table has a record that is not an object with an id"
                )


def schema_version(tables: Mapping[str, Any]) -> int:
    """The file's schema: from ``meta``, else 0 if it has sessions, else current (empty)."""
    if META not in tables:
        return 0 if tables.get(SESSIONS) else SCHEMA_VERSION
    try:
        return check_int(meta_doc(tables)["schema_version"], "schema_version", 0, MAX_NUMBER)
    except MALFORMED as error:
        raise UnreadableError(f"its meta table has no valid schema_version ({error})") from error


def validate(tables: Mapping[str, Any]) -> None:
    """Build every record once and re-encode the whole file, so nothing malformed is used.

    Re-encoding catches values a later save could not write back (lone surrogates, numbers
    nested in unknown tables), which would otherwise refuse every save from then on.
    """
    check_shape(tables)
    what = "its meta table"
    try:
        meta = meta_doc(tables)
        if "next_seq" in meta:
            check_int(meta["next_seq"], "next_seq", 1)
        for doc_id, doc in tables.get(SESSIONS, {}).items():
            what = f"session #{doc_id}"
            session_from_doc(doc, int(doc_id))
        for doc_id, doc in tables.get(EPISODES, {}).items():
            what = f"episode #{doc_id}"
            episode_from_doc(doc)
        for doc in tables.get(DRAFT, {}).values():
            what = "the draft"
            draft_from_doc(doc)
        what = "its content"
        encode(tables)
    except (*MALFORMED, HistoryError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise UnreadableError(f"{what} is malformed ({problem})") from error
    sessions = tables.get(SESSIONS, {})
    if len({doc["seq"] for doc in sessions.values()}) != len(sessions):
        raise UnreadableError("two sessions share a seq")


def migrate_v0(tables: Mapping[str, Any]) -> dict[str, Any]:
    """Schema 0 → 1: local times become UTC, sessions get ``seq`` in time order, id = seq.

    Schema 0 (before ``meta`` existed) stored ``local_time`` (naive local ISO), ``done`` and
    ``skipped`` lists, ``note`` and ``cramped`` (true, false or null) per session.
    """
    check_shape(tables)
    try:
        old = sorted(
            (utc(_local(doc["local_time"]), "local_time"), int(key), doc)
            for key, doc in tables[SESSIONS].items()
        )
        sessions: dict[str, Any] = {}
        for seq, (saved_at, _old_id, doc) in enumerate(old, start=1):
            cramped = doc.get("cramped")
            done, skipped = doc.get("done", []), doc.get("skipped", [])
            if not isinstance(done, list) or not isinstance(skipped, list):
                raise ValueError("done and skipped must be lists of item ids")
            records = [item(i, "done") for i in done] + [item(i, "skipped") for i in skipped]
            session = Session(
                id=seq,
                seq=seq,
                saved_at=saved_at,
                items=tuple(records),
                note=stored_text(doc.get("note", ""), "note"),
                outcome=None if cramped is None else Outcome(cramped, recorded_at=saved_at),
            )
            sessions[str(seq)] = session_to_doc(session)
    except MALFORMED as error:
        raise UnreadableError(f"its schema-0 sessions are malformed ({error})") from error
    return {
        META: {str(SINGLETON): {"schema_version": 1, "next_seq": len(sessions) + 1}},
        SESSIONS: sessions,
    }


def _local(text: object) -> datetime:
    """A schema-0 naive local time, made aware in the computer's timezone."""
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError(f"local_time must be a timestamp string, got {shown(text)}")
    moment = datetime.fromisoformat(text)
    return moment.astimezone() if moment.tzinfo is None else moment.astimezone(timezone.utc)
