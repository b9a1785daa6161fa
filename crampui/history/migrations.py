"""Migrations: pure functions from an older schema's tables to the current schema's.

The recovery module keeps a copy of the old file before a migrated one is written. Records
converted from schema 1 get uids derived from their content and the version of device
``migrated``, so the same old file migrated on two computers gives the same records and
merging the two adds nothing twice. Every problem is reported as :class:`UnreadableError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from crampui.history.codec import iso, outcome_from_doc, parse_time, session_to_doc, stored_text
from crampui.history.errors import UnreadableError
from crampui.history.records import Outcome, Session, item, utc
from crampui.history.schema import (
    DRAFT,
    EPISODES,
    MALFORMED,
    META,
    SCHEMA_VERSION,
    SESSIONS,
    SINGLETON,
    check_shape,
    meta_doc,
    schema_version,
    validate,
)
from crampui.history.versions import MIGRATED_DEVICE, derived_uid, stamped
from crampui.usertext import shown


def migrate(tables: Mapping[str, Any]) -> dict[str, Any]:
    """``tables`` of any older schema in the current one, checked; UnreadableError if not."""
    version = schema_version(tables)
    current = dict(tables)
    if version == 0:
        current, version = migrate_v0(current), 1
    if version == 1:
        current = migrate_v1(current)
    validate(current)
    return current


def migrate_v0(tables: Mapping[str, Any]) -> dict[str, Any]:
    """Schema 0 → 1: local times become UTC, sessions get ``seq`` in time order, id = seq.

    Schema 0 (before ``meta`` existed) stored ``local_time`` (naive local ISO), ``done`` and
    ``skipped`` lists, ``note`` and ``cramped`` (true, false or null) per session.
    """
    check_shape(tables, version=0)
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


def migrate_v1(tables: Mapping[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2: records keyed by uid and versioned; episodes become records of their own.

    Schema 1 keyed sessions by their seq, kept a session's cramps in its ``episodes`` list and
    kept cramps on their own in an ``episodes`` table keyed "1", "2", ...
    """
    check_shape(tables, version=1)
    sessions: dict[str, Any] = {}
    episodes: dict[str, Any] = {}
    try:
        for doc in tables.get(SESSIONS, {}).values():
            uid = derived_uid("session", doc["seq"], doc["saved_at"])
            body = {key: value for key, value in doc.items() if key != "episodes"}
            sessions[uid] = stamped(body, _last_change(doc), MIGRATED_DEVICE)
            nested = doc.get("episodes", [])
            if not isinstance(nested, list):
                raise ValueError(f"episodes must be a list, got {shown(nested)}")
            for index, episode in enumerate(nested):
                key = derived_uid("episode", uid, index, episode["at"])
                episodes[key] = _episode(episode, uid)
        for index, episode in tables.get(EPISODES, {}).items():
            key = derived_uid("episode", "", index, episode["at"])
            episodes[key] = _episode(episode, None)
    except MALFORMED as error:
        raise UnreadableError(f"its schema-1 records are malformed ({error})") from error
    others = {k: v for k, v in tables.items() if k not in (META, SESSIONS, EPISODES, DRAFT)}
    migrated: dict[str, Any] = {
        **others,
        META: {str(SINGLETON): {**meta_doc(tables), "schema_version": SCHEMA_VERSION}},
        SESSIONS: sessions,
        EPISODES: episodes,
    }
    draft = tables.get(DRAFT, {}).get(str(SINGLETON))
    if draft is not None:
        try:
            changed = parse_time(draft["saved_at"], "saved_at")
        except MALFORMED as error:
            raise UnreadableError(f"its schema-1 draft is malformed ({error})") from error
        migrated[DRAFT] = {str(SINGLETON): stamped(draft, changed, MIGRATED_DEVICE)}
    return migrated


def _last_change(doc: Mapping[str, Any]) -> datetime:
    """When a schema-1 session last changed: its outcome's time if later than its own."""
    saved_at = parse_time(doc["saved_at"], "saved_at")
    outcome = doc.get("outcome")
    recorded = outcome_from_doc(outcome).recorded_at if isinstance(outcome, dict) else None
    return max(saved_at, recorded or saved_at)


def _episode(doc: Mapping[str, Any], session_uid: str | None) -> dict[str, Any]:
    """A schema-1 episode document as a schema-2 record."""
    if not isinstance(doc, dict):
        raise ValueError("an episode must be an object")
    at = parse_time(doc["at"], "episode time")
    body = {**doc, "at": iso(at)}
    if session_uid is not None:
        body["session"] = session_uid
    return stamped(body, at, MIGRATED_DEVICE)


def _local(text: object) -> datetime:
    """A schema-0 naive local time, made aware in the computer's timezone."""
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError(f"local_time must be a timestamp string, got {shown(text)}")
    moment = datetime.fromisoformat(text)
    return moment.astimezone() if moment.tzinfo is None else moment.astimezone(timezone.utc)
