"""The copies sync tools leave beside a file two computers changed while apart.

For ``history.json`` they are named, for example:

* Syncthing: ``history.sync-conflict-20261202-181500-ABC1234.json`` (the first 7 characters of
  the other device's id, base32)
* Dropbox: ``history (Anna's conflicted copy 2026-12-02).json`` (and ``... (1)).json``)
* Nextcloud and ownCloud: ``history (conflicted copy 2026-12-02 181500).json``, newer clients
  also ``history (conflicted copy Anna 2026-12-02 181500).json``; older ownCloud clients
  ``history_conflict-20261202-181500.json``
* OneDrive: ``history-LAPTOP-7K2Q.json`` (the other computer's name), ``...-2.json``: only
  for a computer name the caller knows, since ``history-2025.json`` or ``history-BACKUP.json``
  may well be a person's own copies

Dates and times must be real ones, so nothing else that merely looks alike is taken.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

SYNC_TOOLS = ("Syncthing", "Dropbox", "Nextcloud", "ownCloud", "OneDrive")


def _patterns(stem: str, suffix: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One name pattern per sync tool for conflict copies of ``stem + suffix``; the groups
    named ``date`` and ``time`` must be a real date and time, ``host`` a known computer."""
    s, x = re.escape(stem), re.escape(suffix)
    day = r"(?P<date>\d{4}-\d{2}-\d{2})"
    compact = r"(?P<date>\d{8})-(?P<time>\d{6})"
    return (
        ("Syncthing", re.compile(rf"{s}\.sync-conflict-{compact}-[A-Z2-7]{{7}}{x}")),
        ("Dropbox", re.compile(rf"{s} \(.{{1,100}}'s conflicted copy {day}( \(\d+\))?\){x}")),
        (
            "Nextcloud",
            re.compile(rf"{s} \(conflicted copy (.{{1,100}} )?{day} (?P<time>\d{{6}})\){x}"),
        ),
        ("ownCloud", re.compile(rf"{s}_conflict-{compact}{x}")),
        ("OneDrive", re.compile(rf"{s}-(?P<host>[A-Za-z0-9][A-Za-z0-9-]{{0,62}}?)(-\d+)?{x}")),
    )


def _real(match: re.Match[str], hosts: Collection[str]) -> bool:
    """Whether the date, time and computer name a pattern matched are real and known."""
    parts = match.groupdict()
    if parts.get("host") is not None:
        return parts["host"].casefold() in {host.casefold() for host in hosts}
    date = parts["date"].replace("-", "")
    try:
        datetime.strptime(date + (parts.get("time") or "000000"), "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


def conflict_tool(path: Path, name: str, hosts: Collection[str] = ()) -> str | None:
    """The sync tool that names a conflict copy of ``path`` ``name``, or None if none does.

    ``hosts`` are the names of the other computers sharing the history (OneDrive puts one in
    its copies' names; without it, no name is taken for a OneDrive copy).
    """
    if name == path.name:
        return None
    for tool, pattern in _patterns(path.stem, path.suffix):
        match = pattern.fullmatch(name)
        if match and _real(match, hosts):
            return tool
    return None


def conflict_copies(path: Path, hosts: Collection[str] = ()) -> list[Path]:
    """The conflict copies beside ``path`` (regular files only), oldest name first."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    found = [
        Path(entry.path)
        for entry in entries
        if conflict_tool(path, entry.name, hosts) and entry.is_file(follow_symlinks=False)
    ]
    return sorted(found)
