"""Find in history: a small dialog for the History table's filter (text, cramp, date range).

The dialog is built once per app and kept (installed as :data:`FIND_SCREEN`): each later ``/``
fills the same widgets with the filter in use and shows them again
(:meth:`FilterHistoryScreen.show`).
"""

from __future__ import annotations

from typing import cast

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ScreenResultCallbackType
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from crampui.insights.history_filter import (
    DATE_FORMAT,
    MAX_FILTER_TEXT,
    CrampChoice,
    HistoryFilter,
    parse_filter,
)
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput

CRAMP_LABELS: tuple[tuple[CrampChoice, str], ...] = (("any", "Any"), ("yes", "Yes"), ("no", "No"))
FIND_SCREEN = "find-in-history"
"""The name the Find dialog is installed under in the app, once it has been built."""


class FilterHistoryScreen(Dialog[HistoryFilter | None]):
    """Edit the History filter; dismiss with the new one (empty after Clear), None on escape."""

    CSS_PATH = ["dialogs.tcss", "filter_history.tcss"]  # type: ignore[assignment]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
    ]

    def __init__(self, current: HistoryFilter) -> None:
        """Start from the ``current`` filter."""
        super().__init__()
        self.current = current

    @classmethod
    def show(
        cls,
        app: App[object],
        current: HistoryFilter,
        chosen: ScreenResultCallbackType[HistoryFilter | None],
    ) -> FilterHistoryScreen:
        """Open the dialog on ``current`` in ``app``; ``chosen`` gets what it is dismissed with.

        The first time it is built and installed; after that the same dialog is filled with
        ``current`` and shown again, so it opens without building a widget.
        """
        if app.is_screen_installed(FIND_SCREEN):
            screen = app.get_screen(FIND_SCREEN)
            assert isinstance(screen, cls)
            screen.fill(current)
        else:
            screen = cls(current)
            app.install_screen(screen, FIND_SCREEN)
        app.push_screen(screen, chosen)
        return screen

    def compose_dialog(self) -> ComposeResult:
        """Text, cramp, from and to, a place for errors, and the buttons."""
        current = self.current
        with Vertical(classes="dialog filter-dialog"):
            yield Static("Find in history", classes="dialog-title")
            with Horizontal(classes="filter-field"):
                yield Static("Text", classes="filter-label")
                yield BoundedInput(
                    current.text,
                    limit=MAX_FILTER_TEXT,
                    placeholder="in notes, stretches, skip reasons, where it cramped",
                    id="filter-text",
                    compact=True,
                )
            with Horizontal(classes="filter-field"):
                yield Static("Cramp", classes="filter-label")
                with RadioSet(id="filter-cramp", classes="yes-no", compact=True):
                    for choice, label in CRAMP_LABELS:
                        yield RadioButton(
                            label, value=current.cramp == choice, id=f"filter-cramp-{choice}"
                        )
            with Horizontal(classes="filter-field"):
                yield Static("From", classes="filter-label")
                yield Input(
                    "" if current.start is None else current.start.strftime(DATE_FORMAT),
                    placeholder="YYYY-MM-DD",
                    id="filter-from",
                    compact=True,
                )
                yield Static("To", classes="filter-label filter-to")
                yield Input(
                    "" if current.end is None else current.end.strftime(DATE_FORMAT),
                    placeholder="YYYY-MM-DD",
                    id="filter-to",
                    compact=True,
                )
            yield Static("", id="filter-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply", compact=True)
                yield Button("Clear", id="filter-clear", compact=True)
                yield Button("Cancel", id="filter-cancel", compact=True)
            yield Static("enter applies · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start typing the text straight away."""
        self.query_one("#filter-error").display = False
        self.query_one("#filter-text", Input).focus()

    def fill(self, current: HistoryFilter) -> None:
        """Show ``current`` in the fields as a newly built dialog would: no error, the text
        focused and selected (typing replaces it)."""
        self.current = current
        dates = (current.start, current.end)
        for field, value in zip(
            ("#filter-text", "#filter-from", "#filter-to"),
            (current.text, *("" if day is None else day.strftime(DATE_FORMAT) for day in dates)),
            strict=True,
        ):
            box = self.query_one(field, Input)
            box.value = value
            box.cursor_position = len(value)
        # The radio set turns the button pressed before off itself (one button is always on).
        self.query_one(f"#filter-cramp-{current.cramp}", RadioButton).value = True
        self.query_one("#filter-error").display = False
        text = self.query_one("#filter-text", Input)
        if self.focused is text:
            text.select_all()  # as focusing it does: typing replaces the text
        else:
            self.set_focus(text)

    def cramp(self) -> CrampChoice:
        """The cramp choice: any, yes or no."""
        pressed = self.query_one("#filter-cramp", RadioSet).pressed_button
        choice = "any" if pressed is None or pressed.id is None else pressed.id.rsplit("-", 1)[1]
        return cast(CrampChoice, choice)

    def action_apply(self) -> None:
        """Dismiss with the filter the fields describe, or say what to fix."""
        try:
            wanted = parse_filter(
                self.query_one("#filter-text", Input).value,
                self.cramp(),
                self.query_one("#filter-from", Input).value,
                self.query_one("#filter-to", Input).value,
            )
        except ValueError as error:
            message = self.query_one("#filter-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(wanted)

    def radio_enter(self, radio_set: RadioSet) -> None:
        """Enter on the cramp choice applies the filter (space or the arrows choose)."""
        self.action_apply()

    def action_cancel(self) -> None:
        """Keep the filter as it was."""
        self.dismiss(None)

    @on(Input.Submitted)
    def field_submitted(self, event: Input.Submitted) -> None:
        """Enter in any box applies."""
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#filter-apply")
    def apply_pressed(self, event: Button.Pressed) -> None:
        """Apply applies."""
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#filter-clear")
    def clear_pressed(self, event: Button.Pressed) -> None:
        """Clear shows everything again."""
        event.stop()
        self.dismiss(HistoryFilter())

    @on(Button.Pressed, "#filter-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        """Cancel keeps the filter as it was."""
        event.stop()
        self.action_cancel()
