"""The checklist's nerve check, asked as a question that nothing answers for the person."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from crampui.content.safety import NERVE_CHECK_QUESTION
from crampui.ui.screens.dialog import Dialog


class NerveCheckScreen(Dialog[bool | None]):
    """Ask the nerve check; dismiss with True (yes), False (no) or None (not answered).

    Neither answer is focused or chosen at the start: y or n (or a click) answers, and
    escape leaves the question unanswered.
    """

    AUTO_FOCUS = ""
    """Nothing is focused at the start: enter or space cannot answer for the person."""
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", priority=True),
        Binding("n", "answer(False)", "No", priority=True),
        Binding("escape", "answer(None)", "Not now"),
    ]

    def compose_dialog(self) -> ComposeResult:
        """The question, what it checks for, and the two answers."""
        with Vertical(classes="dialog confirm-dialog nerve-check-dialog"):
            yield Static("Safety check", classes="dialog-title")
            yield Static(NERVE_CHECK_QUESTION, classes="dialog-question", markup=False)
            yield Static(
                "It checks for signs that a nerve may be involved. If yes, skip stretching "
                "today and get it checked.",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes", variant="error", id="nerve-check-yes")
                yield Button("No", id="nerve-check-no")
            yield Static("y / n answers · escape leaves it open", classes="dialog-hint")

    @on(Button.Pressed)
    def button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the pressed button."""
        event.stop()
        self.dismiss(event.button.id == "nerve-check-yes")

    def action_answer(self, answer: bool | None) -> None:
        """Dismiss with ``answer`` (None: the question stays open)."""
        self.dismiss(answer)
