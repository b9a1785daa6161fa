"""The durable history of checklist sessions, cramp outcomes and episodes (TinyDB, no Textual).

Guarantees:

* Every write goes to a temporary file in the same directory, is flushed and fsynced, then
  replaces the database with ``os.replace``; the file is never rewritten in place. The
  previous good file is kept as ``<db>.bak`` (a hard link, so it costs no copy).
* Every public method holds ``<db>.lock`` and opens the file fresh: nothing is cached between
  calls, so several processes can share one history.
* Sessions are ordered by ``seq``, an integer assigned inside the lock, never by clock time.
* A file from a newer crampui is refused untouched; a schema-0 file is backed up to
  ``<db>.bak-v0-<UTC>`` and migrated; an unreadable file is moved to ``<db>.corrupt-<UTC>``,
  the backup is restored and :attr:`HistoryStore.recovery_notice` says what happened.

File layout (schema 1), one TinyDB table each::

    meta      {"1": {"schema_version": 1, "next_seq": 8}}     next_seq: never reuse a seq
    sessions  {"7": {"seq": 7, "saved_at": "2026-11-25T20:15:30.123456+00:00",
                     "done": "hydrate warm-up", "skipped": "loosen", "pending": "posture",
                     "reasons": {"loosen": "no time"},
                     "note": "...", "outcome": {...}, "episodes": [{...}]}}
    episodes  cramps recorded with no session (a cramp while not following a session)
    draft     {"1": {...}}: the half-finished checklist run

A session's document id equals its ``seq``. Empty fields are left out to keep the file small.
Schema 0 (before ``meta`` existed) stored ``local_time`` (naive local ISO), ``done`` and
``skipped`` lists, ``note`` and ``cramped`` (true, false or null) per session.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, cast, get_args

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from crampui.clock import utc_now
from crampui.usertext import clean_user_text

SCHEMA_VERSION = 1
"""The newest history schema this version reads and the one it writes."""

MAX_SEVERITY = 10
"""Cramp severity runs from 0 to this."""

MAX_ID_LENGTH = 100
"""The longest item or red-flag id accepted."""

MAX_WHERE_LENGTH = 200
"""The longest description of where the back cramped."""

MAX_SIDE_LENGTH = 40
"""The longest side label of a cramp episode ("left", "right", ...)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another crampui process to finish saving."""

ItemState = Literal["pending", "done", "skipped"]
ITEM_STATES: tuple[ItemState, ...] = get_args(ItemState)
_STORED_ORDER: tuple[ItemState, ...] = ("done", "skipped", "pending")

_META, _SESSIONS, _EPISODES, _DRAFT = "meta", "sessions", "episodes", "draft"
_SINGLETON = 1


class HistoryError(Exception):
    """The history cannot be read or the change cannot be stored; the message says why."""


class HistoryWriteError(HistoryError):
    """Saving failed (disk full, read-only, no permission); the file on disk is unchanged."""


class _Unreadable(Exception):
    """The file (or backup) is not a history this version can use; ``str()`` says why."""


def _utc(moment: datetime, what: str) -> datetime:
    """``moment`` in UTC; ValueError if it is naive (no timezone)."""
    if isinstance(moment, datetime) and moment.tzinfo is timezone.utc:
        return moment  # the common case: parsed from the file
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(timezone.utc)


def _iso(moment: datetime) -> str:
    """``moment`` as UTC ISO-8601 with microseconds, e.g. 2026-11-25T20:15:30.123456+00:00."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse_time(text: object, what: str) -> datetime:
    """Parse a stored timestamp (aware ISO-8601) into UTC."""
    if not isinstance(text, str):
        raise ValueError(f"{what} must be a timestamp string, got {text!r}")
    return _utc(datetime.fromisoformat(text), what)


def _check_id(value: object, what: str) -> str:
    """``value`` if it is a usable id (non-empty, no spaces or control characters)."""
    if (
        not isinstance(value, str)
        or not value
        or len(value) > MAX_ID_LENGTH
        or not value.isprintable()
        or any(char.isspace() for char in value)
    ):
        raise ValueError(f"{what} must be a non-empty id without spaces, got {value!r}")
    return value


def _check_int(value: object, what: str, low: int, high: int | None = None) -> int:
    """``value`` if it is an int (not a bool) from ``low`` to ``high``."""
    in_range = isinstance(value, int) and value >= low and (high is None or value <= high)
    if isinstance(value, bool) or not in_range:
        upper = f" to {high}" if high is not None else " or more"
        raise ValueError(f"{what} must be a whole number from {low}{upper}, got {value!r}")
    return cast(int, value)


