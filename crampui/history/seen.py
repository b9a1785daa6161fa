"""What this computer has seen of a history, kept outside the synced folder (no Textual).

After every read or write, a hard link to this computer's store (:mod:`.stores`) as it is
then (a private copy where a link cannot be made or would not be private) is kept in the
local state directory, :func:`crampui.locations.local_folder` (under
``$XDG_STATE_HOME/crampui``), at mode 0700 / 0600: it is health data, kept outside the synced
folder and the cache. When a sync tool or a person replaces the store with a file that lacks
some of it (an old copy of the folder restored, a backup copied in), the two are merged field
by field and the store written again, so a version once seen is never unseen here: a deleted
session stays deleted, and nothing this computer had is lost.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from crampui.history.codec import decode, encode
from crampui.history.engine import atomic_write, keep_copy, read_regular, write_error
from crampui.history.errors import UnreadableError
from crampui.history.journal import signature
from crampui.history.merge import merge_tables, summarise
from crampui.history.schema import MALFORMED, SCHEMA_VERSION, schema_version, validate
from crampui.history.stores import make_folder
from crampui.locations import local_folder

MAX_SEEN_BYTES = 64 * 1024 * 1024
"""The largest seen copy read (the history's own limit)."""


def seen_path(path: Path, file: Path) -> Path:
    """Where the seen copy of ``file``, a store of the history at ``path``, is kept."""
    return local_folder(path) / f"seen-{file.name}"


def remember(path: Path, file: Path) -> None:
    """Keep ``file``, this computer's store of the history at ``path``, as it is now as the
    seen copy (best effort: a computer without a usable state directory merely loses this
    protection)."""
    copy = seen_path(path, file)
    with contextlib.suppress(OSError):
        if _is_current(copy, file) and _private_file(copy):
            return
    with contextlib.suppress(OSError):
        local_folder(path, create=True)
        with contextlib.suppress(OSError):
            if os.path.samefile(copy, file):  # a link no longer private: dropping it first,
                os.unlink(copy)  # since that changes the store's ctime, noted below
        before = signature(file)
        keep_copy(file, copy, private=True)
        if not os.path.samefile(copy, file) and signature(file) == before:
            atomic_write(_copied_from(copy), repr(before).encode("ascii"))


def _copied_from(copy: Path) -> Path:
    """Notes the state of the history a seen copy that is not a link was made from."""
    return copy.with_name(copy.name + ".from")


def _is_current(copy: Path, path: Path) -> bool:
    """Whether the seen copy is the history at ``path`` as it is now: a link to it, or a copy
    of it made since it last changed (a history others may read is copied, never linked)."""
    if os.path.samefile(copy, path):
        return True
    noted = read_regular(_copied_from(copy), 200)
    return noted is not None and noted == repr(signature(path)).encode("ascii")


def _private_file(path: Path) -> bool:
    """Whether ``path`` is a file only its owner may read or write (mode 0600)."""
    return stat.S_IMODE(os.stat(path).st_mode) == 0o600


def forgotten(path: Path, file: Path, tables: dict[str, Any]) -> dict[str, Any] | None:
    """``tables`` (``file``, the store of the history at ``path``, as just read) merged with
    the seen copy, if that brings back anything they lack; None if it brings nothing (or cannot
    be read)."""
    copy = seen_path(path, file)
    try:
        if os.path.lexists(file) and _is_current(copy, file):
            return None
        raw = read_regular(copy, MAX_SEEN_BYTES)
        if not raw:
            return None
        seen = decode(raw)
        if schema_version(seen) != SCHEMA_VERSION:
            return None
        validate(seen)
    except (OSError, UnreadableError, *MALFORMED):
        return None
    merged = merge_tables(tables, seen)
    return merged if merged != merge_tables(tables, {}) else None


def as_seen(
    path: Path, file: Path, backup: Path, tables: dict[str, Any], repair: bool
) -> tuple[dict[str, Any] | None, str | None]:
    """``tables`` (``file``, the store of the history at ``path``, as just read) with whatever
    they lack of the seen copy put back, written to ``file`` (keeping ``backup``), and the
    notice saying so.

    Without ``repair`` (no lock held), (None, None) when something is to be put back. Tables
    that lack nothing are remembered as seen. HistoryWriteError if the disk refuses.
    """
    restored = forgotten(path, file, tables)
    if restored is None:
        remember(path, file)
        return tables, None
    if not repair:
        return None, None
    try:
        return restored, _put_back(path, file, backup, tables, restored)
    except OSError as error:
        raise write_error(file, error) from error


def _put_back(
    path: Path, file: Path, backup: Path, tables: dict[str, Any], restored: dict[str, Any]
) -> str:
    """Write ``restored`` (``tables`` with what they had lost) to ``file``; the notice."""
    what = summarise(tables, restored).describe()
    make_folder(file.parent)
    atomic_write(file, encode(restored), backup)
    remember(path, file)
    return (
        f"This computer's copy of {path.name} had gone back to an older copy (a restored "
        "backup, or a copy from a computer that had not seen every change); what this "
        f"computer had seen was put back: {what}."
    )
