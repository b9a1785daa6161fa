"""A yes/no question in a small dialog."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question``; dismiss with True for the yes button, False for no or escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        question: str,
        yes_label: str = "Yes",
        no_label: str = "No",
        *,
        danger: bool = False,
    ) -> None:
        """Ask ``question`` (literal text).

        The yes button has focus, unless ``danger``: then it is red and the no button has focus.
        """
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        """The question and the two buttons."""
        with Vertical(classes="dialog confirm-dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Content(self.yes_label),
                    variant="error" if self.danger else "primary",
                    id="confirm-yes",
                )
                yield Button(Content(self.no_label), id="confirm-no")
            yield Static("escape to cancel", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Focus the yes button, or the safe answer for a dangerous question."""
        self.query_one("#confirm-no" if self.danger else "#confirm-yes", Button).focus()

    @on(Button.Pressed)
    def button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the pressed button."""
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Dismiss with ``answer``."""
        self.dismiss(answer)
