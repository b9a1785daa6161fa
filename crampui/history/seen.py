"""What this computer has seen of a history, kept outside the synced folder (no Textual).

After every read or write, a hard link to the history file as it is then (a private copy where
a link cannot be made or would not be private) is kept in the local state directory,
``$XDG_STATE_HOME/crampui/seen`` (``CRAMPUI_STATE_DIR`` overrides it), at mode 0700 / 0600:
it is health data, kept outside the synced folder and the cache. When a sync tool or a person
replaces the history with a file that lacks some of it (an old copy restored, a backup copied
in, a file from a computer that had not seen every change), the two are merged field by field,
so a version once seen is never unseen here: a deleted session stays deleted, and nothing this
computer had is lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from crampui.history.codec import decode, encode
from crampui.history.engine import atomic_write, read_regular, write_error
from crampui.history.errors import UnreadableError
from crampui.history.merge import merge_tables, summarise
from crampui.history.schema import MALFORMED, SCHEMA_VERSION, schema_version, validate

ENV_STATE_DIR = "CRAMPUI_STATE_DIR"
"""Environment variable naming crampui's local state directory."""

MAX_SEEN_BYTES = 64 * 1024 * 1024
"""The largest seen copy read (the history's own limit)."""


def state_dir() -> Path:
    """crampui's local state directory (never synced): ``$CRAMPUI_STATE_DIR``, else the
    platform's user state directory."""
    from_env = os.environ.get(ENV_STATE_DIR, "")
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("crampui"))


def seen_path(path: Path) -> Path:
    """Where the seen copy of the history at ``path`` is kept."""
    digest = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return state_dir() / "seen" / f"{digest}.json"


def remember(path: Path) -> None:
    """Keep the history at ``path`` as it is now as the seen copy (best effort: a computer
    without a usable state directory merely loses this protection)."""
    copy = seen_path(path)
    with contextlib.suppress(OSError):
        if os.path.samefile(copy, path) and _private_file(copy):
            return
    with contextlib.suppress(OSError):
        _private_folder(copy.parent)
        staged = copy.with_name(f".{copy.name}.{os.urandom(6).hex()}.tmp")
        try:
            try:
                if not _private_file(path):
                    raise PermissionError("a link would share a mode other than 0600")
                os.link(path, staged)
            except OSError:
                shutil.copyfile(path, staged)
                os.chmod(staged, 0o600)
            os.replace(staged, copy)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)


def _private_file(path: Path) -> bool:
    """Whether ``path`` is a file only its owner may read or write (mode 0600)."""
    return stat.S_IMODE(os.stat(path).st_mode) == 0o600


def _private_folder(folder: Path) -> None:
    """Create ``folder`` (and the state directory above it) at mode 0700, or make it so: the
    seen copy is health data."""
    folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    if stat.S_IMODE(os.lstat(folder).st_mode) != 0o700:
        os.chmod(folder, 0o700)


def forgotten(path: Path, tables: dict[str, Any]) -> dict[str, Any] | None:
    """``tables`` (the history at ``path`` as just read) merged with the seen copy, if that
    brings back anything they lack; None if it brings nothing (or cannot be read)."""
    copy = seen_path(path)
    try:
        if os.path.samefile(copy, path):
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
    path: Path, backup: Path, tables: dict[str, Any], repair: bool
) -> tuple[dict[str, Any] | None, str | None]:
    """``tables`` (the history at ``path`` as just read) with whatever they lack of the seen
    copy put back, written to ``path`` (keeping ``backup``), and the notice saying so.

    Without ``repair`` (no lock held), (None, None) when something is to be put back. Tables
    that lack nothing are remembered as seen. HistoryWriteError if the disk refuses.
    """
    restored = forgotten(path, tables)
    if restored is None:
        remember(path)
        return tables, None
    if not repair:
        return None, None
    try:
        return restored, _put_back(path, backup, tables, restored)
    except OSError as error:
        raise write_error(path, error) from error


def _put_back(path: Path, backup: Path, tables: dict[str, Any], restored: dict[str, Any]) -> str:
    """Write ``restored`` (``tables`` with what they had lost) to ``path``; the notice."""
    what = summarise(tables, restored).describe()
    atomic_write(path, encode(restored), backup)
    remember(path)
    return (
        f"{path.name} had gone back to an older copy (a restored backup, or a copy from a "
        f"computer that had not seen every change); what this computer had seen was put "
        f"back: {what}."
    )
