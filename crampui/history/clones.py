"""Noticing that this computer's device id is also in use on another computer.

A cloned virtual machine or a copied config folder (even with the same machine id) brings
this computer's device id along, and both computers would then append to the same journal in
the synced folder. So after every append this computer notes, in its local folder (never
synced), how long its journal then was and a digest of the last line it wrote. Before the next
append (under the lock, so another crampui process of this computer has noted its own
append), a journal whose bytes at that length are no longer that line, or that has whole lines
after it, holds lines this computer never wrote: the id is shared, and this computer takes a
new one. Nothing is lost: what was saved under the old id stays in the folder and is merged
like any computer's. (A crampui killed between its append and its note also looks so: it then
takes a new id, which costs nothing.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

from crampui.history.engine import read_regular
from crampui.history.journal import journal_folder, own_segments
from crampui.locations import local_folder

_TAIL = 256 * 1024
"""The most bytes read back to find the last line noted (a line is far shorter)."""


def _note_path(path: Path, device: str) -> Path:
    """Where this computer notes its last append as ``device`` to the history at ``path``."""
    return local_folder(path) / f"appended-{device}"


def note_append(path: Path, device: str, journal: Path, end: int, last_line: bytes) -> None:
    """Note that ``journal`` (a segment) ended at ``end`` with ``last_line`` (best effort)."""
    digest = hashlib.sha256(last_line).hexdigest()
    note = f"{end} {digest} {journal.name}\n".encode("ascii", "replace")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(OSError):  # a hint, not fsynced: a save pays for one fsync only
        fd = os.open(local_folder(path, create=True) / f"appended-{device}", flags, 0o600)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.write(fd, note)
        finally:
            os.close(fd)


def forget_appends(path: Path, device: str) -> None:
    """Forget the last append (the journal was folded in and retired)."""
    with contextlib.suppress(OSError):
        os.unlink(_note_path(path, device))


def written_elsewhere(path: Path, device: str) -> bool:
    """Whether ``device``'s journal holds something else where this computer's last append
    ended, or segments after it: another computer wrote them under the same id. False when
    nothing was noted or the segment is gone (folded in, or not synced yet)."""
    try:
        note = (read_regular(_note_path(path, device), 300) or b"").decode("ascii").split()
        end, digest, journal = int(note[0]), note[1], journal_folder(path) / note[2]
        segments = own_segments(path, device)
        if journal in segments and segments[-1] != journal:
            return True
        if not stat.S_ISREG(os.lstat(journal).st_mode):
            return False  # a link or a FIFO in its place: the save refuses it
        with open(journal, "rb") as file:
            start = max(0, end - _TAIL)
            file.seek(start)
            data = file.read(end - start + _TAIL)
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return False
    ours, after = data[: end - start], data[end - start :]
    if len(ours) != end - start or not ours.endswith(b"\n") or b"\n" in after:
        return True  # cut, changed, or whole lines added after ours (a cut-short one is not)
    last = ours[:-1].rsplit(b"\n", 1)[-1] + b"\n"
    return hashlib.sha256(last).hexdigest() != digest
