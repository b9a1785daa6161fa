"""crampui on each device of a real Syncthing test: its CLI, what the synced folder may hold,
and the counts every sync test reports (printed for ``-rP`` and kept as JSON in its tmp dir).

Black-box: a device's history is read through ``crampui history --json`` and
``crampui episodes --json``, never from the files, so the tests hold whatever the on-disk
layout of the stores is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.e2e.syncthing import Devices, Syncthing, syncthing_binary

D = TypeVar("D", bound=Devices)

CRAMPUI = Path(sys.executable).parent / "crampui"
HISTORY = "history.json"

NOT_A_STORE = ("sync-conflict", ".bak", ".lock", ".tmp")
"""Parts of a file name that mark something other than a store: a conflict copy, a backup, a
lock or a half-written file (none of which belongs in the synced folder)."""

SUMMARY = "sync-summary.json"
"""The file, in a test's tmp dir, that keeps the counts the test reported."""


def only_stores(files: dict[str, bytes]) -> bool:
    """Whether the synced folder holds nothing but crampui's stores (no conflict copy, backup,
    lock or temporary file), and at least one."""
    return bool(files) and not any(part in name for name in files for part in NOT_A_STORE)


def conflict_copies(files: dict[str, bytes]) -> list[str]:
    """The conflict copies Syncthing made of any file in the folder."""
    return sorted(name for name in files if "sync-conflict" in name)


class Side:
    """One device: its Syncthing instance, its crampui config dir and its history."""

    def __init__(self, syncthing: Syncthing, clock: str = "") -> None:
        """crampui on ``syncthing``'s machine: history in the shared folder, own config (and
        own state and cache: the instance's ``XDG_*`` folders); ``clock`` is faketime's offset
        for this device's wall clock (e.g. "-2h")."""
        self.syncthing = syncthing
        self.clock = ["faketime", "-f", clock] if clock else []
        self.name = syncthing.name
        self.db = syncthing.folder / HISTORY
        self.config = syncthing.root / "crampui-config"
        self.env = {
            **syncthing.env,
            "CRAMPUI_DB": str(self.db),
            "CRAMPUI_CONFIG_DIR": str(self.config),
            "TZ": "UTC",
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run crampui with ``args``; fail on a non-zero exit."""
        done = subprocess.run(
            [*self.clock, str(CRAMPUI), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, f"crampui {' '.join(args)} on {self.name}: {done.stderr}"
        return done

    def log(self, note: str) -> None:
        """Save one session with ``note``."""
        self.run("log", "--done", "hydrate", "--no-cramp", "--note", note)

    def history(self) -> tuple[list[dict[str, Any]], str]:
        """``crampui history --json``: the sessions, newest first, and what it said on stderr."""
        done = self.run("history", "--json")
        sessions = [
            row for row in json.loads(done.stdout) if row.get("kind", "session") == "session"
        ]
        return sessions, done.stderr

    def cramps(self) -> list[dict[str, Any]]:
        """``crampui episodes --json``: every cramp logged with F2, newest first."""
        cramps: list[dict[str, Any]] = json.loads(self.run("episodes", "--json").stdout)
        return cramps

    def python(self, statement: str) -> None:
        """Run ``statement`` with ``s`` the history store, in this side's environment."""
        code = (
            "from crampui.history import HistoryStore, ItemRecord; "
            f"s = HistoryStore({str(self.db)!r}); {statement}"
        )
        done = subprocess.run(
            [*self.clock, sys.executable, "-c", code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr

    def delete(self, display_id: int) -> None:
        """Delete a session through the Python API, in this side's environment."""
        self.python(f"s.delete_session({display_id})")


def linked(kind: Callable[[Path], D], root: Path) -> Iterator[D]:
    """``kind`` of linked Syncthing instances under ``root``, stopped afterwards."""
    if syncthing_binary() is None:
        pytest.skip("syncthing is not installed; the sync tests need it")
    devices = kind(root)
    yield devices
    devices.stop()


def uids(sessions: list[dict[str, Any]]) -> list[str]:
    """The sessions' uids, in order."""
    return [row["uid"] for row in sessions]


def report(devices: Devices, sides: list[Side], final: dict[str, bytes], **extra: Any) -> str:
    """Record what a sync test ended with: sessions and cramps on each device (with how many
    distinct), conflict copies seen while it ran and left at the end, and the files in the
    synced folder. Printed (``-rP`` shows it), written to the test's tmp dir as
    :data:`SUMMARY`, and returned as one line for an assertion message."""
    counts: dict[str, dict[str, int]] = {}
    for side in sides:
        sessions, _ = side.history()
        cramps = side.cramps()
        counts[side.name] = {
            "sessions": len(sessions),
            "distinct sessions": len(set(uids(sessions))),
            "cramps": len(cramps),
            "distinct cramps": len({row["uid"] for row in cramps}),
        }
    summary = {
        "test": os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0],
        "devices": counts,
        "conflict copies seen": sorted(devices.conflicts_seen),
        "conflict copies left": conflict_copies(final),
        "files in the synced folder": sorted(final),
        **extra,
    }
    line = json.dumps(summary)
    root = devices.members[0].root.parent
    (root / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nsync e2e summary: {line}")
    return line