def _check_text(value: object, what: str) -> str:
    """``value`` if it is a string (the store cleans user text before building records)."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One checklist item in a session: done, skipped (with an optional reason) or pending."""

    item_id: str
    state: ItemState
    reason: str = ""

    def __post_init__(self) -> None:
        """Reject empty ids, unknown states and reasons on items that were not skipped."""
        _check_id(self.item_id, "item id")
        if self.state not in ITEM_STATES:
            raise ValueError(f"item state must be one of {ITEM_STATES}, got {self.state!r}")
        if _check_text(self.reason, "reason") and self.state != "skipped":
            raise ValueError(f"only a skipped item has a reason ({self.item_id} is {self.state})")


@lru_cache(maxsize=4096)
def _item(item_id: str, state: ItemState, reason: str = "") -> ItemRecord:
    """A shared, immutable ItemRecord: a large history repeats the same few thousand."""
    return ItemRecord(item_id, state, reason)


def _items_as_doc(items: Sequence[ItemRecord]) -> dict[str, Any]:
    """Items as space-separated ``done``/``skipped``/``pending`` ids plus ``reasons``.

    Ids never contain spaces, and one string per state instead of a list of strings makes a
    large history parse and serialise about a third faster. Empty fields are left out.
    """
    doc: dict[str, Any] = {}
    for state in _STORED_ORDER:
        ids = " ".join(item.item_id for item in items if item.state == state)
        if ids:
            doc[state] = ids
    reasons = {item.item_id: item.reason for item in items if item.reason}
    if reasons:
        doc["reasons"] = reasons
    return doc


def _items_from_doc(doc: Mapping[str, Any]) -> tuple[ItemRecord, ...]:
    """The inverse of :func:`_items_as_doc`; items come back grouped done, skipped, pending."""
    ids = tuple(doc.get(state, "") for state in _STORED_ORDER)
    reasons = doc.get("reasons")
    if reasons is None:
        return _items_without_reasons(*ids)
    if not isinstance(reasons, dict):
        raise ValueError("reasons must be an object")
    return _build_items(ids, reasons)


@lru_cache(maxsize=4096)
def _items_without_reasons(done: str, skipped: str, pending: str) -> tuple[ItemRecord, ...]:
    """Items with no skip reasons, shared: most sessions repeat a few combinations."""
    return _build_items((done, skipped, pending), {})


def _build_items(ids: Sequence[object], reasons: Mapping[str, str]) -> tuple[ItemRecord, ...]:
    """ItemRecords from the stored id strings (in ``_STORED_ORDER``) and skip reasons."""
    items: list[ItemRecord] = []
    for state, joined in zip(_STORED_ORDER, ids, strict=True):
        if not isinstance(joined, str):
            raise ValueError(f"{state} must be a string of space-separated item ids")
        items.extend(_item(item_id, state, reasons.get(item_id, "")) for item_id in joined.split())
    return _unique_items(items)


