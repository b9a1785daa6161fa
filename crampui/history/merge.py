"""Merging two schema-2 histories: the union of their records, merged field by field.

:func:`merge_tables` is commutative, associative and idempotent: each field of a record is
chosen by its hybrid-logical-clock stamp (:mod:`crampui.history.fieldmerge`), so any copies
merged in any order, any number of times, give the same history on every computer. A delete is
a change like any other, so a deleted record stays deleted unless it was changed again after
the delete; a value that lost to a concurrent one is kept in its record and reported
(:attr:`MergeSummary.overwritten`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crampui.history.codec import FIELD_GROUPS, Doc
from crampui.history.fieldmerge import (
    ABSENT,
    expand,
    merge_docs,
    overwritten_versions,
    record_stamp,
)
from crampui.history.hlc import is_far_future, stamp_device
from crampui.history.schema import (
    DRAFT,
    EPISODES,
    ITEMS,
    META,
    RECORD_TABLES,
    ROUTINES,
    SESSIONS,
)
from crampui.history.versions import is_deleted
from crampui.usertext import shown

VERSIONED = (*RECORD_TABLES, DRAFT)
"""The tables whose documents are merged field by field."""


def merge_tables(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The merge of two valid schema-2 histories (neither is changed)."""
    merged: dict[str, Any] = {}
    for name in sorted(set(ours) | set(theirs)):
        mine, other = ours.get(name, {}), theirs.get(name, {})
        if name == META:
            merged[name] = _merge_meta(mine, other)
            continue
        table: dict[str, Doc] = {}
        for key in mine.keys() | other.keys():
            a, b = mine.get(key), other.get(key)
            if a is None or b is None:
                table[key] = a if b is None else b
            elif name in VERSIONED:
                table[key] = merge_docs(a, b, FIELD_GROUPS)
            else:  # a table this version does not know: the same document on every computer
                table[key] = max(a, b, key=_canonical)
        merged[name] = dict(sorted(table.items()))
    return merged


