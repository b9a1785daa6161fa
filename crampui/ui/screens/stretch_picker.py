"""Choose a stretch to add to the routine: the starter set and the person's own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content as Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crampui.checklist.routines import Routine
from crampui.content.store import Content
from crampui.ui.screens.dialog import Dialog


class StretchPickerScreen(Dialog[str | None]):
    """Every stretch the routine may have, by name; dismissed with the chosen id (None on
    escape). Enter chooses the highlighted one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, content: Content, routine: Routine) -> None:
        """Offer the stretches of ``content`` and the own ones of ``routine``."""
        super().__init__()
        self.content = content
        self.routine = routine

    def compose_dialog(self) -> ComposeResult:
        """The title, the stretches, a hint."""
        with Vertical(classes="dialog stretch-picker"):
            yield Static("Add which stretch?", classes="dialog-title", markup=False)
            options = [
                Option(Text.assemble((s.name, "bold"), ("  " + s.cue, "$text-muted")), id=s.id)
                for s in self.content.stretches
            ]
            options += [
                Option(Text.assemble((own.name, "bold"), ("  your stretch", "italic $accent")),
                       id=own.stretch_id)
                for own in self.routine.own_stretches
            ]  # fmt: skip
            yield OptionList(*options, id="stretch-choices")
            yield Static("enter to add · escape to cancel", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Choose with the arrows straight away."""
        self.query_one("#stretch-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#stretch-choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Dismiss with the chosen stretch's id."""
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