def _unique_items(items: Sequence[ItemRecord]) -> tuple[ItemRecord, ...]:
    """``items`` as a tuple; ValueError if an item id appears twice."""
    if len({item.item_id for item in items}) != len(items):
        ids = [item.item_id for item in items]
        twice = next(item_id for item_id in ids if ids.count(item_id) > 1)
        raise ValueError(f"item {twice!r} appears more than once")
    return tuple(items)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened after the stretch: whether the back cramped, how badly and where."""

    cramped: bool
    severity: int | None = None
    where: str = ""
    note: str = ""
    red_flags: tuple[str, ...] = ()
    advice_shown: bool = False
    recorded_at: datetime | None = None
    """Set by the store (from its clock) when left as None; stored outcomes always have it."""

    def __post_init__(self) -> None:
        """Reject non-bool flags, severities outside 0-10 and severity without a cramp."""
        if not isinstance(self.cramped, bool) or not isinstance(self.advice_shown, bool):
            raise ValueError("cramped and advice_shown must be true or false")
        if self.severity is not None:
            _check_int(self.severity, "severity", 0, MAX_SEVERITY)
            if not self.cramped:
                raise ValueError("severity is only recorded when the back cramped")
        _check_text(self.where, "where")
        _check_text(self.note, "note")
        if not isinstance(self.red_flags, tuple):
            raise ValueError("red_flags must be a tuple of ids")
        for flag in self.red_flags:
            _check_id(flag, "red flag id")
        if self.recorded_at is not None:
            _utc(self.recorded_at, "recorded_at")

    def as_doc(self) -> dict[str, Any]:
        """The outcome as a JSON-ready dictionary, empty fields left out."""
        doc: dict[str, Any] = {"cramped": self.cramped}
        if self.severity is not None:
            doc["severity"] = self.severity
        if self.where:
            doc["where"] = self.where
        if self.note:
            doc["note"] = self.note
        if self.red_flags:
            doc["red_flags"] = list(self.red_flags)
        if self.advice_shown:
            doc["advice_shown"] = True
        if self.recorded_at is not None:
            doc["recorded_at"] = _iso(self.recorded_at)
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Outcome:
        """Build an outcome from :meth:`as_doc` output; ValueError if it is malformed."""
        recorded = doc.get("recorded_at")
        return cls(
            cramped=doc["cramped"],
            severity=doc.get("severity"),
            where=doc.get("where", ""),
            note=doc.get("note", ""),
            red_flags=tuple(doc.get("red_flags", ())),
            advice_shown=doc.get("advice_shown", False),
            recorded_at=None if recorded is None else _parse_time(recorded, "recorded_at"),
        )


@dataclass(frozen=True, slots=True)
class CrampEpisode:
    """A cramp during a hold: when, at which repetition and side, how far into the hold."""

    at: datetime
    repetition: int | None = None
    side: str | None = None
    seconds_into_hold: float | None = None
    hold_seconds: int | None = None

    def __post_init__(self) -> None:
        """Reject naive times, negative or non-finite numbers and over-long sides."""
        _utc(self.at, "episode time")
        if self.repetition is not None:
            _check_int(self.repetition, "repetition", 1)
        if self.hold_seconds is not None:
            _check_int(self.hold_seconds, "hold_seconds", 1)
        too_long = isinstance(self.side, str) and len(self.side) > MAX_SIDE_LENGTH
        if self.side is not None and (not isinstance(self.side, str) or too_long):
            raise ValueError(f"side must be a short text, got {self.side!r}")
        seconds = self.seconds_into_hold
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, (int, float))
            or not math.isfinite(seconds)
            or seconds < 0
        ):
            raise ValueError(f"seconds_into_hold must be a finite number >= 0, got {seconds!r}")

    def as_doc(self) -> dict[str, Any]:
        """The episode as a JSON-ready dictionary."""
        return {
            "at": _iso(self.at),
            "repetition": self.repetition,
            "side": self.side,
            "seconds_into_hold": self.seconds_into_hold,
            "hold_seconds": self.hold_seconds,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> CrampEpisode:
        """Build an episode from :meth:`as_doc` output; ValueError if it is malformed."""
        return cls(
            at=_parse_time(doc["at"], "episode time"),
            repetition=doc.get("repetition"),
            side=doc.get("side"),
            seconds_into_hold=doc.get("seconds_into_hold"),
            hold_seconds=doc.get("hold_seconds"),
        )


@dataclass(frozen=True, slots=True)
class Session:
    """One saved checklist run, with its outcome and any cramps recorded during it."""

    id: int
    seq: int
    saved_at: datetime
    items: tuple[ItemRecord, ...]
    note: str = ""
    outcome: Outcome | None = None
    episodes: tuple[CrampEpisode, ...] = ()

    def __post_init__(self) -> None:
        """Reject bad ids, naive times and duplicate items."""
        _check_int(self.id, "session id", 1)
        _check_int(self.seq, "seq", 1)
        _utc(self.saved_at, "saved_at")
        _unique_items(self.items)
        _check_text(self.note, "note")

    @property
    def done_ids(self) -> tuple[str, ...]:
        """Ids of the items that were done."""
        return tuple(item.item_id for item in self.items if item.state == "done")

    @property
    def skipped_ids(self) -> tuple[str, ...]:
        """Ids of the items that were skipped."""
        return tuple(item.item_id for item in self.items if item.state == "skipped")

    @property
    def pending_ids(self) -> tuple[str, ...]:
        """Ids of the items left neither done nor skipped."""
        return tuple(item.item_id for item in self.items if item.state == "pending")

    @property
    def local_time(self) -> datetime:
        """When the session was saved, in the computer's current timezone."""
        return self.saved_at.astimezone()

    def as_doc(self) -> dict[str, Any]:
        """The session as a JSON-ready dictionary (the id is the TinyDB document id)."""
        doc: dict[str, Any] = {"seq": self.seq, "saved_at": _iso(self.saved_at)}
        doc.update(_items_as_doc(self.items))
        if self.note:
            doc["note"] = self.note
        if self.outcome is not None:
            doc["outcome"] = self.outcome.as_doc()
        if self.episodes:
            doc["episodes"] = [episode.as_doc() for episode in self.episodes]
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], doc_id: int) -> Session:
        """Build a session from :meth:`as_doc` output; ValueError if it is malformed."""
        outcome = doc.get("outcome")
        return cls(
            id=doc_id,
            seq=doc["seq"],
            saved_at=_parse_time(doc["saved_at"], "saved_at"),
            items=_items_from_doc(doc),
            note=doc.get("note", ""),
            outcome=None if outcome is None else Outcome.from_doc(outcome),
            episodes=tuple(CrampEpisode.from_doc(e) for e in doc.get("episodes", ())),
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """A checklist run that was started but not saved yet, kept across restarts."""

    items: tuple[ItemRecord, ...]
    saved_at: datetime
    note: str = ""

    def __post_init__(self) -> None:
        """Reject naive times and duplicate items."""
        _utc(self.saved_at, "saved_at")
        _unique_items(self.items)
        _check_text(self.note, "note")

    def as_doc(self) -> dict[str, Any]:
        """The draft as a JSON-ready dictionary."""
        doc = {"saved_at": _iso(self.saved_at), **_items_as_doc(self.items)}
        if self.note:
            doc["note"] = self.note
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Draft:
        """Build a draft from :meth:`as_doc` output; ValueError if it is malformed."""
        return cls(
            items=_items_from_doc(doc),
            saved_at=_parse_time(doc["saved_at"], "saved_at"),
            note=doc.get("note", ""),
        )


def _encode(tables: Mapping[str, Any]) -> bytes:
    """Serialise compactly; HistoryError for NaN, infinity or values JSON cannot hold."""
    try:
        text = json.dumps(
            tables, ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":")
        )
        return text.encode("utf-8")
    except (TypeError, ValueError) as error:
        raise HistoryError(
            f"Refusing to save a value that JSON cannot store ({error}); nothing was written."
        ) from error


