"""The TinyDB storage behind the history: every write atomic, bounded and schema-stamped."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from crampui.history.codec import decode, encode
from crampui.history.engine import atomic_write, read_regular, write_error
from crampui.history.errors import HistoryError, HistoryWriteError, UnreadableError
from crampui.history.journal import Change
from crampui.history.schema import META, SCHEMA_VERSION, SINGLETON

SCHEMA_STAMP = {META: {str(SINGLETON): {"schema_version": SCHEMA_VERSION}}}
"""What a written history's ``meta`` table holds at least."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest history file read or written (100,000 sessions take about 26 MB)."""


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites the file in place.

    Each ``write`` serialises (refusing NaN, infinity, non-JSON values and files over
    :data:`MAX_FILE_BYTES`), writes a temporary file beside the database, fsyncs it, keeps the
    previous file as ``backup``, replaces the database with ``os.replace`` and fsyncs the
    directory. ``data`` is what the caller already loaded under its lock, so a transaction
    parses the file once. ``on_write`` is called with the bytes and tables of each successful
    write. :meth:`put` saves changed records; with a ``journal`` (see
    :meth:`crampui.history.database.HistoryFile._journal`) they may be appended to it instead
    of rewriting the file. A
    ``read_only`` storage refuses to write (reads take no lock). With ``stamp_schema`` (the
    default, which the history uses) each write also stamps the ``meta`` table with the schema
    version when the tables have none; ``stamp_schema=False`` makes it a plain TinyDB storage
    that writes exactly the tables it is given (TinyDB's own test suite runs it so).
    """

    def __init__(
        self,
        path: Path,
        *,
        data: dict[str, Any] | None = None,
        backup: Path | None = None,
        on_write: Callable[[bytes, dict[str, Any]], None] | None = None,
        journal: Callable[[list[Change]], str] | None = None,
        read_only: bool = False,
        stamp_schema: bool = True,
    ) -> None:
        """Store at ``path``; ``data`` is the current content if the caller has read it."""
        super().__init__()
        self.path = path
        self.backup = backup
        self._data = data
        self._on_write = on_write
        self._journal = journal
        self._read_only = read_only
        self._stamp_schema = stamp_schema

    def read(self) -> dict[str, Any] | None:
        """The current tables (None for a new, empty database)."""
        if self._data is None:
            try:
                raw = read_regular(self.path, MAX_FILE_BYTES)
                self._data = decode(raw) if raw else None
            except (OSError, UnreadableError) as error:
                raise HistoryError(f"Could not read {self.path} again ({error}).") from error
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Durably replace the file with ``data``; HistoryWriteError if the disk refuses."""
        if self._read_only:
            raise HistoryError(
                "A read-only history transaction tried to save; nothing was written."
            )
        self._data = None  # TinyDB changed the tables in place: re-read if this write fails
        payload = encode({**SCHEMA_STAMP, **data} if self._stamp_schema else data)
        if len(payload) > MAX_FILE_BYTES:
            raise HistoryWriteError(
                f"Could not save to {self.path}: the history would be larger than "
                f"{MAX_FILE_BYTES // 2**20} MiB. Your data is unchanged; delete old sessions."
            )
        try:
            atomic_write(self.path, payload, self.backup)
        except OSError as error:
            raise write_error(self.path, error) from error
        self._data = data
        if self._on_write is not None:
            self._on_write(payload, data)

    def put(
        self, changes: Sequence[tuple[str, str, dict[str, Any]]], *, rewrite: bool = False
    ) -> None:
        """Save new versions of records (``(table, key, doc)``), in one durable step; with
        ``rewrite``, by rewriting the file whatever its size (so what they replace is gone)."""
        if self._read_only:
            raise HistoryError(
                "A read-only history transaction tried to save; nothing was written."
            )
        wanted = [Change(table, key, doc) for table, key, doc in changes]
        how = "full" if self._journal is None or rewrite else self._journal(wanted)
        if how == "journaled":
            return
        if how == "compact":
            current = self.read()
            assert current is not None
            with contextlib.suppress(HistoryError):  # the changes are safe in the journal
                self.write(current)
            return
        tables = dict(self.read() or {})
        for change in wanted:
            tables[change.table] = {**tables.get(change.table, {}), change.key: change.doc}
        self.write(tables)

    def close(self) -> None:
        """Forget the loaded data."""
        self._data = None
