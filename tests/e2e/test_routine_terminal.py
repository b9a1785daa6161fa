"""Issue 29 in a real terminal: a two-stretch routine set up with the installed ``crampui
routine``, run in the timer (n moves through the phases), F2 in the second stretch's second
repetition, then ``crampui episodes --json`` and the History tab."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .test_real_terminal import launch, run_cli
from .tmux import Tmux

pytestmark = pytest.mark.e2e


def test_f2_in_a_routine_logs_the_stretch_rep_and_side(
    terminal: Tmux, app_env: dict[str, str]
) -> None:
    for step in ("knee-rolls", "bottom-to-heels", "cat-camel", "back-extension", "glute-stretch"):
        run_cli(app_env, "routine", "remove", step)
    # Long holds: the real clock never ends a phase before n does.
    run_cli(app_env, "routine", "set", "knee-to-chest", "--hold", "60", "--reps", "2")
    run_cli(app_env, "routine", "set", "pelvic-tilt", "--hold", "60", "--reps", "2")
    listed: list[dict[str, Any]] = json.loads(run_cli(app_env, "routine", "--json").stdout)
    assert [step["id"] for step in listed] == ["knee-to-chest", "pelvic-tilt"]

    launch(terminal)
    terminal.send("3")
    terminal.wait_for_footer("Tick")
    terminal.send("r")
    screen = terminal.wait_for("Next: Pelvic tilt")
    assert "Knee to chest" in screen and "Get ready" in screen
    # count-in, then four holds with switches between, then the rest: 8 phases skipped
    terminal.send(*["n"] * 8)
    terminal.wait_for("Rest — next: Pelvic tilt")
    terminal.send("n")  # the rest
    terminal.wait_for("Stretch 2 of 2 · Rep 1 of 2")
    terminal.send("n", "n")  # the first hold, the count-in
    terminal.wait_for("Stretch 2 of 2 · Rep 2 of 2")
    terminal.wait_for("Last stretch")
    terminal.send("F2")
    screen = terminal.wait_for("That was a mistake")  # shown once the cramp is logged
    assert "(Pelvic tilt, rep 2" in screen
    terminal.send("Enter")
    terminal.wait_for_gone("Logged at")

    [row] = json.loads(run_cli(app_env, "episodes", "--json").stdout)
    assert (row["stretch"], row["stretch_name"], row["repetition"]) == (
        "pelvic-tilt",
        "Pelvic tilt",
        2,
    )
    assert row["side"] is None

    terminal.send("Escape")
    terminal.wait_for("Stop this set and close the timer?")
    terminal.send("Left", "Enter")
    terminal.wait_for_gone("Last stretch")
    terminal.send("4")
    terminal.wait_for_footer("Outcome")  # the History table has focus
    terminal.send("c")  # the cramp log
    # the run stopped early is saved as a session, holding the cramp logged during it
    screen = terminal.wait_for("1 cramp logged, during a session")
    assert "Pelvic tilt" in screen and "#1" in screen
    terminal.send("Escape")
    terminal.wait_for_gone("Cramp log")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()