def _fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_name(path: Path) -> Path:
    """A fresh hidden name beside ``path`` that the orphan clean-up recognises."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _keep_backup(path: Path, backup: Path) -> None:
    """Atomically make ``backup`` a copy of ``path`` (a hard link when the filesystem allows)."""
    staged = _temp_name(path)
    try:
        try:
            os.link(path, staged)
        except OSError:
            shutil.copyfile(path, staged)
            with open(staged, "rb") as copy:
                os.fsync(copy.fileno())
        os.replace(staged, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


def _has_content(path: Path) -> bool:
    """Whether ``path`` exists and is not empty (an empty file is not worth backing up)."""
    try:
        return os.stat(path).st_size > 0
    except FileNotFoundError:
        return False


def atomic_write(path: Path, payload: bytes, backup: Path | None = None) -> None:
    """Replace ``path`` with ``payload`` atomically; keep the old file as ``backup`` if given.

    Raises OSError with ``path`` unchanged and no temporary file left behind.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        if backup is not None and _has_content(path):
            _keep_backup(path, backup)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM}


def write_error(path: Path, error: OSError) -> HistoryWriteError:
    """A HistoryWriteError explaining ``error`` in words the user can act on."""
    reason = error.strerror or str(error)
    if error.errno in _DISK_FULL:
        advice = "try again after freeing space"
    elif error.errno == errno.EROFS:
        advice = "the disk is read-only; use --db to save elsewhere"
    elif error.errno in _NOT_ALLOWED:
        advice = f"check that you may write to {path.parent}"
    else:
        advice = "try again"
    return HistoryWriteError(
        f"Could not save to {path}: {reason}. Your data is unchanged; {advice}."
    )


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites the file in place.

    Each ``write`` serialises (refusing NaN, infinity and non-JSON values), writes a temporary
    file beside the database, fsyncs it, keeps the previous file as ``backup``, replaces the
    database with ``os.replace`` and fsyncs the directory. ``data`` is what the caller already
    loaded under its lock, so a transaction parses the file once. ``on_write`` is called with
    the bytes of each successful write.
    """

    def __init__(
        self,
        path: Path,
        *,
        data: dict[str, Any] | None = None,
        backup: Path | None = None,
        on_write: Callable[[bytes], None] | None = None,
    ) -> None:
        """Store at ``path``; ``data`` is the current content if the caller has read it."""
        super().__init__()
        self.path = path
        self.backup = backup
        self._data = data
        self._on_write = on_write

    def read(self) -> dict[str, Any] | None:
        """The current tables (None for a new, empty database)."""
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._data = json.loads(raw) if raw else None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Durably replace the file with ``data``; HistoryWriteError if the disk refuses."""
        self._data = None  # TinyDB changed the tables in place: re-read if this write fails
        payload = _encode({_META: {str(_SINGLETON): {"schema_version": SCHEMA_VERSION}}, **data})
        try:
            atomic_write(self.path, payload, self.backup)
        except OSError as error:
            raise write_error(self.path, error) from error
        self._data = data
        if self._on_write is not None:
            self._on_write(payload)

    def close(self) -> None:
        """Forget the loaded data."""
        self._data = None


