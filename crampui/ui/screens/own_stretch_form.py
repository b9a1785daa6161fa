"""Add an own stretch to the routine: a name, and a note shown on the timer as its cue."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from crampui.checklist.routines import MAX_NAME_LENGTH, MAX_NOTE_LENGTH
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput


class OwnStretchScreen(Dialog[bool]):
    """A name and a note, applied by ``apply(name, note)``.

    ``apply`` stores them or raises ValueError; its message is shown in the form, which stays
    open to be corrected. Dismissed with True once applied, False on escape.
    """

    CSS_PATH = ["dialogs.tcss", "item_form.tcss"]  # type: ignore[assignment]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, apply: Callable[[str, str], None]) -> None:
        """A form whose fields go to ``apply``."""
        super().__init__()
        self.apply = apply

    def compose_dialog(self) -> ComposeResult:
        """The title, the two fields, a place for errors and a hint."""
        with Vertical(classes="dialog item-form"):
            yield Static("Add your own stretch", classes="dialog-title", markup=False)
            with Horizontal(classes="field"):
                yield Static("Name", classes="field-label")
                yield BoundedInput(
                    limit=MAX_NAME_LENGTH, placeholder="e.g. Wall sit", id="own-stretch-name"
                )
            with Horizontal(classes="field"):
                yield Static("Note", classes="field-label")
                yield BoundedInput(
                    limit=MAX_NOTE_LENGTH,
                    placeholder="optional, shown on the timer",
                    id="own-stretch-note",
                )
            yield Static("", id="own-stretch-error", classes="dialog-error", markup=False)
            yield Static(
                "enter to add · tab next field · escape to cancel",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        """Start typing the name straight away."""
        self.query_one("#own-stretch-error", Static).display = False
        self.query_one("#own-stretch-name", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter in either field applies the form, or says what to correct."""
        event.stop()
        name = self.query_one("#own-stretch-name", Input).value
        note = self.query_one("#own-stretch-note", Input).value
        try:
            self.apply(name, note)
        except ValueError as error:
            message = self.query_one("#own-stretch-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(False)
