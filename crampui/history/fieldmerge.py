"""Merging two versions of one record field by field, each field ordered by its own stamp.

Generic over record documents (dictionaries): every top-level field is a *unit* of its own,
except fields a caller groups because they only make sense together (a session's item states).
A document keeps, besides its fields:

* ``changed_at`` and ``device``: its latest stamp (see :mod:`crampui.history.hlc`);
* ``stamps``: ``{unit: [stamp, replaced]}`` for every unit not stamped exactly so, including
  units that were removed (a cleared note) — a present unit not listed was set at the latest
  stamp, replacing nothing known; an absent unit not listed was never set;
* ``overwritten``: ``{unit: [[stamp, replaced, value], ...]}``, the concurrent values that lost
  (newest first, at most :data:`MAX_OVERWRITTEN` each), so they can be shown and put back.

``replaced`` lists, per device, the latest stamp of that unit the editing device had seen (a
version vector): a value is *covered* by an edit whose list holds its device's stamp or a later
one, since that edit was made after it was seen. For each unit, :func:`merge_docs` keeps the
value with the greatest stamp (then the greatest value, so every computer agrees) and, as
overwritten, every other value that no candidate covers: the concurrent ones. That is a join on
each unit, so the merge is commutative, associative and idempotent. A deleted record keeps no
content (only :data:`KEPT_WHEN_DELETED`); one changed elsewhere after the delete comes back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crampui.history.codec import parse_time
from crampui.history.hlc import (
    NEVER,
    check_stamp,
    clamped,
    make_stamp,
    moment_text,
    stamp_device,
)
from crampui.history.records import check_id

CHANGED_AT, DEVICE, STAMPS, OVERWRITTEN, DELETED = (
    "changed_at",
    "device",
    "stamps",
    "overwritten",
    "deleted",
)
BOOKKEEPING = (CHANGED_AT, DEVICE, STAMPS, OVERWRITTEN)
"""Keys of a document that are not fields of the record."""

KEPT_WHEN_DELETED = (DELETED, "seq", "session")
"""What a deleted record keeps: the mark, a session's number (never given again) and the id of
a cramp's session (so an undo puts the cramp back in it)."""

MAX_OVERWRITTEN = 5
"""Concurrent values kept per field, newest first."""

MAX_REPLACED = 64
"""The most devices a ``replaced`` list names."""

Groups = Mapping[str, str]
"""Field name -> the unit it is merged with (fields not named are units of their own)."""

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Version:
    """One value of a unit: its fields ({} when absent), its stamp, what its editor had seen."""

    stamp: str
    replaced: tuple[str, ...]
    """Per device, the latest stamp of this unit seen where the edit was made (sorted)."""
    value: Mapping[str, Any]

    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """The total order of versions: stamp, then value, then what it replaced."""
        return (self.stamp, _canonical(self.value), self.replaced)

    def stored(self) -> list[Any]:
        """The ``[stamp, replaced, value]`` list kept in ``overwritten``."""
        return [self.stamp, list(self.replaced), dict(self.value)]

    def covers(self, other: Version) -> bool:
        """Whether this edit was made after ``other`` was seen (so it is not concurrent)."""
        device = stamp_device(other.stamp)
        return any(s >= other.stamp and stamp_device(s) == device for s in self.replaced)

    def seen(self) -> dict[str, str]:
        """Per device, the latest stamp of this unit known with this version (itself too)."""
        known = {stamp_device(s): s for s in self.replaced}
        if self.stamp != NEVER:
            device = stamp_device(self.stamp)
            known[device] = max(self.stamp, known.get(device, ""))
        return known


ABSENT = Version(NEVER, (), {})
"""A unit that was never set."""


def _canonical(value: Any) -> str:
    """``value`` as canonical JSON text (to order equal stamps the same everywhere)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_stamp(doc: Mapping[str, Any]) -> str:
    """The document's latest stamp, from ``changed_at`` and ``device`` (NEVER if it has none)."""
    if CHANGED_AT not in doc:
        return NEVER
    device = check_id(doc[DEVICE], "device")
    return clamped(make_stamp(parse_time(doc[CHANGED_AT], CHANGED_AT), device))


def unit_of(field: str, groups: Groups) -> str:
    """The unit ``field`` is merged with."""
    return groups.get(field, field)


