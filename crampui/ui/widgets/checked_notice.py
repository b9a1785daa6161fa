"""The launch notice after advice to get checked: has it been? (instead of "a session is due").

Like the outcome notice it is not a dialog: it sits above the footer and never takes focus.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.message import Message
from textual.widgets import Button, Static


class CheckedNotice(Vertical):
    """ "Advice to get checked was shown on …: has it been?", with "Yes, checked" and "Not yet"."""

    @dataclass
    class Answered(Message):
        """The user said the advice of session ``session_id`` was acted on (``checked``)."""

        session_id: int
        checked: bool

    def __init__(self, session_id: int, when: str) -> None:
        """Ask about the advice shown with session ``session_id`` on ``when`` (shown)."""
        super().__init__(id="checked-notice", classes="launch-notice")
        self.session_id = session_id
        self.when = when

    def compose(self) -> ComposeResult:
        """The advice's day, then the question and the two buttons."""
        shown = f"Advice to get your back checked was shown {self.when}; no reminders to stretch."
        yield Static(shown, markup=False)
        with Horizontal(classes="launch-notice-buttons"):
            yield Static("Has it been checked?", classes="launch-notice-question")
            yield Button(Text("Yes, checked"), id="checked-notice-yes", compact=True)
            yield Button(Text("Not yet"), id="checked-notice-no", compact=True)

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        """Tell the app which button was pressed."""
        event.stop()
        self.post_message(self.Answered(self.session_id, event.button.id == "checked-notice-yes"))
