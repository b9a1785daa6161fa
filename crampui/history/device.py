"""This computer's device id, kept in the config directory (never in the synced history).

Every change to the history names the device that made it, so two computers sharing one
history through a sync folder never mistake each other's changes for their own.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from crampui.history.engine import atomic_write, read_regular

DEVICE_FILE = "device-id"
"""The file in the config directory that holds the id."""

_DEVICE_ID = re.compile(r"[0-9a-f]{12}")


def device_id(config: Path | None = None) -> str:
    """This computer's id (12 hex digits), created on first use in ``config``.

    ``config`` defaults to the crampui config directory. A missing or malformed file gets a
    new id; if it cannot be written, the id is still returned (and a new one made next time).
    """
    if config is None:
        from crampui.locations import config_dir

        config = config_dir()
    path = config / DEVICE_FILE
    try:
        raw = read_regular(path, 64) or b""
    except OSError:
        raw = b""
    text = raw.decode("ascii", "replace").strip()
    if _DEVICE_ID.fullmatch(text):
        return text
    new = secrets.token_hex(6)
    try:
        config.mkdir(parents=True, exist_ok=True)
        atomic_write(path, f"{new}\n".encode("ascii"))
    except OSError:
        pass  # still usable for this run: changes are named after it either way
    return new
