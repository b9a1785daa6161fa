"""Reading a history's files: this computer's store, checked (recovered, migrated or put
back as seen when need be), merged with the main file's records and the other devices'
stores (see :mod:`crampui.history.stores`)."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from crampui.history.checked import note_checked, was_checked
from crampui.history.codec import decode, encode
from crampui.history.device import device_id
from crampui.history.engine import (
    FileTooLargeError,
    FileTypeError,
    aside_path,
    atomic_write,
    keep_copy,
    read_regular,
    write_error,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.journal import signature
from crampui.history.merge import merge_tables
from crampui.history.records import utc
from crampui.history.recovery import migrate, newer_schema_error, recover
from crampui.history.schema import SCHEMA_VERSION, schema_version, validate
from crampui.history.seen import as_seen, remember, seen_path
from crampui.history.storage import MAX_FILE_BYTES, SCHEMA_STAMP
from crampui.history.stores import (
    MARKER,
    main_records,
    make_folder,
    other_stores,
    store_file,
    write_marker,
)
from crampui.locations import local_folder


class LayoutReader:
    """Reads the history named ``path`` as this computer (``device``) sees it."""

    path: Path
    clock: Callable[[], datetime]
    recovery_notice: str | None
    _device: str | None
    _valid_digest: bytes | None
    _checked_sessions: dict[str, Any]
    """The sessions the whole-file check built, by uid, with their documents (for the
    store: see :func:`~crampui.history.schema.validate`)."""

    @property
    def device(self) -> str:
        """This computer's device id."""
        if self._device is None:
            self._device = device_id()
        return self._device

    @property
    def store_path(self) -> Path:
        """This computer's store, the only history file it writes (see :mod:`.stores`)."""
        return store_file(self.path, self.device)

    @property
    def backup_path(self) -> Path:
        """The previous good version of this computer's store, in its local folder."""
        return local_folder(self.path) / f"{self.store_path.name}.bak"  # never synced

    def _read(self) -> bytes | None:
        """Our store's bytes (None if missing); HistoryError if it is not a usable file."""
        path = self.store_path
        try:
            if os.path.islink(path):
                raise FileTypeError(errno.ELOOP, "it is a symbolic link", str(path))
            return read_regular(path, MAX_FILE_BYTES)
        except FileTypeError as error:
            raise HistoryError(
                f"{path} is not a history file ({error.strerror}); move it away. Nothing was "
                "changed."
            ) from error
        except FileTooLargeError as error:
            raise HistoryError(
                f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB, more than crampui "
                "ever writes; it was left untouched."
            ) from error
        except OSError as error:
            raise HistoryError(f"Could not read {path}: {error.strerror}.") from error

    def _load_main(self, repair: bool) -> dict[str, Any] | None:
        """Our store merged with the main file's records (if any) and the other devices'
        stores; None if it needs a repair ``repair`` does not allow (see :mod:`.stores`)."""
        own = self._load_own(repair)
        if own is None:
            return None
        legacy, raw, problem = main_records(self.path)
        if raw == b"" and own:  # a marker emptied: the stores hold the history
            legacy, problem = None, "it was empty"
        if legacy != {} or (raw != MARKER and own):  # records, unreadable, or not the marker
            if not repair:
                return None
            own = self._migrate_main(own, legacy, raw, problem)
        others, problems = other_stores(self.path, self.store_path)
        if problems:
            self._notice(" ".join(problems))
        return merge_tables(own, others) if others else own

    def _migrate_main(
        self, own: dict[str, Any], legacy: dict[str, Any] | None, raw: bytes | None, why: str
    ) -> dict[str, Any]:
        """Move the main file's records (None: it is unreadable, so it is recovered first)
        into our store, keeping a copy of it in the local folder, and make it the marker."""
        old_backup = local_folder(self.path) / f"{self.path.name}.bak"
        if legacy is None and not own:  # a damaged history from before the stores
            legacy, notice = recover(self.path, old_backup, raw, why, self._now())
            self._notice(notice)
        try:
            if legacy is None:  # a damaged marker: the stores hold the history
                moved = aside_path(self.path, "corrupt", self._now())
                os.replace(self.path, moved)
                self._notice(
                    f"{self.path} could not be read ({why}). It was moved to {moved}; the "
                    "history is kept in the stores beside it and was restored from them."
                )
            elif raw and os.path.lexists(self.path):
                local = local_folder(self.path, create=True)
                kept = aside_path(local / self.path.name, "pre-stores", self._now())
                keep_copy(self.path, kept, private=True)
            tables = merge_tables(own, legacy) if legacy else own
            if legacy:
                make_folder(self.store_path.parent)
                payload = encode({**SCHEMA_STAMP, **tables})
                atomic_write(self.store_path, payload, self.backup_path)
                remember(self.path, self.store_path)
            write_marker(self.path)
        except OSError as error:
            raise write_error(self.path, error) from error
        return tables

    def _notice(self, text: str) -> None:
        """Add ``text`` to :attr:`recovery_notice`."""
        self.recovery_notice = " ".join(filter(None, (self.recovery_notice, text)))

    def _load_own(self, repair: bool) -> dict[str, Any] | None:
        """Read and check our store; None if it needs a repair ``repair`` does not allow.

        A file noted as checked with its signature before reading (and unchanged while read)
        is not validated again.
        """
        main = signature(self.store_path)
        raw = self._read()
        if not raw:
            if not os.path.lexists(self.backup_path):  # new, or gone with a seen copy left
                seen = seen_path(self.path, self.store_path).exists()
                return self._as_seen({}, repair) if seen else {}
            problem = "it was missing" if raw is None else "it was empty"
            return self._recover(raw, problem) if repair else None
        try:
            tables = decode(raw)
            version = schema_version(tables)
            if version > SCHEMA_VERSION:
                raise newer_schema_error(self.store_path, version)
            if version < SCHEMA_VERSION:
                if not repair:
                    return None
                return migrate(self.store_path, self.backup_path, raw, tables, self._now())
            if not (was_checked(self.store_path, main) and signature(self.store_path) == main):
                digest = hashlib.sha256(raw).digest()
                if digest != self._valid_digest:
                    validate(tables, self._checked_sessions)
                    self._valid_digest = digest
                note_checked(self.store_path, main)
        except UnreadableError as problem:
            return self._recover(raw, str(problem)) if repair else None
        return self._as_seen(tables, repair)

    def _as_seen(self, tables: dict[str, Any], repair: bool) -> dict[str, Any] | None:
        """``tables`` with what they lack of the seen copy put back (the notice says so)."""
        checked, notice = as_seen(self.path, self.store_path, self.backup_path, tables, repair)
        if notice:
            self._notice(notice)
        return checked

    def _recover(self, raw: bytes | None, problem: str) -> dict[str, Any]:
        """Recover from an unreadable file and remember the notice."""
        tables, notice = recover(self.store_path, self.backup_path, raw, problem, self._now())
        self.recovery_notice = notice
        return tables

    def _now(self) -> datetime:
        """The injected clock's time in UTC."""
        return utc(self.clock(), "clock()")
