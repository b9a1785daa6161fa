"""This computer's device id, kept in the config directory (never in the synced history).

Every change to the history names the device that made it, so two computers sharing one
history through a sync folder never mistake each other's changes for their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
from pathlib import Path

from crampui.history.engine import atomic_write, read_regular

DEVICE_FILE = "device-id"
"""The file in the config directory that holds the id."""

_DEVICE_ID = re.compile(r"[0-9a-f]{12}")


def device_id(config: Path | None = None) -> str:
    """This computer's id (12 hex digits), created on first use in ``config``.

    ``config`` defaults to the crampui config directory. A missing or malformed file gets a
    new id. If it cannot be written (a read-only folder, a FIFO or folder in its place), the
    id is derived from this computer, this user and the folder instead, so it stays the same
    from run to run rather than starting a new journal on every save.
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
        return _derived_id(path)
    return new


def _derived_id(path: Path) -> str:
    """A device id computed from the machine id (or host name), the user and ``path``."""
    try:
        machine = (read_regular(Path("/etc/machine-id"), 64) or b"").strip()
    except OSError:
        machine = b""
    user = os.getuid() if hasattr(os, "getuid") else 0
    parts = [machine or socket.gethostname().encode(), str(user).encode(), bytes(path)]
    return hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:12]
