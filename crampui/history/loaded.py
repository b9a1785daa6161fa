"""The history as last read by this process: the main file with every journal replayed on it.

:class:`Loaded` is kept between calls and brought up to date from what changed on disk: if the
main file is the same file (same inode, size, times), only the journal lines added since are
read; otherwise it is read again. It also keeps what the store looks up often (the number of
each session, the episodes of each session), so a save does not walk the whole history.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from crampui.history.codec import FIELD_GROUPS
from crampui.history.engine import read_regular
from crampui.history.fieldmerge import merge_docs, record_stamp
from crampui.history.hlc import NEVER
from crampui.history.journal import Change, journal_files, read_changes
from crampui.history.schema import DRAFT, EPISODES, RECORD_TABLES, SESSIONS
from crampui.history.versions import display_numbers, is_deleted
from crampui.locations import local_folder

Layout = tuple[object, ...]
"""The signatures of a history's main file and stores (see :mod:`.stores`)."""

CHECKED = 0
"""The number in :attr:`Loaded.built` of a session the whole-file check built (numbered 1,
without its episodes)."""

_SERIALS = itertools.count(1)
"""Numbers each :class:`Loaded`, so a revision from one is never mistaken for another's."""


def file_id(path: Path) -> tuple[int, int, int] | None:
    """A journal's (device, inode, size), or None if it does not exist."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino, info.st_size)


@dataclass
class Loaded:
    """The current tables and where on disk they came from."""

    tables: dict[str, Any]
    main: Layout | None
    """The signatures of the main file and stores when they were read (None: not files)."""
    offsets: dict[Path, tuple[int, int, int]] = field(default_factory=dict)
    """Each journal read: its (device, inode) and how far it has been read."""
    bad_lines: int = 0
    shown: dict[str, int] = field(default_factory=dict)
    """The numbers sessions were given on this computer before (they keep them)."""
    on_numbered: Callable[[dict[str, int]], None] | None = None
    """Called with the numbers given to sessions that had none here yet (to keep them)."""
    _numbers: dict[str, int] | None = None
    _by_number: dict[int, str] = field(default_factory=dict)
    _top: int = 0
    _owners: dict[str, list[str]] | None = None
    built: dict[str, tuple[dict[str, Any], int, Any]] = field(default_factory=dict)
    """Sessions already built, by uid, with the document and number they were built from:
    the store reuses one while its document is the very same object (cleared when an
    episode changes, since a session holds its episodes)."""
    serial: int = field(default_factory=lambda: next(_SERIALS))
    applied: int = 0
    """How many changes have been taken since :attr:`tables` were read."""
    _latest: tuple[str, str] | None = None
    """The latest record stamp not after a limit, and that limit (see :meth:`latest_stamp`)."""

    @property
    def revision(self) -> tuple[int, int]:
        """Equal for two reads of the same tables with no change taken in between."""
        return (self.serial, self.applied)

    def replay(self, files: list[Path]) -> bool:
        """Apply the journal lines not applied yet; False if a journal was replaced or cut."""
        if any(known not in files for known in self.offsets):
            return False
        for file in files:
            known, now = self.offsets.get(file), file_id(file)
            if now is None:
                continue
            start = 0
            if known is not None:
                if known[:2] != now[:2] or now[2] < known[2]:
                    return False
                if now[2] == known[2]:
                    continue
                start = known[2]
            found = read_changes(file, start)
            for change in found.changes:
                self.apply(change)
            self.bad_lines += found.bad_lines
            self.offsets[file] = (*now[:2], found.end)
        return True

    def from_check(self, checked: dict[str, Any]) -> None:
        """Take the sessions the whole-file check built (see :func:`.schema.validate`): each
        is used for its document, numbered and given its episodes (:data:`CHECKED`)."""
        for uid, (doc, session) in checked.items():
            self.built.setdefault(uid, (doc, CHECKED, session))
        checked.clear()

    def apply(self, change: Change) -> None:
        """Merge ``change`` into the version held, field by field."""
        table = self.tables.setdefault(change.table, {})
        old = table.get(change.key)
        doc = change.doc if old is None else merge_docs(old, change.doc, FIELD_GROUPS)
        if doc == old:
            return
        table[change.key] = doc
        self.applied += 1
        self._saw(doc)
        if change.table == EPISODES:
            self._owners = None
            self.built.clear()
        elif change.table == SESSIONS and self._numbers is not None:
            self._session_changed(change.key, doc["seq"], old)

    def _session_changed(self, uid: str, seq: int, old: dict[str, Any] | None) -> None:
        """Keep the numbers up to date when a session is added after all others."""
        assert self._numbers is not None
        if old is not None and old.get("seq") == seq:
            return
        if old is None and seq > self._top:
            self._numbers[uid] = self._top = seq
            self._by_number[seq] = uid
            self._keep({uid: seq})
        else:
            self._numbers = None

    def latest_stamp(self, limit: str) -> str:
        """The latest stamp of any record whose ``changed_at`` is not after ``limit`` (an
        ISO time): what this device has seen, far-future stamps left out."""
        if self._latest is None or self._latest[1] != limit:
            latest, newest = "", None
            for name in (*RECORD_TABLES, DRAFT):
                for doc in self.tables.get(name, {}).values():
                    moment = doc.get("changed_at")
                    if isinstance(moment, str) and latest < moment <= limit:
                        latest, newest = moment, doc
            self._latest = (NEVER if newest is None else record_stamp(newest), limit)
        return self._latest[0]

    def _saw(self, doc: dict[str, Any]) -> None:
        """Keep :meth:`latest_stamp` up to date with a document just taken (stamps only grow)."""
        if self._latest is not None:
            found, limit = self._latest
            moment = doc.get("changed_at")
            if isinstance(moment, str) and found[: len(moment)] < moment <= limit:
                self._latest = (record_stamp(doc), limit)

    def numbers(self) -> dict[str, int]:
        """This computer's number for every session uid (see ``display_numbers``)."""
        if self._numbers is None:
            self._numbers = display_numbers(self.tables.get(SESSIONS, {}), self.shown)
            self._by_number = {number: uid for uid, number in self._numbers.items()}
            self._top = max(self._by_number, default=0)
            self._keep({u: n for u, n in self._numbers.items() if self.shown.get(u) != n})
        return self._numbers

    def _keep(self, new: dict[str, int]) -> None:
        """Note ``new`` numbers as given here, so they stay."""
        if new:
            self.shown.update(new)
            if self.on_numbered is not None:
                self.on_numbered(new)

    def uid_of(self, number: int) -> str | None:
        """The uid of the session numbered ``number`` (deleted ones included), if any."""
        self.numbers()
        return self._by_number.get(number)

    def top_number(self) -> int:
        """The highest number given to a session so far (0 for none)."""
        self.numbers()
        return self._top

    def owners(self) -> dict[str, list[str]]:
        """The uids of the live episodes of each session, by session uid (a new dictionary
        after any change to an episode, so one handed out is never changed)."""
        if self._owners is None:
            owners: dict[str, list[str]] = {}
            for uid, doc in self.tables.get(EPISODES, {}).items():
                owner = doc.get("session")
                if owner is not None and not is_deleted(doc):
                    owners.setdefault(owner, []).append(uid)
            self._owners = owners
        return self._owners

    def episodes_of(self, session_uid: str) -> list[str]:
        """The uids of the live episodes recorded in the session ``session_uid``."""
        return self.owners().get(session_uid, [])