def _pair(raw: object, what: str) -> tuple[str, tuple[str, ...]]:
    """A checked ``[stamp, replaced]`` pair (every replaced stamp before the stamp, one per
    device)."""
    if not isinstance(raw, list) or len(raw) != 2 or not isinstance(raw[1], list):
        raise ValueError(f"{what} must be [stamp, [replaced, ...]]")
    stamp = clamped(check_stamp(raw[0]))
    replaced = tuple(sorted(clamped(check_stamp(part)) for part in raw[1]))
    devices = {stamp_device(part) for part in replaced}
    if stamp == NEVER or NEVER in replaced or len(devices) != len(replaced):
        raise ValueError(f"{what} must name each device it replaced once")
    if len(replaced) > MAX_REPLACED or any(moment_text(p) > moment_text(stamp) for p in replaced):
        raise ValueError(f"{what} must be stamped after what it replaced")
    return stamp, replaced


def expand(doc: Mapping[str, Any], groups: Groups) -> dict[str, Version]:
    """Every unit of ``doc`` with its version; ValueError if the bookkeeping is malformed."""
    latest = record_stamp(doc)
    values: dict[str, dict[str, Any]] = {}
    for field, value in doc.items():
        if field not in BOOKKEEPING:
            values.setdefault(unit_of(field, groups), {})[field] = value
    listed = doc.get(STAMPS, {})
    if not isinstance(listed, dict):
        raise ValueError("stamps must be an object")
    units: dict[str, Version] = {}
    for unit in values.keys() | listed.keys():
        check_id(unit, "field")
        value = values.get(unit, {})
        if unit in listed:
            stamp, replaced = _pair(listed[unit], f"the stamp of {unit}")
            if stamp > latest:
                raise ValueError(f"{unit} is stamped after the record's changed_at")
        elif value:
            stamp, replaced = latest, ()
        else:
            continue
        units[unit] = Version(stamp, replaced, value)
    return units


def overwritten_versions(doc: Mapping[str, Any], groups: Groups) -> dict[str, list[Version]]:
    """The concurrent values kept in ``doc``, by unit; ValueError if they are malformed."""
    raw = doc.get(OVERWRITTEN, {})
    if not isinstance(raw, dict):
        raise ValueError("overwritten must be an object")
    latest = record_stamp(doc) if raw else NEVER
    kept: dict[str, list[Version]] = {}
    for unit, entries in raw.items():
        check_id(unit, "field")
        if not isinstance(entries, list) or not 0 < len(entries) <= MAX_OVERWRITTEN:
            raise ValueError(f"overwritten {unit} must be a list of 1 to {MAX_OVERWRITTEN}")
        versions = []
        for entry in entries:
            if not isinstance(entry, list) or len(entry) != 3 or not isinstance(entry[2], dict):
                raise ValueError(f"overwritten {unit} must hold [stamp, replaced, value]")
            stamp, replaced = _pair(entry[:2], f"an overwritten {unit}")
            if stamp > latest:
                raise ValueError(f"an overwritten {unit} is stamped after the record")
            if any(unit_of(field, groups) != unit or field in BOOKKEEPING for field in entry[2]):
                raise ValueError(f"an overwritten {unit} holds fields of another")
            versions.append(Version(stamp, replaced, entry[2]))
        kept[unit] = versions
    return kept


def _join(candidates: Iterable[Version]) -> tuple[Version, list[Version]]:
    """The winning version and the concurrent ones no candidate replaced (newest first)."""
    unique = {version.key(): version for version in candidates}
    ordered = [unique[key] for key in sorted(unique, reverse=True)]
    winner = ordered[0]
    concurrent = [
        version
        for version in ordered[1:]
        if version.stamp != NEVER and not any(other.covers(version) for other in ordered)
    ]
    return winner, concurrent[:MAX_OVERWRITTEN]


