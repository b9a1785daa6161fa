"""crampui as a person meets it: the installed script in a real terminal (tmux, 100x32)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from typing import Any

import pytest

from .conftest import CRAMPUI
from .tmux import Tmux, footer_line

pytestmark = pytest.mark.e2e

FIRST_SCREEN = "Dehydration"
"""The first cause, shown in the Causes tab as soon as the app is up."""

CAUSES = "HYDRATION & NUTRITION"
"""The first category heading of the cause list (checklist details also name causes)."""

CHECKLIST = "Eat well, with enough minerals"
"""The second checklist item, shown only in the Checklist tab."""

OUTCOME_PROMPT = ("how did it go?", "add the outcome")
"""Wordings of the prompt that may ask, on launch, how the last saved session went."""

NOTE = "\x1b[31mRED\x1b[0m [bold]x[/] [@click=app.quit]hi[/]"
"""A note full of escape sequences and Textual markup that must be shown as plain text."""


def asks_for_outcome(screen: str) -> bool:
    """Whether the launch prompt for the last session's outcome is on ``screen``."""
    return any(wording in screen.lower() for wording in OUTCOME_PROMPT)


def launch(terminal: Tmux, *, outcome_prompt: bool = False) -> str:
    """Start crampui and wait for the first screen; return the screen.

    With ``outcome_prompt`` (the last saved session has no outcome yet), wait for the launch
    notice that offers to add it; it is not a dialog, so keys go on to the tabs beneath it.
    """
    terminal.start([str(CRAMPUI)])
    screen = terminal.wait_for(FIRST_SCREEN)
    if outcome_prompt:
        screen = terminal.wait_until(
            asks_for_outcome, "the launch notice for the missing outcome", 20
        )
    return screen


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a non-UI crampui command with ``env`` added; fail the test if it fails."""
    result = subprocess.run(
        [str(CRAMPUI), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_tabs_filter_and_quit(terminal: Tmux) -> None:
    """Number keys switch tabs, letters filter the causes, and q ends the process."""
    launch(terminal)
    footer = [line for line in terminal.wait_for("Quit").splitlines() if line.strip()][-1]
    assert "Quit" in footer

    terminal.send("2")
    terminal.wait_for("All 12 questions")
    terminal.wait_for_footer("/ Search")  # the questions have focus: digits switch tabs
    terminal.send("/")
    terminal.wait_for_footer("esc Leave box")  # in the box, where digits are typed
    terminal.send("Escape")  # one escape leaves the box
    terminal.wait_for_footer("/ Search")  # out of the box: the escape has been read on its own
    terminal.send("3")
    terminal.wait_for(CHECKLIST)
    terminal.send("4")
    assert FIRST_SCREEN not in terminal.wait_for("No sessions yet")
    terminal.send("1")
    terminal.wait_for(CAUSES)

    terminal.type("nerve")
    terminal.wait_for("Nerve compression")
    terminal.wait_for_gone(FIRST_SCREEN)

    terminal.wait_until(
        lambda screen: "q Quit" not in footer_line(screen), "the filter to have focus", 10
    )
    terminal.send("Enter")  # from the filter back to the list, where q is not text
    terminal.wait_for_footer("q Quit")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()


def test_faq_search_shows_the_answer(terminal: Tmux) -> None:
    """Searching the FAQ in plain words finds the question and shows its answer."""
    launch(terminal)
    terminal.send("2")
    terminal.wait_for("All 12 questions")
    terminal.type("how many seconds")
    screen = terminal.wait_until(
        lambda now: "How long should I hold each stretch?" in now and "Aim for 15" in now,
        "the hold-length question and its answer",
        10,
    )
    assert "15 to 30" in screen


def test_checklist_run_is_saved_and_shown_after_relaunch(
    terminal: Tmux, app_env: dict[str, str]
) -> None:
    """Tick one item, skip one with a reason, save, relaunch: History and the CLI show it."""
    launch(terminal)
    terminal.send("3")
    terminal.wait_for(CHECKLIST)
    terminal.send("Space")
    terminal.send("Down")
    terminal.send("s")
    terminal.wait_for("optional")
    terminal.type("sore wrist")
    terminal.wait_for("sore wrist")
    terminal.send("Enter")
    terminal.wait_for_gone("escape to cancel")
    terminal.send("C-s")
    if terminal.wait_for_any("Saved", "Save anyway") != "Saved":
        terminal.send("Enter")
        terminal.wait_for("Saved")
    terminal.send("q")
    assert "Traceback" not in terminal.wait_for_exit()

    launch(terminal, outcome_prompt=True)
    terminal.send("4")
    today = date.today()
    terminal.wait_for_any(today.isoformat(), today.strftime("%a %d %b"))

    sessions: list[dict[str, Any]] = json.loads(run_cli(app_env, "history", "--json").stdout)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["done"] == ["hydrate"]
    assert session["skipped"] == ["eat-balanced"]


def test_stored_text_never_leaks_escape_sequences(terminal: Tmux, app_env: dict[str, str]) -> None:
    """A note with escape sequences and markup is shown literally, never interpreted."""
    run_cli(app_env, "log", "--done", "hydrate", "--note", NOTE)
    launch(terminal, outcome_prompt=True)
    terminal.send("4")
    screen = terminal.wait_for("[bold]x[/]")
    assert "[@click=app.quit]hi[/]" in screen
    assert "RED" in screen
    raw = terminal.raw_screen()
    assert "\x1b[31mRED" not in raw
    # No escape sequence between the words: "RED" and the markup share one plain style.
    assert "RED [bold]x[/]" in raw
    assert terminal.is_running()
