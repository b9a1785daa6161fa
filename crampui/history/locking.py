"""The lock that one writer of a history at a time holds, across processes: a file in this
computer's local folder for it (:func:`crampui.locations.local_folder`), never in the synced
folder.

filelock is imported when the lock is first taken, so a process that only reads a history
(the app at start-up, most commands) never loads it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from crampui.locations import local_folder

if TYPE_CHECKING:
    from filelock import FileLock


class LockBusyError(OSError):
    """Another process held the lock for longer than the time given."""


class WriterLock:
    """The lock file of the history at ``history``; reentrant within this process."""

    def __init__(self, history: Path) -> None:
        """Name the lock file; nothing is created or imported until :meth:`acquire`."""
        self.history = history
        self.path = local_folder(history) / "lock"
        self._lock: FileLock | None = None

    def acquire(self, timeout: float) -> None:
        """Take the lock within ``timeout`` seconds: :class:`LockBusyError` if another process
        holds it that long, OSError if the lock file cannot be created."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            local_folder(self.history, create=True)
            self._lock = FileLock(str(self.path), mode=0o600)
            with contextlib.suppress(OSError):  # earlier versions' lock, in the synced folder
                os.unlink(self.history.with_name(self.history.name + ".lock"))
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout as error:
            raise LockBusyError(f"{self.path} is held by another process") from error

    def release(self) -> None:
        """Let go of the lock taken with :meth:`acquire`."""
        assert self._lock is not None
        self._lock.release()