def merge_docs(ours: Mapping[str, Any], theirs: Mapping[str, Any], groups: Groups) -> Doc:
    """The field-by-field merge of two versions of one record (neither is changed)."""
    if ours == theirs:
        return dict(ours)
    mine, other = expand(ours, groups), expand(theirs, groups)
    mine_over, other_over = overwritten_versions(ours, groups), overwritten_versions(theirs, groups)
    units: dict[str, Version] = {}
    kept: dict[str, list[Version]] = {}
    for unit in mine.keys() | other.keys() | mine_over.keys() | other_over.keys():
        candidates = [mine.get(unit, ABSENT), other.get(unit, ABSENT)]
        candidates += mine_over.get(unit, []) + other_over.get(unit, [])
        units[unit], concurrent = _join(candidates)
        if concurrent:
            kept[unit] = concurrent
    _settle_delete(units, kept)
    return compact(units, kept)


def _settle_delete(units: dict[str, Version], kept: dict[str, list[Version]]) -> None:
    """A deleted record with a unit changed after the delete comes back (in place); one that
    stays deleted keeps only :data:`KEPT_WHEN_DELETED`.

    It comes back at the delete's own stamp (an undeleted value orders above a deleted one at
    one stamp), with the content of the copy that changed it. Deletes are never kept as
    overwritten values: the merge reports a record that came back instead."""
    kept.pop(DELETED, None)
    deletion = units.get(DELETED)
    if deletion is None or deletion.value.get(DELETED) is not True:
        return
    if max(version.stamp for version in units.values()) > deletion.stamp:
        units[DELETED] = Version(deletion.stamp, deletion.replaced, {})
        return
    for unit in set(units) - set(KEPT_WHEN_DELETED):
        del units[unit]
    kept.clear()


def _vector(seen: Mapping[str, str]) -> tuple[str, ...]:
    """A ``replaced`` list from per-device stamps (the newest devices' if there are many)."""
    return tuple(sorted(sorted(seen.values(), reverse=True)[:MAX_REPLACED]))


def compact(units: Mapping[str, Version], kept: Mapping[str, list[Version]]) -> Doc:
    """The document holding ``units`` and the ``kept`` overwritten values."""
    latest = max((version.stamp for version in units.values()), default=NEVER)
    doc: Doc = {}
    stamps: dict[str, list[Any]] = {}
    for unit in sorted(units):
        version = units[unit]
        doc.update(version.value)
        if version.stamp != NEVER and (
            not version.value or (version.stamp, version.replaced) != (latest, ())
        ):
            stamps[unit] = [version.stamp, [*version.replaced]]
    if latest != NEVER:
        moment, device = latest.split("/", 1)
        doc[CHANGED_AT], doc[DEVICE] = moment, device
    if stamps:
        doc[STAMPS] = stamps
    if kept:
        doc[OVERWRITTEN] = {unit: [v.stored() for v in kept[unit]] for unit in sorted(kept)}
    return doc


def edited(
    old: Mapping[str, Any] | None, fields: Mapping[str, Any], stamp: str, groups: Groups
) -> Doc:
    """The new version of a record whose fields are now ``fields``, changed units at ``stamp``.

    Units that did not change keep their stamps; a unit removed is kept as removed at
    ``stamp``. Overwritten values of a unit changed now are dropped: the person chose anew.
    """
    before = expand(old, groups) if old is not None else {}
    kept = overwritten_versions(old, groups) if old is not None else {}
    now: dict[str, dict[str, Any]] = {}
    for field, value in fields.items():
        if field not in BOOKKEEPING:
            now.setdefault(unit_of(field, groups), {})[field] = value
    units: dict[str, Version] = {}
    for unit in before.keys() | now.keys():
        previous, value = before.get(unit, ABSENT), now.get(unit, {})
        if previous.value == value:
            units[unit] = previous
            continue
        seen = previous.seen()
        for version in kept.pop(unit, []):
            for device, known in version.seen().items():
                seen[device] = max(known, seen.get(device, ""))
        units[unit] = Version(stamp, _vector(seen), value)
    return compact(units, kept)


def with_unit(doc: Mapping[str, Any], unit: str, value: Mapping[str, Any], groups: Groups) -> Doc:
    """``doc`` with ``unit``'s fields replaced by ``value`` (an overwritten one put back)."""
    kept = {field: v for field, v in doc.items() if unit_of(field, groups) != unit}
    return {**kept, **value}


def check_bookkeeping(doc: Mapping[str, Any], groups: Groups) -> None:
    """ValueError unless ``doc``'s stamps and overwritten values are well formed."""
    expand(doc, groups)
    overwritten_versions(doc, groups)
