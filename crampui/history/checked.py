"""Which history files were already checked, so a file is validated once per change.

Validating a history builds every record (3 s at 100,000 sessions). After a file passes, its
signature (device, inode, size, modification and change times; see
:func:`crampui.history.journal.signature`) is noted in ``$XDG_CACHE_HOME/crampui/
checked-histories.json``. Any write or replacement changes the signature (the change time
cannot be set back by a program), so a later open of the same bytes skips the check, and a
file changed by anyone, a sync tool included, is checked again. The note is only a cache: a
missing or broken one means "check again", and a failure to write it is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

MAX_ENTRIES = 16
"""How many history files are remembered (the most recent ones)."""

Signature = tuple[int, ...]


def notes_file() -> Path:
    """Where the signatures of checked files are kept."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return Path(base, "crampui", "checked-histories.json")


def _notes() -> dict[str, list[int]]:
    """The notes, or {} when there are none or they are unusable."""
    try:
        with open(notes_file(), "rb") as file:
            data = json.loads(file.read(64 * 1024))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: value
        for key, value in data.items()
        if isinstance(value, list) and all(type(part) is int for part in value)
    }


def was_checked(path: Path, signature: Signature | None) -> bool:
    """Whether the file at ``path`` with this signature passed the check before."""
    return signature is not None and _notes().get(str(path)) == list(signature)


def note_checked(path: Path, signature: Signature | None) -> None:
    """Remember that the file at ``path`` with this signature is valid."""
    if signature is None:
        return
    notes = _notes()
    notes.pop(str(path), None)
    notes[str(path)] = list(signature)
    kept = dict(list(notes.items())[-MAX_ENTRIES:])
    target = notes_file()
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
