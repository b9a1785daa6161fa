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
from crampui.history.checked import note_checked
from crampui.history.clones import forget_appends, note_append, written_elsewhere
from crampui.history.device import new_device_id
from crampui.history.engine import (
    check_writable,
    orphans,
    remove_orphans,
    resolve_link,
    write_error,
)
from crampui.history.errors import HistoryError
from crampui.history.journal import (
    Change,
    append_changes,
    current_segment,
    encode_change,
    journal_file,
    journal_files,
    needs_compaction,
    retire,
    signature,
)
from crampui.history.loaded import Loaded, file_id, load_journals, shown_numbers
from crampui.history.locking import LockBusyError, WriterLock
from crampui.history.reading import LayoutReader
from crampui.history.recovery import adopt_legacy_backup
from crampui.history.schema import EPISODES
from crampui.history.seen import remember
from crampui.history.storage import AtomicJSONStorage
from crampui.history.stores import (
    layout_signature,
    make_folder,
    write_marker,
)
from crampui.locations import local_folder

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another crampui process to finish saving."""


class HistoryFile(LayoutReader):
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
        """The main file: the history's name (a marker once in the per-device layout)."""
        self.clock = clock
        self.recovery_notice: str | None = None
        """Set when the file had to be moved aside or restored; says where the old file went."""
        self._lock = WriterLock(self.path)
        self._valid_digest: bytes | None = None
        """SHA-256 of the content last validated or written here (not validated again)."""
        self._checked_sessions = {}
        self._shown = shown_numbers(self.path)  # numbers shown here before: they stay
        self._loaded: Loaded | None = None  # as last read, brought up to date by each transaction
        self._guard = threading.RLock()
        """One transaction at a time in this process (the loaded tables change in place)."""
        with self.transaction(write=False):
            pass
        self._remove_orphans_if_free()

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
                    self._check_clone()
                    remove_orphans(self.path)
                    remove_orphans(self.store_path)
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
            self.store_path,
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
                check_writable(self.store_path)
            self._lock.acquire(LOCK_TIMEOUT)
            held = True
            adopt_legacy_backup(self.path, local_folder(self.path) / f"{self.path.name}.bak")
            if required:
                make_folder(self.store_path.parent)
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

    def _check_clone(self) -> None:
        """Take a new device id if another computer wrote this one's journal (hold the lock;
        see :mod:`crampui.history.clones`)."""
        old = self.device
        if written_elsewhere(self.path, old):
            self._device, self._loaded = new_device_id(), None
            self._notice(
                f"This computer's id ({old}) was in use on another computer too (a cloned or "
                f"copied setup); it now saves as {self._device}. Nothing was lost."
            )

    def _remove_orphans_if_free(self) -> None:
        """Delete temporary files a killed writer left, if no one is saving (and a writer made
        the lock file: every writer creates it before its temporary file)."""
        found = [*orphans(self.path), *orphans(self.store_path)]
        if not found or not self._lock.path.exists():
            return
        try:
            self._lock.acquire(timeout=0)
        except OSError:  # LockBusyError included: a writer is busy, its file is not an orphan
            return
        try:
            remove_orphans(self.path)
            remove_orphans(self.store_path)
        finally:
            self._lock.release()

    def _load(self, repair: bool) -> dict[str, Any] | None:
        """The tables with every journal applied; None if a repair ``repair`` forbids is due.

        Only what changed on disk since the last call is read: the journals' new lines if the
        main file is the same, else everything.
        """
        main = layout_signature(self.path, self.store_path)
        loaded = self._loaded
        if loaded is not None and loaded.main == main and loaded.replay(journal_files(self.path)):
            return loaded.tables
        self._checked_sessions.clear()
        tables = self._load_main(repair)
        if tables is None:
            return None
        self._loaded = load_journals(tables, main, self.path, self._shown)
        self._loaded.from_check(self._checked_sessions)
        if self._loaded.bad_lines:
            self.recovery_notice = (
                f"{self._loaded.bad_lines} saved changes in {journal_file(self.path, '*').parent} "
                "could not be read and were skipped; the files were left as they are."
            )
        return self._loaded.tables

    def _written(self, payload: bytes, tables: dict[str, Any]) -> None:
        """``payload`` (of the validated ``tables``) is now the file: retire our journal."""
        self._valid_digest = hashlib.sha256(payload).digest()
        remember(self.path, self.store_path)  # first: a new link changes the file's ctime
        note_checked(self.store_path, signature(self.store_path))
        if not os.path.lexists(self.path):  # a new history: its name, refused by older crampuis
            try:
                write_marker(self.path)
            except OSError as error:
                raise write_error(self.path, error) from error
        main, before = layout_signature(self.path, self.store_path), self._loaded
        with contextlib.suppress(OSError):  # if it stays, its changes are merely read twice
            retire(self.path, self.device, before.offsets if before else {})
        forget_appends(self.path, self.device)
        self._loaded = load_journals(tables, main, self.path, self._shown)
        if before is not None and before.tables.get(EPISODES) is tables.get(EPISODES):
            self._loaded.built = before.built  # each is reused only for the same document

    def _journal(self, changes: list[Change]) -> str:
        """Append ``changes`` to this computer's journal at any size: "journaled", or "compact"
        once it is to be folded in; "full" (nothing appended) when there is no file yet."""
        loaded = self._loaded
        assert loaded is not None
        own = current_segment(self.path, self.device)
        main_size = (file_id(self.store_path) or (0, 0, 0))[2]
        if not main_size:
            return "full"
        payload = b"".join(encode_change(c.table, c.key, c.doc) for c in changes)
        try:
            end = append_changes(own, payload)
            written = file_id(own)
        except OSError as error:
            raise write_error(own, error) from error
        note_append(self.path, self.device, own, end, payload[:-1].rsplit(b"\n", 1)[-1] + b"\n")
        for change in changes:
            loaded.apply(change)
        if written is not None:
            loaded.offsets[own] = (*written[:2], end)
        total = sum(offset[2] for file, offset in loaded.offsets.items() if _own(file, own))
        return "compact" if needs_compaction(total, main_size) else "journaled"


def _own(file: Path, segment: Path) -> bool:
    """Whether the journal ``file`` is a segment (not folded in) of the device ``segment`` is
    one of."""
    device = segment.name.split(".")[0]
    return (
        file.parent == segment.parent
        and file.name.split(".")[0] == device
        and (".prev." not in file.name)
    )
