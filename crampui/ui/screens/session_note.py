"""Write a note for the checklist run in progress (saved with it; empty to remove it): the
session's one note, which the outcome dialog and the session editor show and edit too."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from crampui.history.entry import parse_note
from crampui.history.records import MAX_NOTE_LENGTH
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput
from crampui.usertext import UserTextError


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
                limit=MAX_NOTE_LENGTH,
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
        """Start typing straight away (focus set now, so keys typed in a burst land in the box)."""
        self.query_one("#note-error", Static).display = False
        self.set_focus(self.query_one("#session-note", Input))

    @on(Input.Submitted, "#session-note")
    def note_submitted(self, event: Input.Submitted) -> None:
        """Dismiss with the cleaned note, or explain why it cannot be used."""
        event.stop()
        try:
            note = parse_note(event.value)
        except UserTextError as error:
            message = self.query_one("#note-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(note)

    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)
