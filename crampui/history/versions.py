"""Record versions: when and on which device each record last changed, tombstones, numbering.

Every record in a schema-2 file carries ``changed_at`` (UTC ISO-8601 with microseconds) and
``device`` (the id of the computer that made the change), and the stamps of the fields changed
since (:mod:`crampui.history.fieldmerge`). A deleted record stays, marked ``"deleted": true``
with its stamps and a session's ``seq`` but none of its content, so an old copy of the file can
never bring it back; two versions of one record merge field by field.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crampui.history.codec import Doc, iso, parse_time
from crampui.history.fieldmerge import BOOKKEEPING, KEPT_WHEN_DELETED, Groups, compact, expand
from crampui.history.records import check_id, check_int, check_uid

CHANGED_AT, DEVICE, DELETED = "changed_at", "device", "deleted"

MIGRATED_DEVICE = "migrated"
"""The device named on records converted from a schema-1 file (the same on every computer)."""

_UID_NAMESPACE = uuid.UUID("6f1d9e7c-5a0b-4c3e-9a51-6b2f2a7e4c10")
"""Namespace of the uids derived from schema-1 records, so two computers derive the same ones."""


def new_uid() -> str:
    """A random record uid (32 lowercase hex digits)."""
    return uuid.uuid4().hex


def derived_uid(*parts: object) -> str:
    """A uid computed from ``parts``: the same record migrated anywhere gets the same uid."""
    return uuid.uuid5(_UID_NAMESPACE, "\x1f".join(map(str, parts))).hex


def stamped(doc: Doc, changed_at: datetime, device: str) -> Doc:
    """``doc`` with its version fields set (a new dictionary)."""
    return {**doc, CHANGED_AT: iso(changed_at), DEVICE: device}


def is_deleted(doc: Mapping[str, Any]) -> bool:
    """Whether ``doc`` is a tombstone."""
    return doc.get(DELETED) is True


def changed_at(doc: Mapping[str, Any]) -> datetime:
    """When ``doc`` last changed; ValueError if its version fields are malformed."""
    check_id(doc[DEVICE], "device")
    return parse_time(doc[CHANGED_AT], CHANGED_AT)


def keeps_content(doc: Mapping[str, Any]) -> bool:
    """Whether a deleted record ``doc`` still holds its content (not just seq and version)."""
    return bool(set(doc) - {*KEPT_WHEN_DELETED, *BOOKKEEPING})


def deleted_only(doc: Mapping[str, Any], groups: Groups) -> Doc:
    """The deleted record ``doc`` as it is kept: its stamps and :data:`KEPT_WHEN_DELETED` only.

    The content's stamps go too, so a copy changed on another device after the delete brings
    back that copy's content whole.
    """
    units = expand(doc, groups)
    return compact({unit: units[unit] for unit in KEPT_WHEN_DELETED if unit in units}, {})


def check_tombstone(doc: Mapping[str, Any]) -> None:
    """ValueError unless a deleted record's version and seq are well formed (content it keeps
    is checked as a live record's)."""
    changed_at(doc)
    if "seq" in doc:
        check_int(doc["seq"], "seq", 1)
    if "session" in doc:
        check_uid(doc["session"])


def live_view(doc: Mapping[str, Any]) -> Doc:
    """A deleted record's content as a live record (to check it, or to put it back)."""
    return {key: value for key, value in doc.items() if key != DELETED}


def display_numbers(sessions: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """This computer's number for every session uid, tombstones included.

    A session keeps its ``seq`` as its number unless another session took it first (one saved
    on another computer): then it gets the next free number, in (seq, uid) order, so every
    computer numbers the same merged history alike and a deleted number is never reused.
    """
    numbers: dict[str, int] = {}
    last = 0
    for seq, uid in sorted((doc["seq"], uid) for uid, doc in sessions.items()):
        last = max(seq, last + 1)
        numbers[uid] = last
    return numbers
