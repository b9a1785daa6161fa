"""Bringing other copies of the history in: sync-tool conflict copies and files named by hand.

On every open, the conflict copies a sync tool left beside the history (see
:mod:`crampui.history.conflicts`) are merged in and moved out of the synced folder into
``merged/`` in this computer's local folder (where copies older than 30 days are then removed);
:attr:`SyncedFile.sync_notice` says in one line what came in. A copy that is unreadable or
from a newer crampui is left where it is, and the notice says why. Merging is
:func:`crampui.history.merge.merge_tables`, so nothing is ever added twice.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from crampui.clock import utc_now
from crampui.history.conflicts import conflict_copies
from crampui.history.database import HistoryFile
from crampui.history.engine import aside_path, fsync_directory, keep_copy
from crampui.history.errors import HistoryError
from crampui.history.fieldmerge import DEVICE
from crampui.history.journal import journal_files
from crampui.history.loaded import Loaded
from crampui.history.merge import VERSIONED, MergeSummary, merge_tables, summarise
from crampui.history.stores import read_copy, store_conflict_copies, store_files
from crampui.locations import local_folder

MERGED_FOLDER = "merged"
"""The folder merged conflict copies are kept in (earlier versions kept it beside the
history)."""

KEEP_MERGED = timedelta(days=30)
"""How long a merged copy is kept (its content is in the history): older ones are removed when
copies are merged again."""


class SyncedFile(HistoryFile):
    """A history file that takes in the copies other computers or sync tools left."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] = utc_now,
        device: str | None = None,
    ) -> None:
        """Open the history at ``path`` and merge any conflict copies beside it.

        ``device`` names this computer in every change (default: the id in the config dir,
        created on the first save).
        """
        self.sync_notice: str | None = None
        """Set when conflict copies were found: what was merged, or why a copy was not."""
        self._others_seen: tuple[tuple[int, int], dict[str, Any]] | None = None
        """The revision and the other computers' records last seen by :meth:`take_in`."""
        super().__init__(path, clock=clock, device=device)
        copies = self._conflict_copies()
        if copies:
            self.sync_notice = self._merge_conflict_copies(copies)

    def take_in(self) -> tuple[bool, str | None]:
        """For an open app, now and then: merge conflict copies that have appeared, and see what
        other computers changed since the last call (the first call only looks).

        Returns whether the history changed, and a notice of what came in (None: nothing).
        Reads the disk: call it off the UI thread.
        """
        copies = self._conflict_copies()
        notice = self._merge_conflict_copies(copies) if copies else None
        with self.transaction(write=False) as db:
            tables = db.storage.read() or {}
            assert self._loaded is not None
            revision = self._loaded.revision
            if self._others_seen is not None and self._others_seen[0] == revision:
                return False, notice
            others = {
                name: {
                    k: doc
                    for k, doc in tables.get(name, {}).items()
                    if doc.get(DEVICE) != self._device
                }
                for name in VERSIONED
            }
        before, self._others_seen = self._others_seen, (revision, others)
        if before is None:
            return False, notice
        summary = summarise(before[1], others, self._now())
        if summary.anything and notice is None:
            notice = f"From another computer: {summary.describe()}."
        return True, notice

    def _conflict_copies(self) -> list[Path]:
        """The sync tools' conflict copies of the history, of any store and of the ``.bak``
        earlier versions kept beside it (a history too); those of its ``.lock`` (empty) are
        removed."""
        for copy in conflict_copies(self.path.with_name(self.path.name + ".lock")):
            with contextlib.suppress(OSError):
                os.unlink(copy)
        backup = self.path.with_name(self.path.name + ".bak")
        return [
            *conflict_copies(self.path),
            *conflict_copies(backup),
            *store_conflict_copies(self.path),
        ]

    def merge_file(self, other: Path) -> MergeSummary:
        """Merge another crampui history (the file, the stores and the journals beside it) into
        this one; HistoryError if it cannot be."""
        theirs = read_history(other)
        with self.transaction() as db:
            tables = dict(db.storage.read() or {})
            merged = merge_tables(tables, theirs)
            summary = summarise(tables, merged, self._now())
            if summary.anything:
                db.storage.write(merged)
        return summary

    def _merge_conflict_copies(self, copies: list[Path]) -> str:
        """Merge ``copies`` in one write, move them away; the notice for the user."""
        problems: list[str] = []
        taken: list[Path] = []
        try:
            with self.transaction() as db:
                before = dict(db.storage.read() or {})
                tables = before
                for copy in copies:
                    try:
                        tables = merge_tables(tables, read_copy(copy))
                        taken.append(copy)
                    except HistoryError as error:
                        problems.append(str(error))
                summary = summarise(before, tables, self._now())
                if summary.anything:
                    db.storage.write(tables)
        except HistoryError as error:
            return f"Conflict copies beside {self.path.name} could not be merged: {error}"
        notices = [self._merged_notice(summary, taken)] if taken else []
        return " ".join([*notices, *problems])

    def _merged_notice(self, summary: MergeSummary, taken: list[Path]) -> str:
        """Move the merged copies out of the synced folder, into this computer's ``merged/``
        (private), and say what came in."""
        folder = merged_folder(self.path)
        left: list[str] = []
        for copy in taken:
            try:
                local_folder(self.path, create=True)
                folder.mkdir(mode=0o700, exist_ok=True)
                if os.path.islink(folder) or not folder.is_dir():  # never move copies away
                    raise NotADirectoryError(folder)
                target = folder / copy.name
                if os.path.lexists(target):
                    target = aside_path(target, "again", self._now())
                keep_copy(copy, target, private=True)
                os.unlink(copy)
            except OSError:
                left.append(copy.name)
        fsync_directory(self.path.parent)
        if not left:
            since = self._now() - KEEP_MERGED
            prune_merged(folder, {copy.name for copy in taken}, since)
            prune_merged(self.path.parent / MERGED_FOLDER, set(), since)  # earlier versions'
        copies = "a copy" if len(taken) == 1 else f"{len(taken)} copies"
        what = summary.describe() if summary.anything else "Nothing new"
        kept = f"kept on this computer for {KEEP_MERGED.days} days, in {folder}"
        where = kept if not left else f"could not move {', '.join(left)}"
        return f"{what} merged from {copies} made by your sync tool ({where})."


def merged_folder(path: Path) -> Path:
    """Where this computer keeps the conflict copies merged into the history at ``path``."""
    return local_folder(path) / MERGED_FOLDER


def prune_merged(folder: Path, keep: set[str], before: datetime) -> None:
    """Remove the regular files in ``folder`` last modified before ``before``, except ``keep``
    (best effort: a file that cannot be removed stays)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            info = entry.stat(follow_symlinks=False)
            old = datetime.fromtimestamp(info.st_mtime, timezone.utc) < before
            if old and entry.name not in keep and stat.S_ISREG(info.st_mode):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        os.rmdir(folder)  # only once empty


def read_history(path: Path) -> dict[str, Any]:
    """The whole history at ``path`` (main file, stores and journals) merged; HistoryError if
    the main file or a store cannot be read."""
    tables = read_copy(path)
    for store in store_files(path):
        tables = merge_tables(tables, read_copy(store))
    with_journals = Loaded(tables, None)
    with_journals.replay(journal_files(path))
    return with_journals.tables
