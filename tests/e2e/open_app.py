"""The real app open on one device of a sync test: crampui in a tmux pane of its own, with the
device's history (``--db``), config, state and cache, saving through the Checklist and read
back from the History tab."""

from __future__ import annotations

import re

from crampui.settings import Settings, save_settings
from tests.e2e.sync_side import CRAMPUI, Side
from tests.e2e.tmux import Tmux

FIRST_SCREEN = "Dehydration"
"""The first cause, shown in the Causes tab as soon as the app is up."""

CHECKLIST_KEYS = "[ ] Drink a glass of water"
"""The first item of a new run, unticked: the Checklist tab is shown (its key line can be
under a notice)."""

HISTORY_KEYS = "a add past"
"""In the History tab's key line: the tab is shown."""

ROW = re.compile(r"^ ?\w{3} \d\d \w{3} \d\d:\d\d ")
"""A row of the History table (it begins with when the session was saved)."""

CELL_GAP = re.compile(r"\s{2,}")
"""What separates the note from anything drawn to its right (the notes have single spaces)."""

APP_DEADLINE = 30.0
"""Seconds the app may take for one step on a busy machine."""


class OpenApp:
    """crampui running for ``side`` in a large tmux pane: every session of the test fits in
    the History table, and the notices (right-aligned, at most half the width) stay clear of
    its Note column."""

    def __init__(self, side: Side, width: int = 160, height: int = 64) -> None:
        """Prepare the pane and the app's settings (it opens on Causes); not started yet."""
        self.side = side
        save_settings(Settings(open_on_causes=True), side.config / "settings.json")
        kept = ("HOME", "TZ", "CRAMPUI_DB", "CRAMPUI_CONFIG_DIR")
        env = {
            name: value
            for name, value in side.env.items()
            if name in kept or name.startswith("XDG_")
        }
        # COLUMNS and LINES as the pane is: a pytest-xdist worker has 80 and 24 set, which the
        # app would take over the pane's size.
        size = {"COLUMNS": str(width), "LINES": str(height)}
        self.tmux = Tmux({**env, **size, "TERM": "xterm-256color"}, width=width, height=height)

    def start(self) -> None:
        """Start the app on the device's own ``--db`` and wait for its first screen."""
        self.tmux.start([str(CRAMPUI), "--db", str(self.side.db)])
        self.tmux.wait_for(FIRST_SCREEN, APP_DEADLINE)

    def checklist(self) -> None:
        """Show the Checklist tab."""
        self.tmux.send("3")
        self.tmux.wait_for(CHECKLIST_KEYS, APP_DEADLINE)

    def save(self, note: str) -> None:
        """On the Checklist: write ``note`` for the run, save it (nothing ticked: "Save
        anyway?" answered Save), and wait until the run is stored (its note line is gone)."""
        self.checklist()
        self.tmux.send("e")
        self.tmux.wait_for("Note for this run", APP_DEADLINE)
        self.tmux.type(note)
        self.tmux.send("Enter")
        self.tmux.wait_for(f"Note {note} · e to change", APP_DEADLINE)
        self.tmux.send("C-s")
        self.tmux.wait_for("Save anyway?", APP_DEADLINE)
        self.tmux.send("Enter")
        self.tmux.wait_for_gone(f"Note {note}", APP_DEADLINE)

    def cramp(self) -> None:
        """F2: a cramp, logged (as the screen opens) in the session just saved; the screen
        closed with "I'm OK now" (its "That was a mistake" can be under a notice)."""
        self.tmux.send("F2")
        self.tmux.wait_for("Cramping now", APP_DEADLINE)
        self.tmux.send("Enter")
        self.tmux.wait_for_gone("Cramping now", APP_DEADLINE)

    def history(self) -> str:
        """Show the History tab; the screen."""
        self.tmux.send("4")
        return self.tmux.wait_for(HISTORY_KEYS, APP_DEADLINE)

    def wait_for_history(self, sessions: int, notice: str) -> str:
        """Wait, pressing nothing, until the History tab says it has ``sessions`` and
        ``notice`` has been on screen (a notice shows for 15 s, and may come before or after
        the table is read again); the screen."""
        noticed = [False]

        def shown(screen: str) -> bool:
            noticed[0] = noticed[0] or notice in screen
            return noticed[0] and HISTORY_KEYS in screen and f" {sessions} sessions," in screen

        return self.tmux.wait_until(
            shown, f"{sessions} sessions and {notice!r} in {self.side.name}'s History tab", 60
        )

    def quit(self) -> str:
        """Quit with q and return what the app left on screen."""
        self.tmux.send("q")
        return self.tmux.wait_for_exit(APP_DEADLINE)

    def kill(self) -> None:
        """Stop the pane's tmux server."""
        self.tmux.kill()


def table_notes(screen: str) -> list[str]:
    """The notes in the History table's rows on ``screen`` (its last column), one per row
    shown, in order; a notice further right on the same line is left out."""
    header = next(line for line in screen.splitlines() if line.lstrip().startswith("When "))
    start = header.index("Note")
    rows = (line[start:].strip() for line in screen.splitlines() if ROW.match(line))
    return [CELL_GAP.split(row, maxsplit=1)[0] for row in rows]
