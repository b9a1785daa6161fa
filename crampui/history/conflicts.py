"""The copies sync tools leave beside a file two computers changed while apart.

For ``history.json`` they are named, for example:

* Syncthing: ``history.sync-conflict-20261202-181500-ABC1234.json``
* Dropbox: ``history (Anna's conflicted copy 2026-12-02).json`` (and ``... (1)).json``)
* Nextcloud and ownCloud: ``history (conflicted copy 2026-12-02 181500).json``, newer clients
  also ``history (conflicted copy Anna 2026-12-02 181500).json``
* OneDrive: ``history-LAPTOP-7K2Q.json`` (the computer's name, upper case), ``...-2.json``
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SYNC_TOOLS = ("Syncthing", "Dropbox", "Nextcloud", "OneDrive")


def _patterns(stem: str, suffix: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One name pattern per sync tool for conflict copies of ``stem + suffix``."""
    s, x = re.escape(stem), re.escape(suffix)
    date = r"\d{4}-\d{2}-\d{2}"
    return (
        ("Syncthing", re.compile(rf"{s}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]{{7}}{x}")),
        ("Dropbox", re.compile(rf"{s} \(.{{1,100}}'s conflicted copy {date}( \(\d+\))?\){x}")),
        ("Nextcloud", re.compile(rf"{s} \(conflicted copy (.{{1,100}} )?{date} \d{{6}}\){x}")),
        ("OneDrive", re.compile(rf"{s}-[A-Z0-9][A-Z0-9-]{{0,14}}(-\d+)?{x}")),
    )


def conflict_tool(path: Path, name: str) -> str | None:
    """The sync tool that names a conflict copy of ``path`` ``name``, or None if none does."""
    if name == path.name:
        return None
    for tool, pattern in _patterns(path.stem, path.suffix):
        if pattern.fullmatch(name):
            return tool
    return None


def conflict_copies(path: Path) -> list[Path]:
    """The conflict copies beside ``path`` (regular files only), oldest name first."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    found = [
        Path(entry.path)
        for entry in entries
        if conflict_tool(path, entry.name) and entry.is_file(follow_symlinks=False)
    ]
    return sorted(found)
