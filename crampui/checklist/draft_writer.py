"""The checklist run in progress, written to the store off the UI thread (no Textual).

The pane queues the latest state after every change; a worker thread writes it. Only the
newest state is ever written (changes queued while a write runs make one more write), writes
never overlap, and :meth:`DraftWriter.write_pending` can be called once more on quit so
nothing queued is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from crampui.history import HistoryError, HistoryStore, ItemRecord


class DraftWriter:
    """Queue the run in progress and write the newest queued state to ``store``."""

    def __init__(self, store: HistoryStore) -> None:
        """Write drafts into ``store``."""
        self.store = store
        self._queued: tuple[tuple[ItemRecord, ...], str] | None = None
        self._queue_lock = threading.Lock()
        """Held only to swap the queued state, never during a write: queueing never waits."""
        self._write_lock = threading.Lock()
        """Held for a whole write, so two writes never overlap."""

    @property
    def pending(self) -> bool:
        """Whether a queued state is not written yet (or is being written)."""
        return self._queued is not None or self._write_lock.locked()

    def queue(self, items: Sequence[ItemRecord], note: str) -> None:
        """Remember ``items`` and ``note`` as the state to write next (replacing any queued)."""
        with self._queue_lock:
            self._queued = (tuple(items), note)

    def write_pending(self) -> None:
        """Write the newest queued state, if any; HistoryError if the store refuses it.

        A run with every item pending and no note is no draft: the stored one is cleared. The
        state is taken from the queue when the write begins, so a newer one queued meanwhile
        is left for the next call.
        """
        with self._write_lock:
            with self._queue_lock:
                queued, self._queued = self._queued, None
            if queued is None:
                return
            items, note = queued
            try:
                if note or any(record.state != "pending" for record in items):
                    self.store.save_draft(items, note)
                else:
                    self.store.clear_draft()
            except HistoryError:
                with self._queue_lock:  # keep it for the next try unless a newer one came
                    if self._queued is None:
                        self._queued = queued
                raise
