"""The file's layout: schema version, table names and the whole-file check.

Schema 2 keys sessions and episodes by uid and items by item id; every record carries its
version (:mod:`crampui.history.versions`). Every problem is reported as :class:`UnreadableError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crampui.history.codec import (
    FIELD_GROUPS,
    draft_from_doc,
    encode,
    episode_from_doc,
    session_from_doc,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.fieldmerge import (
    BOOKKEEPING,
    OVERWRITTEN,
    STAMPS,
    check_bookkeeping,
    overwritten_versions,
    record_stamp,
    unit_of,
    with_unit,
)
from crampui.history.item_settings import item_setting_from_doc
from crampui.history.records import MAX_NUMBER, check_id, check_int, check_uid
from crampui.history.routine_records import routine_from_doc
from crampui.history.versions import (
    changed_at,
    check_tombstone,
    is_deleted,
    keeps_content,
    live_view,
)
from crampui.usertext import shown

SCHEMA_VERSION = 2
"""The newest history schema this version reads and the one it writes."""

META, SESSIONS, EPISODES, ITEMS, DRAFT = "meta", "sessions", "episodes", "items", "draft"
ROUTINES = "routines"
SINGLETON = 1
"""The document id of the one ``meta`` and the one ``draft`` document."""

RECORD_TABLES = (SESSIONS, EPISODES, ITEMS, ROUTINES)
"""The tables whose records are versioned and merged."""

MALFORMED = (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError)
"""What building records from arbitrary JSON can raise; all of it means malformed data."""

_DOC_ID = re.compile(r"[1-9][0-9]{0,14}")


def meta_doc(tables: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``meta`` document ({} when there is none)."""
    doc: Mapping[str, Any] = tables.get(META, {}).get(str(SINGLETON), {})
    return doc


def check_shape(tables: Mapping[str, Any], version: int = SCHEMA_VERSION) -> None:
    """Every table maps ids to objects: uids for sessions and episodes (schema 2), item ids
    for items, canonical positive ids ("1", "2", ...) elsewhere."""
    for name, table in tables.items():
        for key, doc in table.items():
            if not (isinstance(doc, dict) and _key_ok(name, key, version)):
                raise UnreadableError(
                    f"its {shown(name)} table has a record that is not an object with an id"
                )


def _key_ok(table: str, key: str, version: int) -> bool:
    """Whether ``key`` is a valid document key of ``table`` in schema ``version``."""
    try:
        if version >= 2 and table in (SESSIONS, EPISODES):
            return bool(check_uid(key))
        if version >= 2 and table == ITEMS:
            return bool(check_id(key, "item id"))
        if version >= 2 and table == ROUTINES:
            return bool(check_id(key, "routine id"))
    except ValueError:
        return False
    return _DOC_ID.fullmatch(key) is not None


def schema_version(tables: Mapping[str, Any]) -> int:
    """The file's schema: from ``meta``, else 0 if it has sessions, else current (empty)."""
    if META not in tables:
        return 0 if tables.get(SESSIONS) else SCHEMA_VERSION
    try:
        return check_int(meta_doc(tables)["schema_version"], "schema_version", 0, MAX_NUMBER)
    except MALFORMED as error:
        raise UnreadableError(f"its meta table has no valid schema_version ({error})") from error


def validate(tables: Mapping[str, Any], built: dict[str, Any] | None = None) -> None:
    """Build every record once and re-encode the whole file, so nothing malformed is used.

    Re-encoding catches values a later save could not write back (lone surrogates, numbers
    nested in unknown tables), which would otherwise refuse every save from then on. Each live
    session built is put in ``built`` (if given) by uid, as (its document, the session numbered
    1 without episodes), so the store need not build it again.
    """
    check_shape(tables)
    what = "its meta table"
    try:
        meta = meta_doc(tables)
        if "next_seq" in meta:
            check_int(meta["next_seq"], "next_seq", 1)
        for name in RECORD_TABLES:
            for key, doc in tables.get(name, {}).items():
                what = f"{name[:-1]} {key}"
                check_record(name, key, doc, built)
        for key, doc in tables.get(DRAFT, {}).items():
            what = "the draft"
            check_record(DRAFT, key, doc)
        what = "its content"
        encode(tables)
    except (*MALFORMED, HistoryError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise UnreadableError(f"{what} is malformed ({problem})") from error


def journaled_table(table: object, key: str) -> bool:
    """Whether ``key`` of ``table`` is a record a journal may hold (a versioned one)."""
    return table in (*RECORD_TABLES, DRAFT) and _key_ok(str(table), key, SCHEMA_VERSION)


def check_record(
    table: str, key: str, doc: Mapping[str, Any], built: dict[str, Any] | None = None
) -> None:
    """ValueError (or another of MALFORMED) unless ``doc`` is a valid record of ``table``
    (a live session built is put in ``built``, as :func:`validate` says).

    A deleted record's content and every overwritten value kept in it are checked too: any of
    them can be put back.
    """
    _check_bookkeeping(doc)
    if is_deleted(doc):
        check_tombstone(doc)
        if table == SESSIONS and "seq" not in doc:
            raise ValueError("a deleted session keeps its seq")
        if not keeps_content(doc):
            return
        doc = live_view(doc)
    elif table == SESSIONS and built is not None:
        built[key] = (doc, _check_live(table, key, doc))
    else:
        _check_live(table, key, doc)
    if OVERWRITTEN not in doc:
        return
    for unit, versions in overwritten_versions(doc, FIELD_GROUPS).items():
        for version in versions:
            _check_live(table, key, with_unit(doc, unit, version.value, FIELD_GROUPS))


def _check_bookkeeping(doc: Mapping[str, Any]) -> None:
    """:func:`check_bookkeeping`; a document with no per-field stamps or overwritten values
    (most are) needs only its record stamp and its fields' names checked, each name once."""
    if STAMPS in doc or OVERWRITTEN in doc:
        check_bookkeeping(doc, FIELD_GROUPS)
        return
    record_stamp(doc)
    for field in doc.keys() - _NAMES_CHECKED:
        if field not in BOOKKEEPING:
            check_id(unit_of(field, FIELD_GROUPS), "field")
            if len(_NAMES_CHECKED) < MAX_NAMES_CHECKED:
                _NAMES_CHECKED.add(field)


MAX_NAMES_CHECKED = 64
_NAMES_CHECKED: set[str] = set()
"""Field names whose unit passed :func:`check_id` (at most :data:`MAX_NAMES_CHECKED`)."""


def _check_live(table: str, key: str, doc: Mapping[str, Any]) -> object:
    """ValueError (or another of MALFORMED) unless ``doc`` is a valid live record; the
    session built from it, numbered 1 (None for other tables)."""
    if table == DRAFT:
        draft_from_doc(doc)
        return None
    changed_at(doc)
    if table == SESSIONS:
        check_int(doc["seq"], "seq", 1)
        return session_from_doc(doc, 1, key)
    if table == EPISODES:
        episode_from_doc(doc, key)
        if "session" in doc:
            check_uid(doc["session"])
    elif table == ROUTINES:
        routine_from_doc(doc, key)
    else:
        item_setting_from_doc(doc, key)
    return None
