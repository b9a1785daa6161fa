"""Ask why a checklist item is being skipped (the reason is optional)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput
from crampui.usertext import UserTextError, clean_user_text


class SkipReasonScreen(Dialog[str | None]):
    """An optional reason for skipping ``label``: the cleaned reason, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str, reason: str = "") -> None:
        """Ask about the item called ``label``, starting from an earlier ``reason``."""
        super().__init__()
        self.label = label
        self.reason = reason

    def compose_dialog(self) -> ComposeResult:
        """The item, the reason input, a place for errors and a hint."""
        with Vertical(classes="dialog skip-dialog"):
            yield Static(
                Content.assemble("Skip ", (f"“{self.label}”", "bold"), "?"),
                classes="dialog-question",
            )
            yield BoundedInput(
                self.reason,
                placeholder="Why? (optional, e.g. no foam roller at the gym)",
                id="skip-reason",
            )
            yield Static("", id="skip-error", classes="dialog-error", markup=False)
            yield Static("enter to skip · escape to cancel", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Start typing straight away."""
        self.query_one("#skip-error", Static).display = False
        self.query_one("#skip-reason", Input).focus()

    @on(Input.Submitted, "#skip-reason")
    def reason_submitted(self, event: Input.Submitted) -> None:
        """Dismiss with the cleaned reason, or explain why it cannot be used."""
        event.stop()
        try:
            reason = clean_user_text(event.value, field="Reason")
        except UserTextError as error:
            message = self.query_one("#skip-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        """Leave the item as it was."""
        self.dismiss(None)
