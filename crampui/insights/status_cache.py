"""The last status line, kept so ``crampui status`` in a shell prompt stays quick.

Reading the history (at 10,000 sessions: about 190 ms, against about 30 ms for a hit) is too
slow for a prompt that runs ``crampui status`` after every command. So the command keeps what
it printed in the user cache (:mod:`crampui.cache`), under today's date, the settings file's
state and :func:`crampui.cache.history_key`; the next run prints it while that key still
matches. ``crampui log`` keeps the line it leaves behind too (it has just read the history to
save), so the prompt's ``status`` right after a log is a hit. The line holds counts and dates
only, never a note, severity or place. Anything unexpected is a miss, and the text is cleaned
before it reaches the terminal.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from crampui import cache
from crampui.locations import history_path, settings_path

if TYPE_CHECKING:
    from crampui.history import HistoryStore
    from crampui.settings import Settings

NAME = "status"
"""The cache's name in :mod:`crampui.cache`."""


def current_key(today: str | None = None) -> str:
    """The key for the status of the default history and settings on ``today`` (YYYY-MM-DD,
    default: today)."""
    settings = str(settings_path())
    day = today or time.strftime("%Y-%m-%d")
    return "\t".join((day, settings, cache.file_state(settings), cache.history_key(history_path())))


def cached(as_json: bool = False) -> str | None:
    """The saved status line (or its JSON), cleaned, if it is still current, else None."""
    saved = cache.read(NAME)
    if not isinstance(saved, dict):
        return None
    text = saved.get("json" if as_json else "line")
    if saved.get("key") != current_key() or not isinstance(text, str):
        return None
    return "".join(char for char in text if char.isprintable())


def save(key: str, line: str, json_text: str) -> None:
    """Keep ``line`` and ``json_text`` under ``key``; failures are ignored.

    Compute ``key`` *before* reading the history, so a change made meanwhile is a miss.
    """
    cache.write(NAME, {"key": key, "line": line, "json": json_text})


def texts(store: HistoryStore, settings: Settings, key: str | None) -> tuple[str, str]:
    """The status line and its JSON for ``store`` today, kept under ``key`` (computed before
    the history was read) unless it is None (another history than the default one: the cache
    serves only the default files). HistoryError if the history cannot be read."""
    import json
    from datetime import datetime

    from crampui.insights.status import status_json, status_line, stored_status

    today = datetime.now().astimezone().date()
    state = stored_status(store, today, settings.weekly_target, settings.checked_session)
    line = status_line(state)
    json_text = json.dumps(status_json(state))  # ASCII: valid JSON on any terminal encoding
    if key is not None:
        save(key, line, json_text)
    return line, json_text


def refresh(store: HistoryStore) -> None:
    """After a save to the default history: keep its new status line, so the ``crampui
    status`` a shell prompt runs next is a hit (the history was just read to save; nothing is
    printed, and any problem only leaves the cache stale, a miss)."""
    import contextlib

    from crampui.history import HistoryError
    from crampui.settings import load_settings

    key = current_key()
    settings, _problem = load_settings(settings_path())
    with contextlib.suppress(HistoryError, OSError, ValueError):
        texts(store, settings, key)
