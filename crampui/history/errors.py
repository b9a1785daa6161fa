"""The errors the history store raises; every other failure is turned into one of these."""

from __future__ import annotations


class HistoryError(Exception):
    """The history cannot be read or the change cannot be stored; the message says why."""


class HistoryWriteError(HistoryError):
    """Saving failed (disk full, read-only, no permission); the message says what was kept."""


class UnreadableError(Exception):
    """A file (or backup) is not a history this version can use; ``str()`` says why.

    Internal: the store answers it by recovering, never by passing it on.
    """
