"""One history file on disk: the lock, fresh loads, checks, and repair when needed.

Every writing transaction holds ``<db>.lock`` and opens the file fresh: nothing is cached
between calls, so several processes can share one history. Reads take no lock (writers replace
the file atomically, so a read sees a whole file) and create nothing, unless the file needs
repairing or migrating; then they lock and repair first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB

from crampui.clock import utc_now
from crampui.history.codec import decode
from crampui.history.engine import (
    FileTooLargeError,
    FileTypeError,
    orphans,
    read_regular,
    remove_orphans,
    resolve_link,
    write_error,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.records import utc
from crampui.history.recovery import migrate, newer_schema_error, recover
from crampui.history.schema import SCHEMA_VERSION, schema_version, validate
from crampui.history.storage import MAX_FILE_BYTES, AtomicJSONStorage

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another crampui process to finish saving."""


class HistoryFile:
    """A history file opened through transactions, safe across crashes and processes.

    Opening checks the file (recovering or migrating it if needed). A symlink at ``path`` is
    followed: the file it points to is read and replaced, and the link is left as it is.
    """

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], datetime] = utc_now):
        """Use the history at ``path``; ``clock`` supplies aware timestamps (tests pin it)."""
        self.path = resolve_link(Path(path))
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
        self._remove_orphans_if_free()

    # -- transactions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Any]:
        """Open the database fresh from disk, yield the TinyDB, close it.

        A writing transaction holds the file lock throughout. A read-only one (``write=False``)
        takes the lock only to repair the file, and refuses to save.
        """
        if write:
            with self._locked(required=True):
                remove_orphans(self.path)
                tables = self._load(repair=True)
                assert tables is not None
                yield from self._open(tables, read_only=False)
            return
        loaded = self._load(repair=False)
        if loaded is None:  # needs repairing or migrating: only under the lock
            with self._locked(required=False):
                loaded = self._load(repair=True)
        assert loaded is not None
        yield from self._open(loaded, read_only=True)

    def _open(self, tables: dict[str, Any], read_only: bool) -> Iterator[Any]:
        """Yield a TinyDB over ``tables`` that saves through the atomic storage."""
        db = TinyDB(
            self.path,
            storage=AtomicJSONStorage,
            data=tables,
            backup=self.backup_path,
            on_write=self._written,
            read_only=read_only,
        )
        try:
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def _locked(self, required: bool) -> Iterator[None]:
        """Hold the lock; when not ``required``, go on without it if it cannot be created."""
        held = False
        try:
            if required:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
            held = True
        except Timeout as error:  # a subclass of OSError, so caught first
            raise HistoryError(
                f"{self.path} is busy: another crampui has been saving for over "
                f"{LOCK_TIMEOUT:.0f} seconds. Try again."
            ) from error
        except OSError as error:
            if required:
                raise write_error(self.path, error) from error
        try:
            yield
        finally:
            if held:
                self._lock.release()

    def _remove_orphans_if_free(self) -> None:
        """Delete temporary files a killed writer left, if no one is saving right now.

        Only when the lock file exists already (every writer creates it before its temporary
        file), so opening for a read still creates nothing.
        """
        if not any(orphans(self.path)) or not os.path.exists(self._lock.lock_file):
            return
        try:
            self._lock.acquire(timeout=0)
        except OSError:  # Timeout included: a writer is busy, its file is not an orphan
            return
        try:
            remove_orphans(self.path)
        finally:
            self._lock.release()

    def _read(self) -> bytes | None:
        """The file's bytes (None if missing); HistoryError if it is not a usable file."""
        try:
            return read_regular(self.path, MAX_FILE_BYTES)
        except FileTypeError as error:
            raise HistoryError(
                f"{self.path} is not a history file ({error.strerror}); use --db to choose "
                "another path. Nothing was changed."
            ) from error
        except FileTooLargeError as error:
            raise HistoryError(
                f"{self.path} is larger than {MAX_FILE_BYTES // 2**20} MiB, more than crampui "
                "ever writes; it was left untouched. Use --db to choose another path."
            ) from error
        except OSError as error:
            raise HistoryError(f"Could not read {self.path}: {error.strerror}.") from error

    def _load(self, repair: bool) -> dict[str, Any] | None:
        """Read and check the file; None if it needs a repair that ``repair`` does not allow."""
        raw = self._read()
        if not raw:
            if not os.path.lexists(self.backup_path):
                return {}  # a new history (an empty file counts as one)
            problem = "it was missing" if raw is None else "it was empty"
            return self._recover(raw, problem) if repair else None
        try:
            tables = decode(raw)
            version = schema_version(tables)
            if version > SCHEMA_VERSION:
                raise newer_schema_error(self.path, version)
            if version < SCHEMA_VERSION:
                if not repair:
                    return None
                return migrate(self.path, self.backup_path, raw, tables, self._now())
            digest = hashlib.sha256(raw).digest()
            if digest != self._valid_digest:
                validate(tables)
                self._valid_digest = digest
        except UnreadableError as problem:
            return self._recover(raw, str(problem)) if repair else None
        return tables

    def _recover(self, raw: bytes | None, problem: str) -> dict[str, Any]:
        """Recover from an unreadable file and remember the notice."""
        tables, notice = recover(self.path, self.backup_path, raw, problem, self._now())
        self.recovery_notice = notice
        return tables

    def _written(self, payload: bytes) -> None:
        """Remember that ``payload`` (built from validated records) is now the file."""
        self._valid_digest = hashlib.sha256(payload).digest()

    def _now(self) -> datetime:
        """The injected clock's time in UTC."""
        return utc(self.clock(), "clock()")