NUMBERS_FILE = "numbers"
"""The numbers sessions were shown with on this computer: one ``<uid> <number>`` a line."""

MAX_NUMBERS_BYTES = 16 * 1024 * 1024
"""The largest numbers file read (100,000 sessions take about 4 MB)."""


def shown_numbers(path: Path) -> dict[str, int]:
    """The number each session of the history at ``path`` was first given on this computer
    (lines that are not ``<uid> <number>`` are skipped; {} if the file cannot be read)."""
    try:
        raw = read_regular(local_folder(path) / NUMBERS_FILE, MAX_NUMBERS_BYTES) or b""
    except OSError:
        return {}
    numbers: dict[str, int] = {}
    for line in raw.decode("ascii", "replace").splitlines():
        uid, _, number = line.partition(" ")
        if len(uid) == 32 and number.isdigit() and 0 < len(number) < 10:
            numbers.setdefault(uid, int(number))
    return numbers


def keep_numbers(path: Path, numbers: dict[str, int]) -> None:
    """Add ``numbers`` to the ones shown on this computer (best effort, private, appended)."""
    lines = "".join(f"{uid} {number}\n" for uid, number in numbers.items()).encode("ascii")
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(OSError):
        fd = os.open(local_folder(path, create=True) / NUMBERS_FILE, flags, 0o600)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.write(fd, lines)
        finally:
            os.close(fd)


def load_journals(
    tables: dict[str, Any],
    main: Layout | None,
    path: Path,
    shown: dict[str, int],
) -> Loaded:
    """The main file's ``tables`` with every journal beside ``path`` replayed on them,
    numbered as ``shown`` on this computer (see :func:`shown_numbers`), new numbers kept."""
    loaded = Loaded(tables, main, shown=shown, on_numbered=partial(keep_numbers, path))
    loaded.replay(journal_files(path))
    return loaded