def _reject_constant(name: str) -> float:
    """json.loads hook: a stored NaN or Infinity means the file was not written by crampui."""
    raise ValueError(f"it contains {name}, which crampui never writes")


def _decode(raw: bytes) -> dict[str, Any]:
    """Parse the file's bytes into tables; _Unreadable if it is not a JSON object of objects."""
    if b"\x00" in raw:
        raise _Unreadable("it contains NUL bytes")
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise _Unreadable(f"it is not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise _Unreadable(f"it holds a JSON {type(data).__name__}, not tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _Unreadable(f"its {name!r} table is a JSON {type(table).__name__}, not records")
    return data


def _schema_version(tables: Mapping[str, Any]) -> int:
    """The file's schema: from ``meta``, else 0 if it has sessions, else current (empty)."""
    meta = tables.get(_META)
    if meta is None:
        return 0 if tables.get(_SESSIONS) else SCHEMA_VERSION
    try:
        return _check_int(meta[str(_SINGLETON)]["schema_version"], "schema_version", 0)
    except (KeyError, TypeError, ValueError) as error:
        raise _Unreadable(f"its meta table has no valid schema_version ({error})") from error


def _validate(tables: Mapping[str, Any]) -> None:
    """Build every record once so a malformed one is caught before anything relies on it."""
    sessions = tables.get(_SESSIONS, {})
    for name, table in tables.items():
        if not all(key.isdigit() and isinstance(doc, dict) for key, doc in table.items()):
            raise _Unreadable(f"its {name!r} table has a record that is not an object with an id")
    try:
        for doc_id, doc in sessions.items():
            what = f"session #{doc_id}"
            Session.from_doc(doc, int(doc_id))
        for doc_id, doc in tables.get(_EPISODES, {}).items():
            what = f"episode #{doc_id}"
            CrampEpisode.from_doc(doc)
        for doc in tables.get(_DRAFT, {}).values():
            what = "the draft"
            Draft.from_doc(doc)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _Unreadable(f"{what} is malformed ({type(error).__name__}: {error})") from error
    if len({doc["seq"] for doc in sessions.values()}) != len(sessions):
        raise _Unreadable("two sessions share a seq")


def _migrate_v0(tables: Mapping[str, Any]) -> dict[str, Any]:
    """Schema 0 → 1: local times become UTC, sessions get ``seq`` in time order, id = seq."""
    try:
        old = sorted(
            (datetime.fromisoformat(doc["local_time"]).astimezone(timezone.utc), int(key), doc)
            for key, doc in tables[_SESSIONS].items()
        )
        sessions: dict[str, Any] = {}
        for seq, (saved_at, _old_id, doc) in enumerate(old, start=1):
            cramped = doc.get("cramped")
            items = [_item(i, "done") for i in doc.get("done", [])]
            items += [_item(i, "skipped") for i in doc.get("skipped", [])]
            session = Session(
                id=seq,
                seq=seq,
                saved_at=saved_at,
                items=tuple(items),
                note=clean_user_text(doc.get("note", "")),
                outcome=None if cramped is None else Outcome(cramped, recorded_at=saved_at),
            )
            sessions[str(seq)] = session.as_doc()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _Unreadable(f"its schema-0 sessions are malformed ({error})") from error
    return {
        _META: {str(_SINGLETON): {"schema_version": 1, "next_seq": len(sessions) + 1}},
        _SESSIONS: sessions,
    }


def _replaced_by(new: Mapping[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update operation that replaces a whole document (a dict update only merges)."""

    def replace_document(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return replace_document


class HistoryStore:
    """The user's session history in one JSON file, safe across crashes and processes.

    Opening checks the file (recovering or migrating it if needed) without creating anything.
    Invalid input raises ValueError (UserTextError for text) before anything is written.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        """Use the history at ``path``; ``clock`` supplies aware timestamps (tests pin it)."""
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.clock = clock
        self.recovery_notice: str | None = None
        """Set when the file had to be moved aside or restored; says where the old file went."""
        self._lock = FileLock(str(self.path.with_name(self.path.name + ".lock")), LOCK_TIMEOUT)
        self._valid_digest: bytes | None = None
        """SHA-256 of the last content validated or written here: identical bytes need no
        second validation. Only this fingerprint is kept; the data is re-read every time."""
        with self.transaction(write=False):
            pass

    # -- transactions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Any]:
        """Hold the file lock, open the database fresh from disk, yield the TinyDB, close it.

        A read-only transaction (``write=False``) on a directory where the lock file cannot
        be created still reads: writers replace the file atomically, so reads see whole files.
        """
        with self._locked(write) as locked:
            tables = self._load(locked)
            db = TinyDB(
                self.path,
                storage=AtomicJSONStorage,
                data=tables,
                backup=self.backup_path,
                on_write=self._written,
            )
            try:
                yield db
            finally:
                db.close()

    @contextlib.contextmanager
    def _locked(self, write: bool) -> Iterator[bool]:
        """Acquire the lock; yield whether it is held (only read-only callers go without)."""
        held = False
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.parent.is_dir():  # else nothing was ever saved: nothing to lock
                self._lock.acquire()
                held = True
        except Timeout as error:  # a subclass of OSError, so caught first
            raise HistoryError(
                f"{self.path} is busy: another crampui has been saving for over "
                f"{LOCK_TIMEOUT:.0f} seconds. Try again."
            ) from error
        except OSError as error:
            if write:
                raise write_error(self.path, error) from error
        try:
            yield held
        finally:
            if held:
                self._lock.release()

    def _load(self, locked: bool) -> dict[str, Any]:
        """Read and check the file, recovering, migrating or refusing it as needed."""
        if locked:
            self._remove_orphans()
        raw: bytes | None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as error:
            raise HistoryError(f"Could not read {self.path}: {error.strerror}.") from error
        if not raw:
            if not self.backup_path.exists():
                return {}  # a new history (an empty file counts as one)
            return self._recover(raw, "it was missing" if raw is None else "it was empty")
        try:
            tables = _decode(raw)
            version = _schema_version(tables)
            if version > SCHEMA_VERSION:
                raise HistoryError(
                    f"{self.path.name} was written by a newer crampui (schema {version}); this "
                    f"version understands up to {SCHEMA_VERSION}. Upgrade crampui; the file was "
                    "left untouched."
                )
            if version < SCHEMA_VERSION:
                return self._migrate(raw, tables)
            digest = hashlib.sha256(raw).digest()
            if digest != self._valid_digest:
                _validate(tables)
                self._valid_digest = digest
        except _Unreadable as problem:
            return self._recover(raw, str(problem))
        return tables

    def _written(self, payload: bytes) -> None:
        """Remember that ``payload`` (built from validated records) is now the file."""
        self._valid_digest = hashlib.sha256(payload).digest()

    def _remove_orphans(self) -> None:
        """Delete temporary files left by a writer that was killed (we hold the lock)."""
        for orphan in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                orphan.unlink()

    def _stamp(self) -> str:
        """The clock's time as a compact UTC stamp for file names, e.g. 20261125T201530Z."""
        return _utc(self.clock(), "clock()").strftime("%Y%m%dT%H%M%SZ")

    def _aside_path(self, kind: str) -> Path:
        """A new ``<db>.<kind>-<UTC>`` path that does not exist yet."""
        base = self.path.with_name(f"{self.path.name}.{kind}-{self._stamp()}")
        candidate, number = base, 1
        while candidate.exists():
            number += 1
            candidate = base.with_name(f"{base.name}-{number}")
        return candidate

    def _recover(self, raw: bytes | None, problem: str) -> dict[str, Any]:
        """Move the unreadable file (``raw``) aside, restore a usable backup, set the notice."""
        moved = None
        try:
            if raw is not None:
                moved = self._aside_path("corrupt")
                os.replace(self.path, moved)
                _fsync_directory(self.path.parent)
            backup = self._usable_backup()
            if backup is not None:
                atomic_write(self.path, backup[0])
        except OSError as error:
            raise write_error(self.path, error) from error
        moved_to = f" It was moved to {moved}." if moved else ""
        if backup is None:
            result = " No usable backup was found, so your history starts empty."
        else:
            result = f" The last backup ({self.backup_path.name}) was restored."
        self.recovery_notice = f"{self.path} could not be read ({problem}).{moved_to}{result}"
        if backup is None:
            return {}
        backup_raw, tables = backup
        if _schema_version(tables) < SCHEMA_VERSION:
            return self._migrate(backup_raw, tables)
        return tables

    def _usable_backup(self) -> tuple[bytes, dict[str, Any]] | None:
        """The backup's bytes and tables if it is a valid history no newer than this version."""
        try:
            raw = self.backup_path.read_bytes()
            tables = _decode(raw)
            version = _schema_version(tables)
            if version < SCHEMA_VERSION:
                _migrate_v0(tables)  # raises _Unreadable if it could not be migrated
            elif version == SCHEMA_VERSION:
                _validate(tables)
            else:
                return None
        except (OSError, _Unreadable):
            return None
        return raw, tables

    def _migrate(self, raw: bytes, tables: Mapping[str, Any]) -> dict[str, Any]:
        """Keep a copy of the old-schema file, then rewrite it in the current schema."""
        migrated = _migrate_v0(tables)
        try:
            atomic_write(self._aside_path("bak-v0"), raw)
        except OSError as error:
            raise write_error(self.path, error) from error
        AtomicJSONStorage(self.path, backup=self.backup_path, on_write=self._written).write(
            migrated
        )
        return migrated

    # -- helpers used inside a transaction ---------------------------------------------------

    def _now(self) -> datetime:
        """The injected clock's time in UTC."""
        return _utc(self.clock(), "clock()")

    @staticmethod
    def _session_doc(db: Any, session_id: int) -> Document:
        """The stored document of session ``session_id``; KeyError if there is none."""
        doc = db.table(_SESSIONS).get(doc_id=session_id)
        if doc is None:
            raise KeyError(f"no session #{session_id}")
        return doc

    @staticmethod
    def _next_seq(db: Any) -> int:
        """One more than any seq or id ever used (deleted ones included, via ``next_seq``)."""
        tables = db.storage.read() or {}
        sessions = tables.get(_SESSIONS, {})
        meta = tables.get(_META, {}).get(str(_SINGLETON), {})
        seqs = map(itemgetter("seq"), sessions.values())
        used = max(max(seqs, default=0), max(map(int, sessions), default=0))
        return max(used + 1, meta.get("next_seq", 1))

    @staticmethod
    def _clean_items(items: Sequence[ItemRecord]) -> tuple[ItemRecord, ...]:
        """Items with cleaned skip reasons; ValueError for duplicates or non-records."""
        cleaned: list[ItemRecord] = []
        for item in items:
            if not isinstance(item, ItemRecord):
                raise ValueError(f"expected an ItemRecord, got {item!r}")
            reason = clean_user_text(item.reason, field=f"reason for skipping {item.item_id}")
            cleaned.append(_item(item.item_id, item.state, reason))
        return _unique_items(cleaned)

    def _clean_outcome(self, outcome: Outcome) -> Outcome:
        """The outcome with cleaned text and a recorded_at (now, if it had none)."""
        return replace(
            outcome,
            where=clean_user_text(outcome.where, field="where", max_length=MAX_WHERE_LENGTH),
            note=clean_user_text(outcome.note),
            recorded_at=outcome.recorded_at or self._now(),
        )

    # -- sessions ----------------------------------------------------------------------------

    def add_session(
        self, items: Sequence[ItemRecord], note: str = "", outcome: Outcome | None = None
    ) -> Session:
        """Save a finished checklist run (and its outcome, if known) in one write; return it."""
        records = self._clean_items(items)
        note = clean_user_text(note)
        outcome = outcome and self._clean_outcome(outcome)
        with self.transaction() as db:
            seq = self._next_seq(db)
            session = Session(seq, seq, self._now(), records, note, outcome)
            db.table(_SESSIONS).insert(Document(session.as_doc(), doc_id=seq))
        return session

    def sessions(self) -> list[Session]:
        """Every session, newest (highest seq) first."""
        with self.transaction(write=False) as db:
            raw = (db.storage.read() or {}).get(_SESSIONS, {})
            found = [Session.from_doc(doc, int(key)) for key, doc in raw.items()]
        return sorted(found, key=lambda session: session.seq, reverse=True)

    def get(self, session_id: int) -> Session:
        """The session with this id; KeyError if there is none."""
        with self.transaction(write=False) as db:
            return Session.from_doc(self._session_doc(db, session_id), session_id)

    def last_session(self) -> Session | None:
        """The most recently saved session (highest seq), or None if there is none."""
        with self.transaction(write=False) as db:
            raw = (db.storage.read() or {}).get(_SESSIONS, {})
            if not raw:
                return None
            key = max(raw, key=lambda k: raw[k]["seq"])
            return Session.from_doc(raw[key], int(key))

    def count(self) -> int:
        """How many sessions are stored."""
        with self.transaction(write=False) as db:
            return len(db.table(_SESSIONS))

    def set_outcome(self, session_id: int, outcome: Outcome) -> Session:
        """Record (or replace) what happened after session ``session_id``; KeyError if absent."""
        outcome = self._clean_outcome(outcome)
        with self.transaction() as db:
            self._session_doc(db, session_id)
            db.table(_SESSIONS).update({"outcome": outcome.as_doc()}, doc_ids=[session_id])
            return Session.from_doc(self._session_doc(db, session_id), session_id)

    def delete_session(self, session_id: int) -> Session:
        """Delete a session and return it, so :meth:`restore_session` can undo the deletion."""
        with self.transaction() as db:
            session = Session.from_doc(self._session_doc(db, session_id), session_id)
            if self._next_seq(db) == session.seq + 1:  # deleting the newest: never reuse its seq
                meta = {"schema_version": SCHEMA_VERSION, "next_seq": session.seq + 1}
                db.table(_META).upsert(Document(meta, doc_id=_SINGLETON))
            db.table(_SESSIONS).remove(doc_ids=[session_id])
        return session

    def restore_session(self, session: Session) -> Session:
        """Put a deleted session back with its id, seq and saved_at, so it returns to its place."""
        restored = replace(
            session,
            items=self._clean_items(session.items),
            note=clean_user_text(session.note),
            outcome=session.outcome and self._clean_outcome(session.outcome),
        )
        with self.transaction() as db:
            raw = (db.storage.read() or {}).get(_SESSIONS, {})
            if str(session.id) in raw or any(d["seq"] == session.seq for d in raw.values()):
                raise HistoryError(f"session #{session.id} is already in the history")
            db.table(_SESSIONS).insert(Document(restored.as_doc(), doc_id=session.id))
        return restored

    # -- cramp episodes ----------------------------------------------------------------------

    def add_episode(self, episode: CrampEpisode, session_id: int | None = None) -> CrampEpisode:
        """Record a cramp, inside session ``session_id`` or on its own when that is None."""
        side = episode.side and clean_user_text(
            episode.side, field="side", max_length=MAX_SIDE_LENGTH
        )
        episode = replace(episode, side=side or None)
        with self.transaction() as db:
            if session_id is None:
                db.table(_EPISODES).insert(episode.as_doc())
            else:
                doc = self._session_doc(db, session_id)
                episodes = [*doc.get("episodes", []), episode.as_doc()]
                db.table(_SESSIONS).update({"episodes": episodes}, doc_ids=[session_id])
        return episode

    def loose_episodes(self) -> list[CrampEpisode]:
        """Cramps recorded outside any session, newest first."""
        with self.transaction(write=False) as db:
            found = [CrampEpisode.from_doc(doc) for doc in db.table(_EPISODES).all()]
        return sorted(found, key=lambda episode: episode.at, reverse=True)

    # -- the unsaved checklist run -----------------------------------------------------------

    def draft(self) -> Draft | None:
        """The checklist run in progress when the app last closed, if any."""
        with self.transaction(write=False) as db:
            doc = db.table(_DRAFT).get(doc_id=_SINGLETON)
            return None if doc is None else Draft.from_doc(doc)

    def save_draft(self, items: Sequence[ItemRecord], note: str = "") -> Draft:
        """Remember the checklist run in progress (replacing any earlier draft)."""
        draft = Draft(self._clean_items(items), self._now(), clean_user_text(note))
        doc = draft.as_doc()
        with self.transaction() as db:
            table = db.table(_DRAFT)
            if table.contains(doc_id=_SINGLETON):
                table.update(_replaced_by(doc), doc_ids=[_SINGLETON])
            else:
                table.insert(Document(doc, doc_id=_SINGLETON))
        return draft

    def clear_draft(self) -> None:
        """Forget the checklist run in progress (no write if there is none)."""
        with self.transaction() as db:
            if db.table(_DRAFT).contains(doc_id=_SINGLETON):
                db.table(_DRAFT).remove(doc_ids=[_SINGLETON])
