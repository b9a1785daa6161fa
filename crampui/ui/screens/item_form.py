"""Add an own checklist item (label, detail, causes), or give an item a new label."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from crampui.history.item_settings import MAX_DETAIL_LENGTH, MAX_LABEL_LENGTH
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput


@dataclass(frozen=True)
class ItemFields:
    """What the form holds, as typed (the caller checks and cleans it)."""

    label: str
    detail: str = ""
    causes: str = ""


class ItemFormScreen(Dialog[bool]):
    """A label (and, to add an item, a detail and cause numbers), applied by ``apply``.

    ``apply`` stores the fields (awaited, so the store can write in its own thread) or raises
    ValueError; its message is shown in the form, which stays open to be corrected and nothing
    typed is lost. Dismissed with True once applied, False on escape.
    """

    CSS_PATH = ["dialogs.tcss", "item_form.tcss"]  # type: ignore[assignment]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        apply: Callable[[ItemFields], Awaitable[None]],
        *,
        label: str = "",
        details: bool = True,
    ) -> None:
        """A form called ``title`` starting from ``label``; ``details`` adds detail and causes."""
        super().__init__()
        self.title_text = title
        self.apply = apply
        self.label = label
        self.details = details
        self.applying = False
        """Whether the fields are being applied: another enter meanwhile does nothing."""

    def compose_dialog(self) -> ComposeResult:
        """The title, the fields, a place for errors and a hint."""
        with Vertical(classes="dialog item-form"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with Horizontal(classes="field"):
                yield Static("Label", classes="field-label")
                yield BoundedInput(
                    self.label,
                    limit=MAX_LABEL_LENGTH,
                    placeholder="e.g. Took magnesium",
                    id="item-label",
                )
            if self.details:
                with Horizontal(classes="field"):
                    yield Static("Detail", classes="field-label")
                    yield BoundedInput(
                        limit=MAX_DETAIL_LENGTH, placeholder="optional", id="item-detail-text"
                    )
                with Horizontal(classes="field"):
                    yield Static("Causes", classes="field-label")
                    yield Input(placeholder="optional numbers, e.g. 1 4", id="item-causes-text")
            yield Static("", id="item-form-error", classes="dialog-error", markup=False)
            # "tab next field" only where there is another field to go to.
            fields = " · tab next field" if self.details else ""
            yield Static(
                f"enter to save{fields} · escape to cancel", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        """Start typing the label straight away."""
        self.query_one("#item-form-error", Static).display = False
        self.query_one("#item-label", Input).focus()

    def fields(self) -> ItemFields:
        """The fields as typed."""
        label = self.query_one("#item-label", Input).value
        if not self.details:
            return ItemFields(label)
        return ItemFields(
            label,
            self.query_one("#item-detail-text", Input).value,
            self.query_one("#item-causes-text", Input).value,
        )

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter in any field applies the form (in a worker), once at a time."""
        event.stop()
        if not self.applying:
            self.applying = True
            self.run_worker(self.apply_fields(self.fields()), group="item-form")

    async def apply_fields(self, fields: ItemFields) -> None:
        """Apply ``fields`` and close, or say in the form what to correct."""
        try:
            await self.apply(fields)
        except ValueError as error:
            message = self.query_one("#item-form-error", Static)
            message.update(str(error))
            message.display = True
            self.applying = False
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(False)
