"""The last status line, kept so ``crampui status`` in a prompt costs little more than Python.

Loading the history (TinyDB, the file lock, JSON, argparse) takes several times as long as
starting Python, and a shell prompt or a tmux status bar runs ``crampui status`` again and
again. So the command saves what it printed, keyed by everything the answer depends on:
today's date and timezone, the environment that chooses the history and settings files, and
the inode, size and modification time of both files and of the history's journals (the store
replaces its file or appends to its journal on every write, so any change gives a new key).
The next run prints the saved text when the key still matches. This module imports only
built-in modules so that check stays under a millisecond; anything unexpected is a miss and
the command computes the status afresh.

The cache is ``$XDG_CACHE_HOME/crampui/status`` (``~/.cache/crampui/status`` when unset): it
has to be found without importing platformdirs, and it is only ever a cache.
"""

from __future__ import annotations

import os
import time

FORMAT = "crampui-status-3"
"""First field of the key; changes whenever the cached text or the key changes meaning."""

ENVIRONMENT = ("CRAMPUI_DB", "CRAMPUI_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME")
"""The variables :mod:`crampui.locations` (and platformdirs) pick the files by."""


def cache_file() -> str:
    """Where the status is cached."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "crampui", "status")


def file_state(path: str) -> str:
    """Inode, size and modification time of ``path``, or "-" when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def history_state(path: str) -> str:
    """:func:`file_state` of the history and of every journal beside it."""
    folder = path + ".journal"
    try:
        journals = sorted(name for name in os.listdir(folder) if name.endswith(".jsonl"))
    except OSError:
        journals = []
    states = [file_state(os.path.join(folder, name)) for name in journals]
    return ",".join([file_state(path), *states])


def environment() -> str:
    """The values of :data:`ENVIRONMENT`, joined."""
    return "\x1f".join(os.environ.get(name, "") for name in ENVIRONMENT)


def current_key(history: str, settings: str, today: str | None = None) -> str:
    """The key for the status of ``history`` and ``settings`` on ``today`` (YYYY-MM-DD)."""
    fields = (
        FORMAT,
        today or time.strftime("%Y-%m-%d"),
        time.strftime("%z") + os.environ.get("TZ", ""),
        environment(),
        history,
        history_state(history),
        settings,
        file_state(settings),
    )
    return "\t".join(fields)


def cached(as_json: bool = False) -> str | None:
    """The saved status line (or its JSON) if it is still current, else None."""
    try:
        with open(cache_file(), encoding="utf-8") as file:
            key, line, json_text = file.read().split("\n")[:3]
    except (OSError, ValueError):
        return None
    fields = key.split("\t")
    if len(fields) != 8 or current_key(fields[4], fields[6]) != key:
        return None
    return json_text if as_json else line


def save(key: str, line: str, json_text: str) -> None:
    """Keep ``line`` and ``json_text`` (one line each) under ``key``; failures are ignored.

    Compute ``key`` *before* reading the history, so a change made meanwhile is a miss.
    """
    write_cache(cache_file(), f"{key}\n{line}\n{json_text}\n")


def write_cache(path: str, text: str) -> None:
    """Replace the cache file ``path`` with ``text`` in one step; failures are ignored."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 (contextlib would cost the fast path an import)
            os.unlink(temporary)
        except OSError:
            pass
