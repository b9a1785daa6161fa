"""The change journals beside a history: one append-only file per computer.

A history, whatever its size, is not rewritten for every change: each change is one line
appended (and fsynced) to this computer's journal, ``<db>.journal/<device>.jsonl``, and the
whole file is rewritten only now and then, when the journal is folded into it
(:func:`needs_compaction`: once the journal is both :data:`COMPACT_FROM_BYTES` and a quarter
of the file; deletes and explicit compaction fold it too). Each computer writes only its own
journal, so a sync tool never sees two computers change the same file between compactions.
A journal that was folded in is kept as ``<device>.prev.jsonl`` until the next
compaction: with the ``.bak`` of the main file it still holds every change, so restoring the
backup loses nothing.

A line is a one-record history, ``{"<table>": {"<key>": {...}}}``. Lines are checked one by one
when read; a last line without its newline (a writer killed mid-append, never acknowledged) is
ignored and cut off before the next append; any other bad line is skipped and counted.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crampui.history.codec import decode, encode
from crampui.history.conflicts import conflict_copies
from crampui.history.engine import FileTypeError, fsync_directory, regular_files
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.schema import MALFORMED, check_record, journaled_table

COMPACT_FROM_BYTES = int(os.environ.get("CRAMPUI_COMPACT_FROM_BYTES", 64 * 1024))
"""A journal is folded in only once it holds at least this many bytes (tests may lower it
through ``CRAMPUI_COMPACT_FROM_BYTES``)."""

COMPACT_FRACTION = 4
"""... and only once it is at least the main file's size divided by this."""

SUFFIX = ".jsonl"
PREVIOUS = ".prev"

MAX_JOURNAL_BYTES = 64 * 1024 * 1024
"""A journal larger than this is not read (crampui folds them in long before)."""


def journal_folder(path: Path) -> Path:
    """The folder holding the journals of the history at ``path``."""
    return path.with_name(path.name + ".journal")


def journal_file(path: Path, device: str) -> Path:
    """This computer's journal of the history at ``path``."""
    return journal_folder(path) / f"{device}{SUFFIX}"


SEGMENT_BYTES = 8 * 1024
"""A journal segment this large is full: the next save starts the next one, so what a sync
tool resends after a save (the file it changed) stays a few KiB."""


def own_segments(path: Path, device: str) -> list[Path]:
    """``device``'s journal segments not folded in yet, oldest first: ``<device>.jsonl``, then
    ``<device>.1.jsonl``, ``<device>.2.jsonl``..."""
    numbered: list[tuple[int, Path]] = []
    for file in journal_files(path):
        stem = file.name.removesuffix(SUFFIX)
        number = stem.removeprefix(device + ".")
        if stem == device:
            numbered.append((0, file))
        elif number != stem and number.isdigit() and len(number) < 9:
            numbered.append((int(number), file))
    return [file for _, file in sorted(numbered)]


def current_segment(path: Path, device: str) -> Path:
    """The segment ``device``'s next change goes to (a new one once the last is full)."""
    segments = own_segments(path, device)
    if not segments:
        return journal_file(path, device)
    last = segments[-1]
    if last.stat().st_size < SEGMENT_BYTES:
        return last
    number = len(segments) if last == journal_file(path, device) else _number(last) + 1
    return journal_folder(path) / f"{device}.{number}{SUFFIX}"


def _number(segment: Path) -> int:
    """The number of a segment ``<device>.<n>.jsonl``."""
    return int(segment.name.removesuffix(SUFFIX).rsplit(".", 1)[1])


def journal_files(path: Path) -> list[Path]:
    """Every journal beside the history at ``path`` (every computer's, folded ones too).

    Only regular files (not symlinks, FIFOs, directories or devices) of at most
    :data:`MAX_JOURNAL_BYTES` count; anything else in the folder is left alone.
    """
    return regular_files(
        journal_folder(path), lambda name: name.endswith(SUFFIX), MAX_JOURNAL_BYTES
    )


def encode_change(table: str, key: str, doc: Mapping[str, Any]) -> bytes:
    """One journal line for the new version ``doc`` of record ``key`` in ``table``."""
    return encode({table: {key: doc}}) + b"\n"


@dataclass(frozen=True)
class Change:
    """One record's new version, read from a journal."""

    table: str
    key: str
    doc: dict[str, Any]


@dataclass(frozen=True)
class JournalRead:
    """What one read of a journal found: its changes, where it ends, how many lines were bad."""

    changes: tuple[Change, ...]
    end: int
    """The offset just after the last complete line: the next read starts here."""
    bad_lines: int


def read_changes(file: Path, start: int = 0) -> JournalRead:
    """The complete lines of ``file`` from byte ``start`` on, each one checked.

    OSError if the file cannot be read (FileTypeError if it is not a regular file).
    """
    _check_own(file)
    with open(file, "rb") as handle:
        handle.seek(start)
        data = handle.read(max(0, MAX_JOURNAL_BYTES - start))
    end = data.rfind(b"\n") + 1
    changes: list[Change] = []
    bad = 0
    for line in data[:end].splitlines():
        change = _parse(line)
        if change is None:
            bad += 1
        else:
            changes.append(change)
    return JournalRead(tuple(changes), start + end, bad)


