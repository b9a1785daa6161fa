"""Write a note for the checklist run in progress (saved with it; empty to remove it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from crampui.screens.dialog import Dialog
from crampui.usertext import UserTextError, clean_user_text
from crampui.widgets.bounded_input import BoundedInput


class SessionNoteScreen(Dialog[str | None]):
    """The run's note: dismissed with the cleaned note ("" removes it), or None on escape."""

    CSS_PATH = ["dialogs.tcss", "session_note.tcss"]  # type: ignore[assignment]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str = "") -> None:
        """Start from the run's current ``note``."""
        super().__init__()
        self.note = note

    def compose_dialog(self) -> ComposeResult:
        """The title, the note input, a place for errors and a hint."""
        with Vertical(classes="dialog note-dialog"):
            yield Static("Note for this run", classes="dialog-title")
            yield BoundedInput(
                self.note,
                placeholder="e.g. stiff after a long drive (saved with the run)",
                id="session-note",
            )
            yield Static("", id="note-error", classes="dialog-error", markup=False)
            yield Static(
                "enter to keep · empty removes it · escape to cancel",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        """Start typing straight away."""
        self.query_one("#note-error", Static).display = False
        self.query_one("#session-note", Input).focus()

    @on(Input.Submitted, "#session-note")
    def note_submitted(self, event: Input.Submitted) -> None:
        """Dismiss with the cleaned note, or explain why it cannot be used."""
        event.stop()
        try:
            note = clean_user_text(event.value, field="Note")
        except UserTextError as error:
            message = self.query_one("#note-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(note)

    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)
