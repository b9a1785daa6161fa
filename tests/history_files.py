"""What the history's files hold, for tests: the merged view of a history in its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crampui.history.codec import encode
from crampui.history.storage import SCHEMA_STAMP
from crampui.history.syncing import read_history


def history_tables(db: Path) -> dict[str, Any]:
    """Every record of the history named ``db``: its main file, stores and journals merged."""
    return read_history(db)


def history_bytes(db: Path) -> bytes:
    """The history named ``db`` as one file (as earlier crampuis kept it), to copy elsewhere."""
    return encode({**SCHEMA_STAMP, **read_history(db)})
