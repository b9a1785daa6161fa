"""Merging two schema-2 histories: the union of their records, the newest version winning.

:func:`merge_tables` is commutative, associative and idempotent: every record is chosen by a
total order (:func:`crampui.history.versions.version_key`), so any copies merged in any order,
any number of times, give the same history on every computer. A tombstone is a version like
any other, so a deleted record stays deleted unless it was changed again after the delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crampui.history.codec import Doc
from crampui.history.schema import EPISODES, ITEMS, META, SESSIONS
from crampui.history.versions import is_deleted, version_key


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
            candidates = [doc for doc in (mine.get(key), other.get(key)) if doc is not None]
            table[key] = max(candidates, key=version_key)
        merged[name] = dict(sorted(table.items()))
    return merged


def _merge_meta(mine: Mapping[str, Doc], other: Mapping[str, Doc]) -> dict[str, Doc]:
    """Meta documents merged field by field: the larger number wins."""
    result: dict[str, Doc] = {}
    for key in sorted(mine.keys() | other.keys()):
        docs = [doc for doc in (mine.get(key), other.get(key)) if doc is not None]
        fields = {field for doc in docs for field in doc}
        result[key] = {field: max(doc[field] for doc in docs if field in doc) for field in fields}
    return result


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge brought in: records new here, records changed, records deleted."""

    sessions_added: int = 0
    episodes_added: int = 0
    items_added: int = 0
    changed: int = 0
    deleted: int = 0

    @property
    def anything(self) -> bool:
        """Whether the merge changed the history at all."""
        return any((self.sessions_added, self.episodes_added, self.items_added, self.changed,
                    self.deleted))  # fmt: skip

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
        if not found:
            return "no changes"
        return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]


def _count(number: int, noun: str) -> str:
    """``"2 sessions"``, ``"1 episode"``, or "" for zero."""
    return "" if not number else f"{number} {noun}{'s' if number != 1 else ''}"


def summarise(before: Mapping[str, Any], after: Mapping[str, Any]) -> MergeSummary:
    """What changed from ``before`` to ``after`` (the result of merging something into it)."""
    added = {SESSIONS: 0, EPISODES: 0, ITEMS: 0}
    changed = deleted = 0
    for name, table in after.items():
        if name == META:
            continue
        old_table = before.get(name, {})
        for key, doc in table.items():
            old = old_table.get(key)
            if old == doc:
                continue
            if is_deleted(doc):
                deleted += old is not None and not is_deleted(old)
            elif old is None or is_deleted(old):
                if name in added:
                    added[name] += 1
                else:
                    changed += 1
            else:
                changed += 1
    return MergeSummary(added[SESSIONS], added[EPISODES], added[ITEMS], changed, deleted)
