"""The launch notice offering to add the last session's missing outcome.

It is not a dialog: it sits above the footer and never takes focus, so keys the user has
started typing keep going where they were going. Its buttons are reached with tab or a click.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.message import Message
from textual.widgets import Button, Static


class OutcomeNotice(Vertical):
    """ "Your session from … has no outcome yet", with "Add outcome" and "Later" buttons."""

    @dataclass
    class Answered(Message):
        """The user chose "Add outcome" (``add``) or "Later" for session ``session_id``."""

        session_id: int
        add: bool

    def __init__(self, session_id: int, when: str) -> None:
        """Offer to add the outcome of session ``session_id``, saved at ``when`` (shown)."""
        super().__init__(id="outcome-notice")
        self.session_id = session_id
        self.when = when

    def compose(self) -> ComposeResult:
        """What is missing, then the question and the two buttons on a line of their own."""
        missing = f"Your session of {self.when} has no outcome yet."
        yield Static(missing, id="outcome-notice-text", markup=False)
        with Horizontal(id="outcome-notice-buttons"):
            yield Static("How did it go?", id="outcome-notice-question")
            yield Button(Text("Add outcome"), id="outcome-notice-add", compact=True)
            yield Button(Text("Later"), id="outcome-notice-later", compact=True)

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        """Tell the app which button was pressed."""
        event.stop()
        self.post_message(self.Answered(self.session_id, event.button.id == "outcome-notice-add"))
