"""The session editor: a saved session's items, time, note and outcome, or a past session
added after the fact ("I forgot yesterday").

It edits a copy and dismisses with an :class:`~crampui.checklist.session_edit.EditedSession` (None
when cancelled); the History tab stores it. The outcome goes through the shared outcome flow, so the
red-flag questions are asked and their record is kept as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.widgets import Button, Input, Static

from crampui.checklist.session_edit import (
    TIME_EXAMPLE,
    EditedSession,
    EditorRow,
    local_text,
    parse_local_time,
)
from crampui.content.place import place_summary
from crampui.content.store import Content
from crampui.history import Outcome, Session
from crampui.history.entry import parse_note
from crampui.history.records import MAX_NOTE_LENGTH
from crampui.ui.screens.dialog import Dialog
from crampui.ui.screens.outcome import cramp_summary
from crampui.ui.screens.outcome_flow import OUTCOME_GROUP, ask_outcome
from crampui.ui.widgets.bounded_input import BoundedInput
from crampui.ui.widgets.item_states import ItemStates

NOTHING_TO_SAVE = "Nothing to save yet: tick or skip an item (space, s), or add an outcome."


def outcome_text(outcome: Outcome | None) -> Text:
    """The outcome in a few words, user text literal: "cramp 6/10, lower back · ⚑ advice"."""
    if outcome is None:
        return Text.styled("none yet", "$text-muted")
    place = place_summary(outcome) if outcome.cramped else ""
    parts: list[Text | tuple[str, str] | str] = [
        cramp_summary(outcome) + (f", {place}" if place else "")
    ]
    if outcome.advice_shown:
        parts.append((" · ⚑ advice shown", "bold $text-error"))
    return Text.assemble(*parts)


class SessionEditorScreen(Dialog[EditedSession | None]):
    """Edit ``session`` (None: a new past session numbered ``number``) starting from ``rows``
    and ``saved_at``; ``now`` gives the current time (nothing may be moved after it)."""

    CSS_PATH = ["dialogs.tcss", "session_editor.tcss"]  # type: ignore[assignment]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall"), (34, "-roomy")]
    """Below 34 rows the editor takes the whole height and its list of items scrolls."""
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        content: Content,
        rows: tuple[EditorRow, ...],
        saved_at: datetime,
        now: Callable[[], datetime],
        *,
        session: Session | None = None,
        number: int = 1,
    ) -> None:
        """Edit ``rows`` at ``saved_at``; the note and outcome come from ``session`` if given."""
        super().__init__()
        self.content = content
        self.rows = rows
        self.saved_at = saved_at
        self.now = now
        self.session = session
        self.number = session.id if session is not None else number
        self.outcome = session.outcome if session is not None else None
        self.time_text = local_text(saved_at)

    def compose_dialog(self) -> ComposeResult:
        """Title, time, items, note, outcome, a place for errors, and the buttons."""
        if self.session is None:
            title = f"Add a past session (#{self.number})"
        else:
            title = f"Edit session #{self.number}"
        with Vertical(classes="dialog editor-dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Horizontal(classes="editor-field"):
                yield Static("When", classes="editor-label")
                yield Input(
                    self.time_text, placeholder=TIME_EXAMPLE, id="editor-when", compact=True
                )
                yield Static("local time", classes="editor-aside")
            yield Static(
                Text.assemble(
                    ("Items", "bold"), ("  space done / not done · s skip", "$text-muted")
                ),
                classes="editor-section",
            )
            yield ItemStates(self.rows, id="editor-items")
            with Horizontal(classes="editor-field"):
                yield Static("Note", classes="editor-label")
                yield BoundedInput(
                    "" if self.session is None else self.session.note,
                    limit=MAX_NOTE_LENGTH,
                    placeholder="optional, e.g. stiff after the drive",
                    id="editor-note",
                    compact=True,
                )
            with Horizontal(classes="editor-field", id="editor-outcome-field"):
                yield Static("Outcome", classes="editor-label")
                yield Static(outcome_text(self.outcome), id="editor-outcome")
                yield Button("Change…", id="editor-outcome-change", compact=True)
            yield Static("", id="editor-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="editor-save", compact=True)
                yield Button("Cancel", id="editor-cancel", compact=True)
            yield Static("ctrl+s saves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start on the items; clear the toasts, which would cover the buttons."""
        self.app.clear_notifications()
        self.query_one("#editor-error").display = False
        items = self.query_one(ItemStates)
        items.highlighted = 0 if self.rows else None
        items.focus()

    def show_error(self, message: str) -> None:
        """Show ``message`` under the fields (hide the error line when empty)."""
        error = self.query_one("#editor-error", Static)
        error.update(message)
        error.display = bool(message)

    def read_time(self) -> datetime:
        """The time in the When box; the session's own (to the second) while it is unchanged."""
        text = self.query_one("#editor-when", Input).value
        if text.strip() == self.time_text:
            return self.saved_at
        return parse_local_time(text, self.now(), "When")

    def draft(self) -> Session:
        """The session as the editor holds it now (for the outcome dialog: its title and the
        note as typed here)."""
        try:
            saved_at = self.read_time()
        except ValueError:
            saved_at = self.saved_at
        items = tuple(row.record() for row in self.query_one(ItemStates).rows)
        note = self.query_one("#editor-note", Input).value
        if self.session is not None:
            return Session(
                self.session.id,
                self.session.seq,
                saved_at,
                items,
                note,
                self.outcome,
                uid=self.session.uid,
            )
        return Session(self.number, self.number, saved_at, items, note, self.outcome)

    def action_change_outcome(self) -> None:
        """Ask how it went (and the red-flag questions after a cramp), keeping the record; the
        dialog's note is this editor's note box."""

        async def flow() -> None:
            answer = await ask_outcome(self, self.draft(), self.content)
            if answer is not None:
                self.outcome = answer.outcome
                self.query_one("#editor-outcome", Static).update(outcome_text(answer.outcome))
                self.query_one("#editor-note", Input).value = answer.note
            self.query_one("#editor-outcome-change", Button).focus()

        self.run_worker(flow(), group=OUTCOME_GROUP, exclusive=True)

    def action_save(self) -> None:
        """Dismiss with the edited session, or say what to fix and stay open."""
        try:
            saved_at = self.read_time()
            note = parse_note(self.query_one("#editor-note", Input).value)
        except ValueError as error:
            self.show_error(str(error))
            return
        items = tuple(row.record() for row in self.query_one(ItemStates).rows)
        nothing = all(item.state == "pending" for item in items) and self.outcome is None
        if self.session is None and nothing:
            self.show_error(NOTHING_TO_SAVE)
            return
        self.dismiss(EditedSession(items, saved_at, note, self.outcome))

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    def field_submitted(self, event: Input.Submitted) -> None:
        """Enter in the time or note box saves."""
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#editor-outcome-change")
    def change_pressed(self, event: Button.Pressed) -> None:
        """The Change… button opens the outcome dialog."""
        event.stop()
        self.action_change_outcome()

    @on(Button.Pressed, "#editor-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        """The Save button saves."""
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#editor-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        """The Cancel button cancels."""
        event.stop()
        self.action_cancel()
