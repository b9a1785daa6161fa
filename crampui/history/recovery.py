"""What to do with a file that cannot be used as it is: restore the backup, or migrate it.

Recovery never loses bytes and never claims more than happened: the unreadable file is moved
to ``<db>.corrupt-<UTC>`` and put back if the restore cannot be written; an unusable backup is
moved aside too (so a later save cannot overwrite it); a backup from a newer crampui stops
recovery with both files untouched. Callers hold the lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from crampui.history.codec import decode, encode
from crampui.history.engine import (
    aside_path,
    atomic_write,
    fsync_directory,
    keep_copy,
    read_regular,
    write_error,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.migrations import migrate as migrated_tables
from crampui.history.schema import SCHEMA_VERSION, schema_version, validate
from crampui.history.storage import MAX_FILE_BYTES


def newer_schema_error(path: Path, version: int, what: str = "") -> HistoryError:
    """The refusal for a file written by a newer crampui (``what`` adds the context)."""
    return HistoryError(
        f"{what}{path.name} was written by a newer crampui (schema {version}); this version "
        f"understands up to {SCHEMA_VERSION}. Upgrade crampui; the file was left untouched."
    )


def usable_backup(path: Path, backup: Path, problem: str) -> tuple[bytes, dict[str, Any]] | None:
    """The backup's bytes and tables if it is a valid history this version can restore.

    HistoryError (nothing touched) if it is from a newer crampui: restoring nothing instead
    would let later saves overwrite the only good copy.
    """
    try:
        raw = read_regular(backup, MAX_FILE_BYTES)
        if not raw:
            return None
        tables = decode(raw)
        version = schema_version(tables)
        if version > SCHEMA_VERSION:
            context = f"{path.name} could not be read ({problem}), and its backup "
            raise newer_schema_error(backup, version, context)
        if version < SCHEMA_VERSION:
            migrated_tables(tables)  # raises UnreadableError if it could not be migrated
        else:
            validate(tables)
    except (OSError, UnreadableError):
        return None
    return raw, tables


def adopt_legacy_backup(path: Path, backup: Path) -> None:
    """Take the ``<db>.bak`` earlier versions kept beside the history (so synced to every
    computer) out of its folder: it becomes ``backup`` unless there is one already (hold the
    lock; best effort, and a link or anything but a regular file is left alone)."""
    legacy = path.with_name(path.name + ".bak")
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(legacy).st_mode):
            if not os.path.lexists(backup):
                keep_copy(legacy, backup, private=True)
            os.unlink(legacy)


def recover(
    path: Path, backup: Path, raw: bytes | None, problem: str, now: datetime
) -> tuple[dict[str, Any], str]:
    """Move the unreadable file (``raw``) aside and restore a usable backup.

    Returns the tables now in effect and the notice for the user. HistoryWriteError if the
    disk refuses; the message says where every file is.
    """
    restore = usable_backup(path, backup, problem)
    moved = None
    try:
        if raw is not None:
            moved = aside_path(path, "corrupt", now)
            os.replace(path, moved)
            fsync_directory(path.parent)
    except OSError as error:
        raise write_error(path, error) from error
    if restore is not None:
        _restore(path, restore[0], moved)
    moved_to = f" It was moved to {moved}." if moved else ""
    if restore is None:
        kept = _move_aside(backup, now)
        kept_note = f" The unusable backup was moved to {kept}." if kept else ""
        result = f" No usable backup was found, so your history starts empty.{kept_note}"
    else:
        result = f" The last backup ({backup.name}) was restored."
    notice = f"{path} could not be read ({problem}).{moved_to}{result}"
    if restore is None:
        return {}, notice
    backup_raw, tables = restore
    if schema_version(tables) < SCHEMA_VERSION:
        return migrate(path, backup, backup_raw, tables, now), notice
    return tables, notice


def _restore(path: Path, payload: bytes, moved: Path | None) -> None:
    """Write the backup's bytes to ``path``; if that fails, put the moved file back."""
    try:
        atomic_write(path, payload)
    except OSError as error:
        if moved is None:
            raise write_error(path, error) from error
        try:
            os.replace(moved, path)
        except OSError:
            kept = f"The unreadable file is at {moved} and the backup was not restored"
            raise write_error(path, error, kept) from error
        fsync_directory(path.parent)
        raise write_error(path, error) from error


def _move_aside(backup: Path, now: datetime) -> Path | None:
    """Rename an unusable backup out of the way so no later save overwrites it."""
    if not os.path.lexists(backup):
        return None
    target = aside_path(backup, "corrupt", now)
    with contextlib.suppress(OSError):
        os.replace(backup, target)
        return target
    return None


def migrate(
    path: Path, backup: Path, raw: bytes, tables: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """Keep a copy of the old-schema file (``raw``), then rewrite ``path`` in the new schema.

    The copy is ``<db>.bak-v<old schema>-<UTC>``; UnreadableError if the file cannot be migrated.
    """
    version = schema_version(tables)
    migrated = migrated_tables(tables)
    payload = encode(migrated)
    try:
        atomic_write(aside_path(path, f"bak-v{version}", now), raw)
        atomic_write(path, payload, backup)
    except OSError as error:
        raise write_error(path, error) from error
    return migrated
