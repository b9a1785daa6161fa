"""The cramp log in a real terminal: F2 twice, one a mistake, then the log with delete and undo."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .test_real_terminal import launch, run_cli
from .tmux import Tmux

pytestmark = pytest.mark.e2e


def test_f2_a_mistake_then_the_cramp_log_with_delete_and_undo(
    terminal: Tmux, app_env: dict[str, str]
) -> None:
    launch(terminal)
    terminal.send("F2")
    terminal.wait_for("That was a mistake")  # shown once the cramp is logged
    terminal.send("Enter")  # a real cramp: kept
    terminal.wait_for_gone("Logged at")
    terminal.send("F2")
    terminal.wait_for("That was a mistake")
    terminal.send("m")
    terminal.wait_for("Removed the cramp logged at")
    logged: list[dict[str, Any]] = json.loads(run_cli(app_env, "episodes", "--json").stdout)
    assert [row["session"] for row in logged] == [None]

    terminal.send("4")
    terminal.wait_for_footer("Outcome")  # the History table has focus
    terminal.send("c")
    screen = terminal.wait_for("1 cramp logged, on its own")
    assert "Into the hold" in screen
    terminal.send("d")
    terminal.wait_for("Delete the cramp of")
    terminal.send("Left", "Enter")
    terminal.wait_for("No cramps logged yet")
    assert json.loads(run_cli(app_env, "episodes", "--json").stdout) == []
    terminal.send("u")
    terminal.wait_for("1 cramp logged, on its own")
    terminal.send("Escape")
    terminal.wait_for_gone("Cramp log")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()

    restored = json.loads(run_cli(app_env, "episodes", "--json").stdout)
    assert [row["uid"] for row in restored] == [logged[0]["uid"]]
    history = json.loads(run_cli(app_env, "history", "--json").stdout)
    assert [entry["uid"] for entry in history] == [logged[0]["uid"]]
