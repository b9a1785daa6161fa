"""The whole own-checklist story in a real terminal, as the issue tells it.

Add "Took magnesium" and hide a built-in item, log one session with it for yesterday on the
command line and one in the app, fix the first one's note, delete it and undo that, press F2
and then "That was a mistake"; History, ``history --json`` and ``episodes --json`` agree.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from .test_real_terminal import launch, run_cli
from .tmux import Tmux

pytestmark = pytest.mark.e2e

OWN = "own-took-magnesium"


def history(env: dict[str, str]) -> list[dict[str, Any]]:
    """``crampui history --json``."""
    entries: list[dict[str, Any]] = json.loads(run_cli(env, "history", "--json").stdout)
    return entries


def test_own_item_two_sessions_edit_delete_undo_and_a_mistaken_f2(
    terminal: Tmux, app_env: dict[str, str]
) -> None:
    assert f"Added {OWN} " in run_cli(app_env, "items", "add", "Took magnesium").stdout
    run_cli(app_env, "items", "hide", "posture")
    yesterday = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    logged = run_cli(
        app_env, "log", "--done", OWN, "hydrate", "--no-cramp", "--note", "tpyo", "--at", yesterday
    )
    assert "Saved session #1" in logged.stdout

    launch(terminal)
    terminal.send("3")
    screen = terminal.wait_for("[ ] Took magnesium")
    assert "Set up with a neutral spine" not in screen, "the hidden item is not on the list"
    terminal.send("End", "Space")
    terminal.wait_for("[✓] Took magnesium")
    terminal.send("C-s")
    terminal.wait_for("still open. Save anyway?")
    terminal.send("Enter")
    terminal.wait_for("Saved session #2")

    terminal.send("4")
    terminal.wait_for_footer("Edit")
    terminal.send("Down", "e")  # newest first: #2 (today), then #1 (yesterday)
    terminal.wait_for("Edit session #1")
    terminal.send("Tab")
    terminal.send("C-a", "C-k")
    terminal.wait_for_gone("tpyo")
    terminal.type("with dinner")
    terminal.send("C-s")
    terminal.wait_for("Saved session #1")

    terminal.send("d")
    terminal.wait_for("Delete session #1")
    terminal.send("Left", "Enter")
    terminal.wait_for("Undo delete")
    assert [entry["id"] for entry in history(app_env)] == [2]
    terminal.send("u")
    terminal.wait_for("Restored session #1")

    terminal.send("F2")
    terminal.wait_for("That was a mistake")
    terminal.send("m")
    terminal.wait_for("Removed the cramp logged at")
    screen = terminal.wait_for("2 sessions")
    assert "on its own" not in screen
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()

    saved = history(app_env)
    assert [(entry["id"], entry["note"]) for entry in saved] == [(2, ""), (1, "with dinner")]
    assert all(OWN in entry["done"] for entry in saved)
    assert all(entry["episodes"] == [] and entry["kind"] == "session" for entry in saved)
    assert json.loads(run_cli(app_env, "episodes", "--json").stdout) == []
    items = {row["id"]: row for row in json.loads(run_cli(app_env, "items", "--json").stdout)}
    assert items[OWN]["label"] == "Took magnesium" and items["posture"]["hidden"]
