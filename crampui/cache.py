"""crampui's user cache: one folder, one reader, one writer, one key (no Textual).

A cache is only a cache. Reading one never follows a link, never waits on a FIFO and never
reads more than :data:`MAX_BYTES`; any problem (not a regular file, unreadable, too large,
not JSON, another crampui version) is a miss, silently, and the caller checks the types of
what it gets. Writing one goes through the history engine's atomic writer (``mkstemp`` +
rename, so mode 0600) into a folder kept at mode 0700; a failure is ignored. File names carry
:data:`FORMAT`. No health text is ever cached (no note, severity, place or red-flag answer):
today only the status line (:mod:`crampui.insights.status_cache`), what the app's launch checks
found (:mod:`crampui.insights.launch_cache`: counts, dates, numbers, yes/no) and the signatures
of checked history files (:mod:`crampui.history.checked`) are kept.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import platformdirs

from crampui import __version__
from crampui.locations import APP_NAME, ENV_CONFIG_DIR, ENV_DB

FORMAT = 2
"""Part of every cache file's name; raise it when what the files hold changes meaning."""

MAX_BYTES = 64 * 1024
"""No cache file is read or written beyond this size."""

ENVIRONMENT = (ENV_DB, ENV_CONFIG_DIR, "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME", "TZ")
"""The variables that choose the files or change local dates."""

OLD_FILES = (
    "history.json-answer",
    "status",
    "content-answers.json",
    "search-index.bin",
    "content-validated.json",
    "checked-histories.json",
)
"""What earlier versions cached (one held a full copy of the history): removed on write."""


def folder() -> Path:
    """crampui's folder in the user cache (``platformdirs.user_cache_dir``)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def cache_file(name: str) -> Path:
    """The file that holds the cache called ``name``."""
    return folder() / f"{name}-v{FORMAT}.json"


def read(name: str) -> object:
    """The value saved as ``name`` by this crampui version, or None on any problem (the caller
    checks its types). No ``typing`` import: this is on ``crampui status``'s fast path."""
    flags = os.O_RDONLY
    for flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"):  # where the platform has them
        flags |= getattr(os, flag, 0)
    try:
        fd = os.open(cache_file(name), flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = os.read(fd, MAX_BYTES + 1)
        saved = json.loads(data) if len(data) <= MAX_BYTES else None
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    if not isinstance(saved, dict) or saved.get("version") != __version__:
        return None
    return saved.get("value")


def write(name: str, value: object) -> None:
    """Save ``value`` (JSON-ready) as ``name``; any failure is ignored."""
    from crampui.history.engine import atomic_write

    try:
        payload = json.dumps({"version": __version__, "value": value}, ensure_ascii=False).encode()
        if len(payload) > MAX_BYTES:
            return
        directory = private_folder()
        if directory is not None:
            atomic_write(directory / cache_file(name).name, payload)
    except (OSError, UnicodeError, ValueError):
        pass


def private_folder() -> Path | None:
    """The cache folder, created or kept at mode 0700 and rid of :data:`OLD_FILES`; None when
    it is not a real directory of this user (a link or a file there is left alone)."""
    directory = folder()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(directory)
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != owner:
        return None
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(directory, 0o700)
    for old in OLD_FILES:
        try:  # noqa: SIM105 - contextlib is an import this module avoids
            os.unlink(directory / old)
        except OSError:
            pass
    return directory


def file_state(path: str) -> str:
    """Device, inode, size, modification and change times of ``path`` ("-" if missing).

    The change time cannot be set back by a program, so a same-size rewrite that restores the
    modification time (``cp -p`` of an older copy, say) still changes the state.
    """
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def history_key(history: str | os.PathLike[str]) -> str:
    """What any answer about the history at ``history`` depends on: crampui's version, the
    environment, the timezone, the real path (a relative or linked path is resolved), the
    state of the file, of its journals and of its folder (a sync tool's conflict copy dropped
    there changes it)."""
    real = os.path.realpath(history)
    journals = real + ".journal"
    try:
        names = sorted(name for name in os.listdir(journals) if name.endswith(".jsonl"))
    except OSError:
        names = []
    fields = (
        __version__,
        *(os.environ.get(variable, "") for variable in ENVIRONMENT),
        time.strftime("%z"),
        real,
        file_state(real),
        file_state(os.path.dirname(real)),
        file_state(journals),
        *(file_state(os.path.join(journals, name)) for name in names),
    )
    return "\t".join(fields)