def _canonical(doc: Mapping[str, Any]) -> str:
    """``doc`` as canonical JSON text."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _merge_meta(mine: Mapping[str, Doc], other: Mapping[str, Doc]) -> dict[str, Doc]:
    """Meta documents merged field by field: the larger number wins."""
    result: dict[str, Doc] = {}
    for key in sorted(mine.keys() | other.keys()):
        docs = [doc for doc in (mine.get(key), other.get(key)) if doc is not None]
        fields = {field for doc in docs for field in doc}
        result[key] = {field: max(doc[field] for doc in docs if field in doc) for field in fields}
    return result


@dataclass(frozen=True, slots=True)
class Decision:
    """A value a merge overwrote with a concurrent one: which record and field, both values."""

    table: str
    key: str
    unit: str
    kept: Mapping[str, Any]
    lost: Mapping[str, Any]

    def describe(self) -> str:
        """In words: "a session's note: kept 'B'; 'A', changed at the same time, is kept ..."."""
        kept, lost = _value_text(self.kept), _value_text(self.lost)
        what = f"a {_SINGULAR.get(self.table, self.table)}'s {self.unit}"
        return f"{what}: kept {kept}; {lost}, changed at the same time, is kept in its history"


def concurrent_edits(
    table: str, key: str, before: Mapping[str, Any] | None, after: Mapping[str, Any]
) -> list[Decision]:
    """The overwritten values ``after`` holds that ``before`` did not (a merge's news)."""
    old = overwritten_versions(before, FIELD_GROUPS) if before is not None else {}
    units = expand(after, FIELD_GROUPS)
    found: list[Decision] = []
    for unit, versions in sorted(overwritten_versions(after, FIELD_GROUPS).items()):
        kept = units.get(unit, ABSENT).value
        for version in versions:
            if version not in old.get(unit, []) and version.value != kept:
                found.append(Decision(table, key, unit, kept, version.value))
    return found


_SINGULAR = {
    SESSIONS: "session",
    EPISODES: "cramp",
    ITEMS: "checklist item",
    ROUTINES: "routine",
    DRAFT: "draft",
}
SHOWN_DECISIONS = 3
"""How many overwritten values :meth:`MergeSummary.describe` names (the rest are counted)."""


def _value_text(value: Mapping[str, Any]) -> str:
    """A unit's value in a few words ("nothing" when absent)."""
    if not value:
        return "nothing"
    if len(value) == 1:
        (only,) = value.values()
        return shown(only, 40)
    return shown(dict(value), 60)


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge brought in: records new here, changed, deleted, back, values overwritten."""

    sessions_added: int = 0
    episodes_added: int = 0
    items_added: int = 0
    changed: int = 0
    deleted: int = 0
    revived: int = 0
    """Sessions deleted here that came back because another device changed them later."""
    decisions: tuple[Decision, ...] = field(default=())
    """Values overwritten by a concurrent change (each kept in its record's history)."""
    ahead: tuple[str, ...] = field(default=())
    """Devices whose changes that came in are stamped far ahead of this computer's clock."""

    @property
    def anything(self) -> bool:
        """Whether the merge changed the history at all."""
        return any((self.sessions_added, self.episodes_added, self.items_added, self.changed,
                    self.deleted, self.revived, self.decisions, self.ahead))  # fmt: skip

    def describe(self) -> str:
        """The summary in words, e.g. "2 sessions and 1 episode" ("no changes" if none)."""
        parts = [
            _count(self.sessions_added, "session"),
            _count(self.episodes_added, "episode"),
            _count(self.items_added, "checklist item"),
            _count(self.changed, "change"),
            _count(self.deleted, "deletion"),
        ]
        found = [part for part in parts if part]
        text = "no changes"
        if found:
            text = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
        return text + self._decided()

    def _decided(self) -> str:
        """What the merge decided that the person should know ("" if nothing)."""
        notes = []
        if self.revived:
            them = "them" if self.revived > 1 else "it"
            notes.append(
                f"{_count(self.revived, 'deleted session')} came back because another computer "
                f"changed {them} after the delete"
            )
        notes += [decision.describe() for decision in self.decisions[:SHOWN_DECISIONS]]
        if self.ahead:
            notes.append(
                f"changes from {', '.join(self.ahead)} are dated ahead of this computer's clock: "
                "check the date and time there; they will not win over later edits made here"
            )
        if len(self.decisions) > SHOWN_DECISIONS:
            notes.append(f"{len(self.decisions) - SHOWN_DECISIONS} more values changed at the "
                         "same time are kept in their records' history")  # fmt: skip
        return "".join(f" ({note})" for note in notes)


def _count(number: int, noun: str) -> str:
    """``"2 sessions"``, ``"1 episode"``, or "" for zero."""
    return "" if not number else f"{number} {noun}{'s' if number != 1 else ''}"


def summarise(
    before: Mapping[str, Any], after: Mapping[str, Any], now: datetime | None = None
) -> MergeSummary:
    """What changed from ``before`` to ``after`` (the result of merging something into it).

    With ``now`` (this computer's clock), changes stamped far ahead of it are flagged.
    """
    added = {SESSIONS: 0, EPISODES: 0, ITEMS: 0}
    changed = deleted = revived = 0
    decisions: list[Decision] = []
    ahead: set[str] = set()
    for name, table in after.items():
        if name == META:
            continue
        old_table = before.get(name, {})
        for key, doc in table.items():
            old = old_table.get(key)
            if old == doc:
                continue
            if name in VERSIONED:
                decisions += concurrent_edits(name, key, old, doc)
                stamp = record_stamp(doc)
                if now is not None and is_far_future(stamp, now):
                    ahead.add(f"device {stamp_device(stamp)}")
            if name == SESSIONS and old is not None and is_deleted(old) and not is_deleted(doc):
                revived += 1
            elif is_deleted(doc):
                deleted += old is not None and not is_deleted(old)
            elif old is None or is_deleted(old):
                if name in added:
                    added[name] += 1
                else:
                    changed += 1
            else:
                changed += 1
    return MergeSummary(
        added[SESSIONS],
        added[EPISODES],
        added[ITEMS],
        changed,
        deleted,
        revived,
        tuple(decisions),
        tuple(sorted(ahead)),
    )
