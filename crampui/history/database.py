"""One history file on disk: the lock, fresh loads, checks, and repair when needed.

Every writing transaction holds the lock and opens the file fresh: nothing is cached
between calls, so several processes can share one history. Reads take no lock (writers replace
the file atomically, so a read sees a whole file) and create nothing, unless the file needs
repairing or migrating; then they lock and repair first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from crampui.clock import utc_now
from crampui.history.checked import note_checked, was_checked
from crampui.history.codec import decode
from crampui.history.device import device_id
from crampui.history.engine import (
    FileTooLargeError,
    FileTypeError,
    check_writable,
    orphans,
    read_regular,
    remove_orphans,
    resolve_link,
    write_error,
)
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.journal import (
    Change,
    append_changes,
    encode_change,
    journal_file,
    journal_files,
    needs_compaction,
    retire,
    signature,
)
from crampui.history.loaded import Loaded, Signature, file_id, load_journals, shown_numbers
from crampui.history.locking import LockBusyError, WriterLock
from crampui.history.records import utc
from crampui.history.recovery import adopt_legacy_backup, migrate, newer_schema_error, recover
from crampui.history.schema import EPISODES, SCHEMA_VERSION, schema_version, validate
from crampui.history.seen import as_seen, remember, seen_path
from crampui.history.storage import MAX_FILE_BYTES, AtomicJSONStorage
from crampui.locations import local_folder

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another crampui process to finish saving."""


class HistoryFile:
    """A history file opened through transactions, safe across crashes and processes.

    Opening checks the file (recovering or migrating it if needed). A symlink at ``path`` is
    followed: the file it points to is read and replaced, and the link is left as it is.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] = utc_now,
        device: str | None = None,
    ):
        """Use the history at ``path``; ``clock`` supplies aware timestamps (tests pin it).

        ``device`` names this computer in every change and its journal (default: the id in
        the config dir, created on the first save).
        """
        self._device = device
        self.path = resolve_link(Path(path))
        self.backup_path = local_folder(self.path) / f"{self.path.name}.bak"  # never synced
        self.clock = clock
        self.recovery_notice: str | None = None
        """Set when the file had to be moved aside or restored; says where the old file went."""
        self._lock = WriterLock(self.path)
        self._valid_digest: bytes | None = None
        """SHA-256 of the content last validated or written here (not validated again)."""
        self._shown = shown_numbers(self.path)  # numbers shown here before: they stay
        self._loaded: Loaded | None = None  # as last read, brought up to date by each transaction
        self._guard = threading.RLock()
        """One transaction at a time in this process (the loaded tables change in place)."""
        with self.transaction(write=False):
            pass
        self._remove_orphans_if_free()

    @property
    def device(self) -> str:
        """This computer's device id."""
        if self._device is None:
            self._device = device_id()
        return self._device

    # -- transactions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Any]:
        """Open the database fresh from disk, yield the TinyDB, close it.

        A writing transaction holds the file lock throughout. A read-only one (``write=False``)
        takes the lock only to repair the file, and refuses to save. What a transaction reads
        is only valid inside it: a later transaction may change those tables in place.
        """
        with self._guard:
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
            journal=None if read_only else self._journal,
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
                check_writable(self.path)  # made read-only on purpose: refuse before locking
            self._lock.acquire(LOCK_TIMEOUT)
            held = True
            adopt_legacy_backup(self.path, self.backup_path)
        except LockBusyError as error:  # a subclass of OSError, so caught first
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
        """Delete temporary files a killed writer left, if no one is saving (and a writer made
        the lock file: every writer creates it before its temporary file)."""
        if not any(orphans(self.path)) or not self._lock.path.exists():
            return
        try:
            self._lock.acquire(timeout=0)
        except OSError:  # LockBusyError included: a writer is busy, its file is not an orphan
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
        """The tables with every journal applied; None if a repair ``repair`` forbids is due.

        Only what changed on disk since the last call is read: the journals' new lines if the
        main file is the same, else everything.
        """
        main = signature(self.path)
        loaded = self._loaded
        if loaded is not None and loaded.main == main and loaded.replay(journal_files(self.path)):
            return loaded.tables
        tables = self._load_main(repair, main)
        if tables is None:
            return None
        self._loaded = load_journals(tables, main, self.path, self._shown)
        if self._loaded.bad_lines:
            self.recovery_notice = (
                f"{self._loaded.bad_lines} saved changes in {journal_file(self.path, '*').parent} "
                "could not be read and were skipped; the files were left as they are."
            )
        return self._loaded.tables

    def _load_main(self, repair: bool, main: Signature | None) -> dict[str, Any] | None:
        """Read and check the main file; None if it needs a repair ``repair`` does not allow.

        ``main`` is the file's signature before reading: a file noted as checked with that
        signature (and unchanged while read) is not validated again.
        """
        raw = self._read()
        if not raw:
            if not os.path.lexists(self.backup_path):  # new, or gone with a seen copy left
                return self._as_seen({}, repair) if seen_path(self.path).exists() else {}
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
            if not (was_checked(self.path, main) and signature(self.path) == main):
                digest = hashlib.sha256(raw).digest()
                if digest != self._valid_digest:
                    validate(tables)
                    self._valid_digest = digest
                note_checked(self.path, main)
        except UnreadableError as problem:
            return self._recover(raw, str(problem)) if repair else None
        return self._as_seen(tables, repair)

    def _as_seen(self, tables: dict[str, Any], repair: bool) -> dict[str, Any] | None:
        """``tables`` with what they lack of the seen copy put back (the notice says so)."""
        checked, notice = as_seen(self.path, self.backup_path, tables, repair)
        if notice:
            self.recovery_notice = " ".join(filter(None, (self.recovery_notice, notice)))
        return checked

    def _recover(self, raw: bytes | None, problem: str) -> dict[str, Any]:
        """Recover from an unreadable file and remember the notice."""
        tables, notice = recover(self.path, self.backup_path, raw, problem, self._now())
        self.recovery_notice = notice
        return tables

    def _written(self, payload: bytes, tables: dict[str, Any]) -> None:
        """``payload`` (of the validated ``tables``) is now the file: retire our journal."""
        self._valid_digest = hashlib.sha256(payload).digest()
        remember(self.path)  # first: a new link changes the file's ctime, so its signature
        main, before = signature(self.path), self._loaded
        note_checked(self.path, main)
        with contextlib.suppress(OSError):  # if it stays, its changes are merely read twice
            retire(self.path, self.device, before.offsets if before else {})
        self._loaded = load_journals(tables, main, self.path, self._shown)
        if before is not None and before.tables.get(EPISODES) is tables.get(EPISODES):
            self._loaded.built = before.built  # each is reused only for the same document

    def _journal(self, changes: list[Change]) -> str:
        """Append ``changes`` to this computer's journal at any size: "journaled", or "compact"
        once it is to be folded in; "full" (nothing appended) when there is no file yet."""
        loaded = self._loaded
        assert loaded is not None
        own = journal_file(self.path, self.device)
        main_size = loaded.main[2] if loaded.main else 0
        if not main_size:
            return "full"
        payload = b"".join(encode_change(c.table, c.key, c.doc) for c in changes)
        try:
            end = append_changes(own, payload)
            written = file_id(own)
        except OSError as error:
            raise write_error(own, error) from error
        for change in changes:
            loaded.apply(change)
        if written is not None:
            loaded.offsets[own] = (*written[:2], end)
        return "compact" if needs_compaction(end, main_size) else "journaled"

    def _now(self) -> datetime:
        """The injected clock's time in UTC."""
        return utc(self.clock(), "clock()")
