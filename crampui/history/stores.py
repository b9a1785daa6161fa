"""The layout of a history in its data folder: one store per device, the main file a marker.

For ``--db history.json`` the synced folder holds:

* ``history.json``: written once, when the history is made or migrated, and never again: a
  marker (:data:`MARKER`) whose schema is newer than any crampui before this layout, so an
  older crampui refuses it instead of saving over it. A main file with records (a history
  from before this layout) is read as input only, and migrated (see
  :mod:`crampui.history.database`).
* ``history.json.journal/<device>.json``: each computer's store, a TinyDB JSON file written
  (atomically) only by that computer. It holds the whole history as that computer last folded
  it, so any one store plus the journals holds everything that computer had seen.
* ``history.json.journal/<device>.jsonl``: each computer's journal of changes since its last
  fold (:mod:`crampui.history.journal`).

What a person sees is the merge, field by field, of the main file's records (if any), every
store and every journal: no two computers ever write the same file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crampui.history.checked import note_checked, was_checked
from crampui.history.codec import decode, encode
from crampui.history.conflicts import conflict_copies
from crampui.history.engine import (
    FileTooLargeError,
    FileTypeError,
    atomic_write,
    read_regular,
    regular_files,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.journal import journal_folder, signature
from crampui.history.merge import merge_tables
from crampui.history.migrations import migrate
from crampui.history.recovery import newer_schema_error
from crampui.history.schema import META, SCHEMA_VERSION, SINGLETON, schema_version, validate
from crampui.history.storage import MAX_FILE_BYTES
from crampui.usertext import terminal_safe

LAYOUT_VERSION = SCHEMA_VERSION + 1
"""The schema the main file's marker names: newer than any crampui from before the layout."""

LAYOUT = "device stores"

MARKER = encode({META: {str(SINGLETON): {"schema_version": LAYOUT_VERSION, "layout": LAYOUT}}})
"""The main file of a history in this layout: the same bytes on every computer."""

SUFFIX = ".json"
_STORE_NAME = re.compile(r"[0-9a-f]{12}\.json")


def store_file(path: Path, device: str) -> Path:
    """``device``'s store of the history at ``path``."""
    return journal_folder(path) / f"{device}{SUFFIX}"


def store_files(path: Path) -> list[Path]:
    """Every device's store beside the history at ``path``: regular files (no links, FIFOs or
    folders) named by a device id, of at most :data:`MAX_FILE_BYTES`."""
    return regular_files(journal_folder(path), _STORE_NAME.fullmatch, MAX_FILE_BYTES)


def store_conflict_copies(path: Path) -> list[Path]:
    """The sync tools' conflict copies of any store beside the history at ``path`` (two
    computers that shared a device id)."""
    return [copy for store in store_files(path) for copy in conflict_copies(store)]


def is_marker(tables: Mapping[str, Any]) -> bool:
    """Whether ``tables`` are the main file's marker (no records, this layout)."""
    meta = tables.get(META, {}).get(str(SINGLETON), {})
    return (
        set(tables) == {META}
        and isinstance(meta, dict)
        and meta.get("layout") == LAYOUT
        and meta.get("schema_version") == LAYOUT_VERSION
    )


def write_marker(path: Path) -> None:
    """Make the main file the marker (OSError if the disk refuses)."""
    atomic_write(path, MARKER)


def tables_of(path: Path, raw: bytes, *, checked: bool = False) -> dict[str, Any]:
    """The records of the bytes of the history file ``path`` in the current schema ({} for
    the marker); UnreadableError if malformed, HistoryError if from a newer crampui.
    ``checked``: the file was validated before (see :mod:`crampui.history.checked`)."""
    tables = decode(raw)
    if is_marker(tables):
        return {}
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise newer_schema_error(path, version)
    if version < SCHEMA_VERSION:
        return migrate(tables)
    if not checked:
        validate(tables)
    return tables


def read_copy(path: Path) -> dict[str, Any]:
    """Another history file's tables in the current schema; HistoryError saying why not."""
    name = terminal_safe(path.name)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
        if raw is None:
            raise HistoryError(f"{name} does not exist.")
        return tables_of(path, raw)
    except UnreadableError as problem:
        raise HistoryError(
            f"{name} could not be merged ({problem}); it was left where it is."
        ) from problem
    except OSError as error:
        raise HistoryError(f"Could not read {name}: {error.strerror or error}.") from error


def other_stores(path: Path, own: Path) -> tuple[dict[str, Any], list[str]]:
    """The merge of every other device's store beside the history at ``path`` (``own`` left
    out), and a line for each store that could not be read (it is left as it is)."""
    merged: dict[str, Any] = {}
    problems: list[str] = []
    for store in store_files(path):
        if store == own:
            continue
        before = signature(store)
        try:
            raw = read_regular(store, MAX_FILE_BYTES) or b""
            tables = tables_of(store, raw, checked=was_checked(store, before)) if raw else {}
        except (OSError, UnreadableError, HistoryError) as error:
            problems.append(f"{terminal_safe(store.name)} could not be read ({error}).")
            continue
        if signature(store) == before:
            note_checked(store, before)
        merged = merge_tables(merged, tables)
    return merged, problems


def layout_signature(path: Path, own: Path) -> tuple[object, ...]:
    """What changes whenever the main file or any store of the history at ``path`` does."""
    stores = {own, *store_files(path)}
    return (signature(path), *((store.name, signature(store)) for store in sorted(stores)))


def main_records(path: Path) -> tuple[dict[str, Any] | None, bytes | None, str]:
    """The records of the main file at ``path`` ({} when it has none: missing, empty, the
    marker; None when it is unreadable), its bytes and, if unreadable, why. HistoryError if it
    is not a regular file, is too large or is from a newer crampui: it is left untouched."""
    name = terminal_safe(str(path))
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileTypeError as error:
        raise HistoryError(
            f"{name} is not a history file ({error.strerror}); use --db to choose another "
            "path. Nothing was changed."
        ) from error
    except FileTooLargeError as error:
        raise HistoryError(
            f"{name} is larger than {MAX_FILE_BYTES // 2**20} MiB, more than crampui ever "
            "writes; it was left untouched. Use --db to choose another path."
        ) from error
    except OSError as error:
        raise HistoryError(f"Could not read {name}: {error.strerror}.") from error
    if not raw or raw == MARKER:
        return {}, raw, ""
    try:
        return tables_of(path, raw), raw, ""
    except UnreadableError as problem:
        return None, raw, str(problem)


def make_folder(folder: Path) -> None:
    """Make the folder of the stores and journals if need be; OSError if it is anything but a
    folder (a link is never written through)."""
    folder.mkdir(mode=0o700, exist_ok=True)
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise FileTypeError(errno.ENOTDIR, "it is not a folder", str(folder))
