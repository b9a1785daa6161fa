"""Durable files: bounded reads of regular files only, atomic writes, backups, write errors.

Used by the history store and by :mod:`crampui.settings`. A write goes to a temporary file in
the same directory, is flushed and fsynced, replaces the target with ``os.replace``, then the
directory is fsynced; the target is never rewritten in place and never anything but a regular
file (a device node, FIFO or directory at the path is refused, not replaced).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from crampui.history.errors import HistoryWriteError


class FileTypeError(OSError):
    """The path exists but is not a regular file (a directory, FIFO, device or socket)."""


class FileTooLargeError(OSError):
    """The file is larger than the caller is willing to read."""


class ReadOnlyFileError(PermissionError):
    """The file's owner took away its write permission: it was made read-only on purpose."""


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    """What kind of file ``mode`` describes, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_regular(path: Path) -> bool:
    """Whether ``path`` exists; FileTypeError if it exists and is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise FileTypeError(errno.EINVAL, f"it is {_kind(mode)}, not a regular file", str(path))
    return True


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path``, or None if there is no such file.

    Never opens anything but a regular file (so a FIFO cannot hang and a device is never
    read), and never reads more than ``limit`` bytes (FileTooLargeError above it).
    """
    if not check_regular(path):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped between the check and the open
            raise FileTypeError(errno.EINVAL, f"it is {_kind(info.st_mode)}", str(path))
        data = file.read(limit + 1) if info.st_size <= limit else b""
        if info.st_size > limit or len(data) > limit:
            raise FileTooLargeError(errno.EFBIG, f"it is over {limit:,} bytes", str(path))
    return data


def regular_files(folder: Path, accept: Callable[[str], object], limit: int) -> list[Path]:
    """The regular files in ``folder`` (not links, FIFOs, folders or devices) whose names
    ``accept`` takes, of at most ``limit`` bytes, sorted by name; none if ``folder`` is not a
    folder. Anything else in it is left alone."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if accept(entry.name)
            and entry.is_file(follow_symlinks=False)
            and entry.stat(follow_symlinks=False).st_size <= limit
        )
    except OSError:
        return []
    return [folder / name for name in names]


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_name(path: Path) -> Path:
    """A fresh hidden name beside ``path`` that :func:`remove_orphans` recognises."""
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def orphans(path: Path) -> Iterator[Path]:
    """Temporary files beside ``path`` (a writer's, or left by one that was killed)."""
    return path.parent.glob(f".{path.name}.*.tmp")


def remove_orphans(path: Path) -> None:
    """Delete temporary files left beside ``path`` by a writer that was killed (hold the lock)."""
    for orphan in orphans(path):
        with contextlib.suppress(OSError):
            orphan.unlink()


def keep_copy(path: Path, copy: Path, *, private: bool = False) -> None:
    """Atomically make ``copy`` a copy of ``path`` (a hard link when the filesystem allows);
    with ``private``, one only its owner may read (copied rather than linked if need be)."""
    staged = temp_name(copy)
    try:
        try:
            if private and stat.S_IMODE(os.stat(path).st_mode) != 0o600:
                raise PermissionError(errno.EACCES, "a link would not be private", str(path))
            os.link(path, staged)
        except OSError:
            import shutil  # rarely needed: a read never imports it

            shutil.copyfile(path, staged)
            if private:
                os.chmod(staged, 0o600)
            with open(staged, "rb") as file:
                os.fsync(file.fileno())
        os.replace(staged, copy)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


def _has_content(path: Path) -> bool:
    """Whether ``path`` exists and is not empty (an empty file is not worth backing up)."""
    try:
        return os.stat(path).st_size > 0
    except FileNotFoundError:
        return False


def check_writable(path: Path) -> None:
    """ReadOnlyFileError if ``path`` is a file its owner may not write (mode 444: made
    read-only on purpose, which a save must respect even where it could replace the file)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise ReadOnlyFileError(errno.EACCES, "the file is read-only", str(path))


def atomic_write(path: Path, payload: bytes, backup: Path | None = None) -> None:
    """Replace ``path`` with ``payload`` atomically; keep the old file as ``backup`` if given.

    The new file keeps the old one's mode, and its owner and group where this process may set
    them (root may); a new file is private (0600). Raises OSError (FileTypeError if ``path``
    is not a regular file, ReadOnlyFileError if it was made read-only) with ``path`` unchanged
    and no temporary file left behind.
    """
    check_regular(path)
    check_writable(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            _keep_mode_and_owner(path, file.fileno())
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        if backup is not None and _has_content(path):
            keep_copy(path, backup, private=True)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_directory(path.parent)


def _keep_mode_and_owner(path: Path, fd: int) -> None:
    """Give the open file ``fd`` the mode of ``path``, and its owner and group where allowed.

    Only a regular file passes these on: a link in ``path``'s place is replaced by a private
    file, never given its target's mode or owner.
    """
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(old.st_mode):
        return
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file to someone else
            os.fchown(fd, old.st_uid, old.st_gid)


def aside_path(path: Path, kind: str, moment: datetime) -> Path:
    """A new ``<path>.<kind>-<UTC stamp>`` path that does not exist yet, e.g. ``.corrupt-…Z``."""
    stamp = moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.{kind}-{stamp}")
    candidate, number = base, 1
    while os.path.lexists(candidate):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def resolve_link(path: Path) -> Path:
    """The file a symlink at ``path`` points to (followed to the end), else ``path`` itself.

    Writes then replace the target, so the link keeps working and a synced or shared target
    keeps receiving them.
    """
    return Path(os.path.realpath(path)) if path.is_symlink() else path


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM}


def write_error(
    path: Path, error: OSError, kept: str = "Your data is unchanged"
) -> HistoryWriteError:
    """A HistoryWriteError explaining ``error`` in words the user can act on.

    ``kept`` says what state the files were left in; the default is only true when nothing was
    changed.
    """
    reason = error.strerror or str(error)
    if isinstance(error, ReadOnlyFileError):
        advice = f"to save, make it writable (chmod u+w {path.name})"
    elif error.errno in _DISK_FULL:
        advice = "try again after freeing space"
    elif error.errno == errno.EROFS:
        advice = "the disk is read-only; use --db to save elsewhere"
    elif error.errno in _NOT_ALLOWED:
        advice = f"check that you may write to {path.parent}"
    else:
        advice = "try again"
    return HistoryWriteError(f"Could not save to {path}: {reason}. {kept}; {advice}.")
