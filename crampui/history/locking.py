"""The lock beside a history (``<db>.lock``) that one writer at a time holds, across
processes.

filelock is imported when the lock is first taken, so a process that only reads a history
(the app at start-up, most commands) never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import FileLock


class LockBusyError(OSError):
    """Another process held the lock for longer than the time given."""


class WriterLock:
    """The lock file beside the history at ``history``; reentrant within this process."""

    def __init__(self, history: Path) -> None:
        """Name the lock file; nothing is created or imported until :meth:`acquire`."""
        self.path = history.with_name(history.name + ".lock")
        self._lock: FileLock | None = None

    def acquire(self, timeout: float) -> None:
        """Take the lock within ``timeout`` seconds: :class:`LockBusyError` if another process
        holds it that long, OSError if the lock file cannot be created."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.path))
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout as error:
            raise LockBusyError(f"{self.path} is held by another process") from error

    def release(self) -> None:
        """Let go of the lock taken with :meth:`acquire`."""
        assert self._lock is not None
        self._lock.release()
