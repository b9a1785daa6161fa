"""This computer's device id, kept in the config directory (never in the synced history).

Every change to the history names the device that made it, so two computers sharing one
history through a sync folder never mistake each other's changes for their own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

from crampui.history.engine import atomic_write, read_regular

DEVICE_FILE = "device-id"
"""The file in the config directory that holds the id."""

COMPUTER_FILE = "device-computer"
"""The file beside it noting the computer the id was made on (a digest, nothing readable)."""

_DEVICE_ID = re.compile(r"[0-9a-f]{12}")


def device_id(config: Path | None = None) -> str:
    """This computer's id (12 hex digits), created on first use in ``config``.

    ``config`` defaults to the crampui config directory. A missing or malformed file gets a
    new id. If it cannot be written (a read-only folder, a FIFO or folder in its place), the
    id is derived from this computer, this user and the folder instead, so it stays the same
    from run to run rather than starting a new journal on every save.

    Beside the id, :data:`COMPUTER_FILE` notes which computer it belongs to: a config folder
    copied to another computer (or restored there) has an id that is already another
    computer's, so that computer gets a new one (what was saved under the old id stays).
    """
    if config is None:
        from crampui.locations import config_dir

        config = config_dir()
    path = config / DEVICE_FILE
    text = _read_text(path)
    if _DEVICE_ID.fullmatch(text) and _of_this_computer(config / COMPUTER_FILE):
        return text
    return new_device_id(config)


def new_device_id(config: Path | None = None) -> str:
    """A new id for this computer, kept in ``config`` (see :func:`device_id`)."""
    if config is None:
        from crampui.locations import config_dir

        config = config_dir()
    path = config / DEVICE_FILE
    import secrets  # only when an id is made: a read imports neither

    new = secrets.token_hex(6)
    try:
        config.mkdir(parents=True, exist_ok=True)
        atomic_write(path, f"{new}\n".encode("ascii"))
        atomic_write(config / COMPUTER_FILE, f"{_this_computer()}\n".encode("ascii"))
    except OSError:
        return _derived_id(path)
    return new


def _read_text(path: Path) -> str:
    """The first bytes of a small file as stripped text ("" if it cannot be read)."""
    try:
        raw = read_regular(path, 64) or b""
    except OSError:
        raw = b""
    return raw.decode("ascii", "replace").strip()


def _of_this_computer(noted: Path) -> bool:
    """Whether the id beside ``noted`` was made on this computer (noting it if never noted,
    as for an id made by an earlier version)."""
    found = _read_text(noted)
    if not found:
        with contextlib.suppress(OSError):
            atomic_write(noted, f"{_this_computer()}\n".encode("ascii"))
        return True
    return found == _this_computer()


def _this_computer() -> str:
    """This computer and user, as 16 hex digits (the machine id, or the host name)."""
    return hashlib.sha256(b"\x1f".join(_computer_parts())).hexdigest()[:16]


def _computer_parts() -> list[bytes]:
    """The machine id (or host name) and the user id."""
    try:
        machine = (read_regular(Path("/etc/machine-id"), 64) or b"").strip()
    except OSError:
        machine = b""
    user = os.getuid() if hasattr(os, "getuid") else 0
    if not machine:
        import socket

        machine = socket.gethostname().encode()
    return [machine, str(user).encode()]


def _derived_id(path: Path) -> str:
    """A device id computed from this computer, the user and ``path``."""
    return hashlib.sha256(b"\x1f".join([*_computer_parts(), bytes(path)])).hexdigest()[:12]
