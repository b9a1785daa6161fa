"""The last ``crampui history --json`` answer, kept until the history changes.

Scripts call ``crampui history --json`` again and again; building every session of a long
history takes half a second at 10,000 sessions. So the command keeps what it printed, keyed
like :mod:`crampui.status_cache` (timezone, the environment that picks the history, the file
and its journals) plus crampui's version, the ``--db`` given and the state of the history's
folder (a conflict copy a sync tool drops there is a change: it is merged on the next real
open). A key that no longer matches is a miss and the answer is computed afresh.

The cached text goes to the terminal, so it is checked on the way out: a file that is not one
line of JSON text of printable characters only (no control or format characters) is ignored.
This module imports only built-in modules (and ``crampui`` for its version) so a hit costs
little more than starting Python.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from crampui import __version__
from crampui.status_cache import environment, file_state, history_state, write_cache

FORMAT = "crampui-history-json-1"
"""First field of the key; changes whenever the key or the answer changes meaning."""


def cache_file() -> str:
    """Where the answer is cached."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "crampui", "history.json-answer")


def db_argument(argv: Sequence[str]) -> str | None:
    """The ``--db`` of a plain ``history --json`` command line ("" for none), else None."""
    words = list(argv)
    db = ""
    if "--db" in words:
        at = words.index("--db")
        if at + 1 >= len(words):
            return None
        db = os.path.abspath(words[at + 1])
        del words[at : at + 2]
    return db if words == ["history", "--json"] else None


def current_key(history: str, db: str) -> str:
    """The key for the answer about the history file ``history``, chosen with ``--db db``."""
    fields = (
        FORMAT,
        __version__,
        _timezone(),
        environment(),
        db,
        history,
        history_state(history),
        file_state(os.path.dirname(history) or "."),
    )
    return "\t".join(fields)


def _timezone() -> str:
    """What the local times in the answer depend on."""
    import time

    return time.strftime("%z") + os.environ.get("TZ", "")


def cached(argv: Sequence[str]) -> str | None:
    """The saved answer for this command line if it is still current and safe, else None."""
    db = db_argument(argv)
    if db is None:
        return None
    try:
        with open(cache_file(), encoding="utf-8") as file:
            key, answer = file.read().split("\n", 1)
    except (OSError, ValueError):
        return None
    fields = key.split("\t")
    if len(fields) != 8 or fields[4] != db or current_key(fields[5], db) != key:
        return None
    answer = answer.removesuffix("\n")
    if not answer.startswith("[") or not answer.isprintable():
        return None
    return answer


def save(key: str, answer: str) -> None:
    """Keep ``answer`` (one line of JSON) under ``key``; failures are ignored.

    Compute ``key`` *before* reading the history, so a change made meanwhile is a miss.
    """
    write_cache(cache_file(), f"{key}\n{answer}\n")
