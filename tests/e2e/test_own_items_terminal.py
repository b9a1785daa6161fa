"""Your own checklist in a real terminal: add an item and hide one on the Customise screen,
tick it with a note, save, and find it on the command line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .test_real_terminal import launch, run_cli
from .tmux import Tmux

pytestmark = pytest.mark.e2e


def test_own_item_added_in_the_app_is_saved_with_a_run_and_its_note(
    terminal: Tmux, app_env: dict[str, str]
) -> None:
    launch(terminal)
    terminal.send("3")
    # The Checklist's keys are live (its footer always keeps Save).
    terminal.wait_for_footer("Save")
    terminal.send("c")
    terminal.wait_for("Customise your checklist")
    terminal.send("a")
    terminal.wait_for("Add your own item")
    terminal.type("Took magnesium")
    terminal.send("Tab", "Tab")
    terminal.type("4")
    terminal.send("Enter")
    terminal.wait_for("Took magnesium  your item")
    terminal.send("Home", "h")
    terminal.wait_for("Drink a glass of water  hidden")
    terminal.send("Escape")
    terminal.wait_for_gone("Customise your checklist")
    screen = terminal.wait_for("[ ] Took magnesium")
    assert "Drink a glass of water" not in screen
    terminal.send("End", "Space", "e")
    terminal.wait_for("Note for this run")
    terminal.type("stiff [b]after[/b] the drive")
    terminal.send("Enter")
    terminal.wait_for("Note stiff [b]after[/b] the drive")
    terminal.send("C-s")
    terminal.wait_for("still open. Save anyway?")
    terminal.send("Enter")
    terminal.wait_for("Saved session #1")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()

    history: list[dict[str, Any]] = json.loads(run_cli(app_env, "history", "--json").stdout)
    [session] = history
    assert session["done"] == ["own-took-magnesium"]
    assert session["note"] == "stiff [b]after[/b] the drive"
    assert "hydrate" not in session["pending"]
    items = {row["id"]: row for row in json.loads(run_cli(app_env, "items", "--json").stdout)}
    assert items["own-took-magnesium"]["causes"] == [4] and items["hydrate"]["hidden"]