def _parse(line: bytes) -> Change | None:
    """The change on one line, or None if the line is not a valid change."""
    try:
        ((table, records),) = decode(line).items()
        ((key, doc),) = records.items()
        if not (isinstance(doc, dict) and journaled_table(table, key)):
            return None
        check_record(table, key, doc)
        encode(doc)  # a lone surrogate would refuse every later save
    except (*MALFORMED, UnreadableError, HistoryError):
        return None
    return Change(table, key, doc)


def append_changes(file: Path, payload: bytes) -> int:
    """Append ``payload`` (whole lines) to ``file`` durably; return the file's new size.

    A last line cut short by a killed writer is removed first. OSError if the disk refuses;
    the journal is then cut back to what it held (or, if even that fails, holds at most a
    cut-short line, which every reader ignores).
    """
    created = not os.path.lexists(file)
    if created:
        file.parent.mkdir(exist_ok=True)
    _check_own(file.parent)
    if not created:
        _check_own(file)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(file, flags, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size:
            size = _cut_partial_line(fd, size)
        os.lseek(fd, size, os.SEEK_SET)
        try:
            written = 0
            while written < len(payload):
                written += os.write(fd, payload[written:])
            os.fsync(fd)
        except OSError:  # a save that failed leaves nothing a reader would take for it
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_directory(file.parent)
    return size + len(payload)


def _check_own(path: Path) -> None:
    """FileTypeError if ``path`` is a symlink or not a regular file (a folder: not a folder).

    A journal is never read or written through a link, so a link placed there cannot make
    crampui change a file elsewhere.
    """
    mode = os.lstat(path).st_mode
    wanted = stat.S_ISDIR if path.suffix != SUFFIX else stat.S_ISREG
    if stat.S_ISLNK(mode) or not wanted(mode):
        raise FileTypeError(errno.EINVAL, "it is a link or not a regular file", str(path))


def _cut_partial_line(fd: int, size: int) -> int:
    """Truncate a last line that has no newline; return the size that is left."""
    tail = os.pread(fd, min(size, 1 << 16), max(0, size - (1 << 16)))
    if tail.endswith(b"\n"):
        return size
    keep = size - len(tail) + tail.rfind(b"\n") + 1
    if tail.rfind(b"\n") < 0 and size > len(tail):  # one enormous partial line
        keep = _last_newline_before(fd, size - len(tail)) + 1
    os.ftruncate(fd, keep)
    return keep


def _last_newline_before(fd: int, offset: int) -> int:
    """The offset of the last newline before ``offset`` (-1 if there is none)."""
    while offset > 0:
        start = max(0, offset - (1 << 16))
        chunk = os.pread(fd, offset - start, start)
        found = chunk.rfind(b"\n")
        if found >= 0:
            return start + found
        offset = start
    return -1


def needs_compaction(journal_size: int, main_size: int) -> bool:
    """Whether a journal of ``journal_size`` bytes should be folded into the main file: only
    when it is large both absolutely and next to the file, so the shared file is rarely
    rewritten (and two computers rarely rewrite it while apart)."""
    return journal_size >= COMPACT_FROM_BYTES and journal_size * COMPACT_FRACTION >= main_size


def folded(file: Path) -> Path:
    """Where the journal ``file`` is kept once folded in: ``<device>.prev.jsonl``."""
    return file.with_name(file.name.removesuffix(SUFFIX) + PREVIOUS + SUFFIX)


def folded_segments(path: Path, device: str) -> list[Path]:
    """``device``'s segments kept since its last fold (``<device>[.<n>].prev.jsonl``)."""
    folder = journal_folder(path)
    return [
        file
        for file in journal_files(path)
        if file.name.endswith(PREVIOUS + SUFFIX)
        and file.name.split(".")[0] == device
        and file.parent == folder
    ]


def retire(path: Path, device: str, read: Mapping[Path, tuple[int, int, int]]) -> None:
    """Once ``device``'s store was rewritten: keep its journal segments, just folded in, as
    ``<device>[.<n>].prev.jsonl`` (replacing the last ones), and remove the sync tools'
    conflict copies of any journal that were ``read`` whole (device, inode, size): the store
    holds them now."""
    for journal in journal_files(path):
        for copy in conflict_copies(journal):
            info = os.stat(copy)
            if read.get(copy) == (info.st_dev, info.st_ino, info.st_size):
                os.unlink(copy)
    segments = own_segments(path, device)
    if not segments:
        return
    for old in folded_segments(path, device):
        os.unlink(old)
    for file in segments:
        os.replace(file, folded(file))
    fsync_directory(journal_folder(path))


def signature(path: Path) -> tuple[int, ...] | None:
    """What changes whenever ``path`` is replaced or written (None if it does not exist)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
