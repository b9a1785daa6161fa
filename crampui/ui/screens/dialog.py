"""What the outcome, red-flag and skip-reason dialogs share: their own footer (the app's one-line
:class:`AppFooter`), and focus keys that act the moment they arrive."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import RadioSet

from crampui.ui.widgets.app_footer import AppFooter

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal dialog with a footer showing its own keys (not those of the tab behind it), drawn
    by the app's :class:`AppFooter` as on the main screen.

    Tab and shift+tab are priority bindings: focus moves when the key arrives, so the keys
    typed after it (a paste, a fast typist, a busy machine) reach the field it moved to. The
    keys of a focused radio set (arrows, space, enter) act when they arrive too: as ordinary
    bindings they would be looked up from wherever focus is by the time they are handled.
    Subclasses build the dialog in :meth:`compose_dialog`.
    """

    CSS_PATH = "dialogs.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    """Below 24 rows the screen has the class -short, and the dialogs draw their fields flat."""
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False, priority=True),
        Binding("left,up", "radio('previous')", show=False, priority=True),
        Binding("right,down", "radio('next')", show=False, priority=True),
        Binding("space", "radio('toggle')", show=False, priority=True),
        Binding("enter", "radio('enter')", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        """The dialog, then the footer."""
        yield from self.compose_dialog()
        yield AppFooter()

    def compose_dialog(self) -> ComposeResult:
        """The dialog's widgets."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Radio keys only act on a focused radio set; elsewhere they reach the focused widget."""
        if action == "radio":
            return isinstance(self.focused, RadioSet)
        return True

    def action_radio(self, key: str) -> None:
        """Move the focused radio set's cursor, press its highlighted button, or (enter)
        whatever :meth:`radio_enter` does."""
        radio_set = self.focused
        if not isinstance(radio_set, RadioSet):
            return
        if key == "previous":
            radio_set.action_previous_button()
        elif key == "next":
            radio_set.action_next_button()
        elif key == "enter":
            self.radio_enter(radio_set)
        else:
            radio_set.action_toggle_button()

    def radio_enter(self, radio_set: RadioSet) -> None:
        """Enter on a radio set presses its highlighted button."""
        radio_set.action_toggle_button()
