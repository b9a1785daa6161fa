"""Editing History in a real terminal: fix a session's note, add the day forgotten, find it,
delete and undo; the command line sees each change."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from .test_real_terminal import launch, run_cli
from .tmux import Tmux

pytestmark = pytest.mark.e2e


def history(env: dict[str, str]) -> list[dict[str, Any]]:
    """``crampui history --json``."""
    entries: list[dict[str, Any]] = json.loads(run_cli(env, "history", "--json").stdout)
    return entries


def test_edit_add_find_delete_and_undo(terminal: Tmux, app_env: dict[str, str]) -> None:
    two_days_ago = (datetime.now() - timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    run_cli(
        app_env, "log", "--done", "hydrate", "--no-cramp", "--note", "tpyo", "--at", two_days_ago
    )
    launch(terminal)
    terminal.send("4")
    terminal.wait_for_footer("Edit")
    terminal.send("e")
    terminal.wait_for("Edit session #1")
    terminal.send("Tab")  # the items, then the note
    terminal.send("C-a", "C-k")
    terminal.wait_for_gone("tpyo")  # Input's keys act after typed text that follows them
    terminal.type("typo fixed")
    terminal.send("C-s")
    terminal.wait_for("Saved session #1")
    assert [entry["note"] for entry in history(app_env)] == ["typo fixed"]

    terminal.send("a")
    terminal.wait_for("Add a past session (#2)")
    terminal.send("Space", "Down", "s")
    terminal.wait_for("Why?")
    terminal.type("no mat")
    terminal.send("Enter")
    terminal.wait_for("skipped: no mat")
    terminal.send("C-s")
    terminal.wait_for("Added session #2")
    terminal.wait_for_footer("Undo add")
    assert len(history(app_env)) == 2

    terminal.send("/")
    terminal.wait_for("Find in history")
    terminal.type("mat")
    terminal.send("Enter")
    terminal.wait_for("Showing 1 of 2")
    terminal.send("d")
    terminal.wait_for("Delete session #2")
    terminal.send("Left", "Enter")
    terminal.wait_for("Showing 0 of 1")
    assert [entry["id"] for entry in history(app_env)] == [1]
    terminal.send("u")
    terminal.wait_for("Restored session #2")
    terminal.wait_for("Showing 1 of 2")
    terminal.send("Escape")
    terminal.wait_for_gone("Showing")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()
    saved = history(app_env)
    assert [entry["id"] for entry in saved] == [2, 1]
    assert saved[0]["note"] == "" and saved[1]["note"] == "typo fixed"
