"""Record versions: when and on which device each record last changed, tombstones, numbering.

Every record in a schema-2 file carries ``changed_at`` (UTC ISO-8601 with microseconds) and
``device`` (the id of the computer that made the change), and the stamps of the fields changed
since (:mod:`crampui.history.fieldmerge`). A deleted record stays, marked ``"deleted": true``
with its stamps and a session's ``seq`` but none of its content, so an old copy of the file can
never bring it back; two versions of one record merge field by field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from crampui.history.codec import Doc, iso, parse_time
from crampui.history.fieldmerge import BOOKKEEPING, KEPT_WHEN_DELETED, Groups, compact, expand
from crampui.history.records import check_id, check_int, check_uid

CHANGED_AT, DEVICE, DELETED = "changed_at", "device", "deleted"

MIGRATED_DEVICE = "migrated"
"""The device named on records converted from a schema-1 file (the same on every computer)."""

_UID_NAMESPACE = "6f1d9e7c-5a0b-4c3e-9a51-6b2f2a7e4c10"
"""Namespace of the uids derived from schema-1 records, so two computers derive the same ones."""


def new_uid() -> str:
    """A random record uid (32 lowercase hex digits)."""
    import uuid  # here: a read never makes a uid, and the module costs a command's start

    return uuid.uuid4().hex


def derived_uid(*parts: object) -> str:
    """A uid computed from ``parts``: the same record migrated anywhere gets the same uid."""
    import uuid

    return uuid.uuid5(uuid.UUID(_UID_NAMESPACE), "\x1f".join(map(str, parts))).hex


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


def display_numbers(
    sessions: Mapping[str, Mapping[str, Any]], shown: Mapping[str, int] | None = None
) -> dict[str, int]:
    """This computer's number for every session uid, tombstones included.

    A session already ``shown`` here with a number keeps it, whatever came in since. Any other
    keeps its ``seq`` as its number unless that is taken (by one saved on another computer):
    then it gets the next free number, in (seq, uid) order, so a deleted number is never
    reused (and with nothing shown yet, every computer numbers a merged history alike).
    """
    numbers = {uid: number for uid, number in (shown or {}).items() if uid in sessions}
    taken = set(numbers.values())
    last = 0
    for seq, uid in sorted((doc["seq"], uid) for uid, doc in sessions.items()):
        if uid in numbers:
            continue
        last = max(seq, last + 1)
        while last in taken:
            last += 1
        numbers[uid] = last
        taken.add(last)
    return numbers


Accept = Callable[[Any], bool]
"""Whether a live session document is wanted whatever its time."""


def in_window(
    docs: list[tuple[str, Any]],
    numbers: Mapping[str, int],
    since: datetime,
    also: Accept | None = None,
) -> list[tuple[str, Any]]:
    """The live session documents of ``docs`` ((uid, document) pairs; ``numbers``: their
    numbers) saved, changed or given an outcome at ``since`` or later, those ``also`` accepts,
    and the newest saved one (the highest number among equal times). A time that cannot be
    read counts as in the window, so building the session reports it as before."""
    start = _moment(since.isoformat())
    kept: list[tuple[str, Any]] = []
    newest: tuple[str, int, str, Any] | None = None
    for uid, doc in docs:
        if is_deleted(doc):
            continue
        saved = _moment(doc.get("saved_at"))
        outcome = doc.get("outcome")
        recorded = outcome.get("recorded_at") if isinstance(outcome, dict) else None
        if max(saved, _moment(doc.get("changed_at")), _moment(recorded)) >= start or (
            also is not None and also(doc)
        ):
            kept.append((uid, doc))
        elif newest is None or (saved, numbers[uid]) > newest[:2]:
            newest = (saved, numbers[uid], uid, doc)
    if newest is not None and all(newest[0] > _moment(doc.get("saved_at")) for _, doc in kept):
        kept.append(newest[2:])
    return kept


_UTC_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?\+00:00")
"""A time as crampui stores it (ISO, UTC): such texts sort as the times they name."""


def _moment(text: object) -> str:
    """A stored time as text in UTC that sorts as times do ("" if absent; one that sorts last
    if unreadable, so it is kept)."""
    if text is None:
        return ""
    if isinstance(text, str) and _UTC_TEXT.fullmatch(text):
        return text
    try:
        return parse_time(text, "time").isoformat()
    except (ValueError, TypeError, OverflowError):
        return "~"
