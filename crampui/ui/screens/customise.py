"""Customise the checklist: add own items, hide or show, rename and reorder any item.

Every change is stored at once (:mod:`crampui.checklist.items` works it out, the history
store keeps it, in the store's thread: the screen is redrawn when the write is done); the
Checklist tab follows when the screen closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content as Text
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from crampui.checklist import items as checklist_items
from crampui.checklist.items import Entry
from crampui.content.store import Content
from crampui.history import HistoryError, HistoryStore
from crampui.history.item_settings import ItemSetting
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.item_form import ItemFields, ItemFormScreen
from crampui.ui.store_thread import in_store_thread
from crampui.ui.widgets.app_footer import AppFooter

FOOTER_KEPT = (
    "close",
    "add",
    "toggle_hidden('hide')",
    "toggle_hidden('show')",
    "rename",
    "move(-1)",
    "move(1)",
    "help",
)
"""The keys that stay in the footer on a narrow terminal, where not all of them fit."""


def entry_row(entry: Entry) -> Text:
    """The list row: position, label (literal) and the "your item" / "hidden" marks."""
    label_style = "$text-muted strike" if entry.hidden else ""
    row = Text.assemble((f"{entry.position:>2}  ", "$text-muted"), (entry.label, label_style))
    for mark in entry.marks:
        row = Text.assemble(row, "  ", (mark, "italic $accent"))
    return row


class CustomiseScreen(Screen[None]):
    """Every checklist item, hidden ones included, and the keys that change them."""

    CSS_PATH = "customise.tcss"
    TITLE = "Customise your checklist"
    SUB_TITLE = "saved at once"
    BINDINGS = [
        Binding("a", "add", "Add"),
        # One h per direction: the footer says what h does to the highlighted item.
        Binding("h", "toggle_hidden('hide')", "Hide"),
        Binding("h", "toggle_hidden('show')", "Show"),
        Binding("r", "rename", "Rename"),
        Binding("left_square_bracket,shift+up", "move(-1)", "Up", key_display="["),
        Binding("right_square_bracket,shift+down", "move(1)", "Down", key_display="]"),
        Binding("escape", "close", "Done"),
    ]

    def __init__(
        self, content: Content, store: HistoryStore, settings: Sequence[ItemSetting] = ()
    ) -> None:
        """Customise the checklist of ``content`` as stored in ``store``, shown at first as
        ``settings`` (as last read) until the store is read again."""
        super().__init__()
        self.content = content
        self.store = store
        self.settings = list(settings)
        self.entries: list[Entry] = []
        self.in_turn = asyncio.Lock()
        """Held by each read and change until it is shown: a change is worked out from what
        the one before it stored, so keys pressed in a burst all count."""

    def compose(self) -> ComposeResult:
        """The list of items, the highlighted item's description, and the footer."""
        yield Header()
        with Vertical(id="customise-body"):
            yield OptionList(id="customise-items")
            yield Static(id="customise-detail")
        yield AppFooter(FOOTER_KEPT)

    def on_mount(self) -> None:
        """Show the checklist as last read, the cursor on its first item, and read it again."""
        self.show_items(self.settings)
        self.query_one("#customise-items", OptionList).focus()
        self.run_worker(self.read_items(), group="customise")

    # -- display -----------------------------------------------------------------------------

    async def read_items(self) -> None:
        """Read the checklist in the store's thread and show it when read, if it changed."""
        async with self.in_turn:
            try:
                settings = await in_store_thread(self.store, self.store.item_settings)
            except (HistoryError, ValueError) as error:
                message = f"Could not read your checklist: {error}"
                self.notify(message, severity="error", markup=False)
                return
            if settings != self.settings:
                self.show_items(settings)

    def show_items(self, settings: Sequence[ItemSetting], keep: str | None = None) -> None:
        """Show the checklist as ``settings`` set it, the cursor on ``keep`` (or where it was)."""
        self.settings = list(settings)
        option_list = self.query_one("#customise-items", OptionList)
        current = self.highlighted()
        keep = keep or (current.id if current else None)
        self.entries = checklist_items.entries(self.content, self.settings)
        option_list.clear_options()
        option_list.add_options([Option(entry_row(e), id=e.id) for e in self.entries])
        ids = [entry.id for entry in self.entries]
        option_list.highlighted = ids.index(keep) if keep in ids else 0
        self.show_detail()

    def highlighted(self) -> Entry | None:
        """The item under the cursor."""
        index = self.query_one("#customise-items", OptionList).highlighted
        return None if index is None or index >= len(self.entries) else self.entries[index]

    @on(OptionList.OptionHighlighted, "#customise-items")
    def show_detail(self) -> None:
        """Describe the highlighted item: its label (never its id), marks and causes."""
        entry = self.highlighted()
        self.refresh_bindings()
        detail = self.query_one("#customise-detail", Static)
        if entry is None:
            detail.update("")
            return
        causes = ", ".join(c.title for c in self.content.causes_for(entry.item)) or "none"
        kind = checklist_items.YOUR_ITEM if entry.own else "built in"
        detail.update(
            Text.assemble(
                (entry.label, "bold"),
                f" · {kind}",
                " · hidden" if entry.hidden else "",
                ("\nCauses ", "bold $accent"),
                causes,
            )
        )

    # -- changes -----------------------------------------------------------------------------

    async def store_changes(self, changes: Sequence[ItemSetting], keep: str) -> None:
        """Store ``changes`` in the store's thread, then show the checklist as stored with the
        cursor on ``keep``; ValueError if refused (the screen stays as it was)."""

        def store_then_read() -> list[ItemSetting]:
            self.store.put_item_settings(changes)
            return self.store.item_settings()

        try:
            # Shielded: closing the screen meanwhile does not take back a change asked for.
            settings = await asyncio.shield(in_store_thread(self.store, store_then_read))
        except (HistoryError, ValueError) as error:
            raise ValueError(f"Could not save your checklist: {error}") from error
        self.show_items(settings, keep)

    async def change(self, changes: Sequence[ItemSetting], keep: str) -> None:
        """Store ``changes``, saying so in a notification if the store refuses them."""
        try:
            await self.store_changes(changes, keep)
        except ValueError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)

    def action_add(self) -> None:
        """Ask for an own item's label, detail and causes, and add it at the end."""

        async def add(fields: ItemFields) -> None:
            async with self.in_turn:
                causes = checklist_items.parse_causes(self.content, fields.causes)
                new_id, changes = checklist_items.add(
                    self.content, self.settings, fields.label, fields.detail, causes
                )
                await self.store_changes(changes, new_id)

        self.app.push_screen(ItemFormScreen("Add your own item", add))

    def action_rename(self) -> None:
        """Ask for a new label for the highlighted item (its id stays)."""
        entry = self.highlighted()
        if entry is None:
            return

        async def rename(fields: ItemFields) -> None:
            async with self.in_turn:
                changes = checklist_items.rename(
                    self.content, self.settings, entry.id, fields.label
                )
                await self.store_changes(changes, entry.id)

        form = ItemFormScreen("Rename item", rename, label=entry.label, details=False)
        self.app.push_screen(form)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """h is "Hide" on a shown item, "Show" on a hidden one."""
        if action == "toggle_hidden":
            entry = self.highlighted()
            return entry is not None and parameters == ("show" if entry.hidden else "hide",)
        return True

    def action_toggle_hidden(self, _direction: str) -> None:
        """Hide the highlighted item, or show it again; ask first for a red-flag check."""
        self.run_worker(self.toggle_hidden(), group="customise")

    async def toggle_hidden(self, confirmed: bool = False) -> None:
        """Hide or show the item under the cursor once the changes before it are shown; a
        red-flag item is hidden only once ``confirmed``."""
        async with self.in_turn:
            entry = self.highlighted()
            if entry is None:
                return
            try:
                toggle = checklist_items.show if entry.hidden else checklist_items.hide
                changes = toggle(self.content, self.settings, entry.id)
            except ValueError as error:
                self.notify(str(error), severity="warning", markup=False)
                return
            if (
                confirmed
                or entry.hidden
                or not checklist_items.guards_red_flag(self.content, entry)
            ):
                await self.change(changes, entry.id)
                return

        def answered(hide: bool | None) -> None:
            if hide:
                self.run_worker(self.toggle_hidden(confirmed=True), group="customise")

        question = (
            f"“{entry.label}” checks for signs that need a healthcare professional. "
            "Hide it anyway? (If you have those signs, see one before stretching.)"
        )
        self.app.push_screen(ConfirmScreen(question, "Hide", "Keep it", danger=True), answered)

    def action_move(self, step: int) -> None:
        """Move the highlighted item one place up (-1) or down (1)."""
        self.run_worker(self.move(step), group="customise")

    async def move(self, step: int) -> None:
        """Move the item under the cursor ``step`` places once the changes before it are
        shown."""
        async with self.in_turn:
            entry = self.highlighted()
            if entry is None or not 1 <= entry.position + step <= len(self.entries):
                return
            changes = checklist_items.move(
                self.content, self.settings, entry.id, entry.position + step
            )
            await self.change(changes, entry.id)

    def action_close(self) -> None:
        """Back to the Checklist, which then shows the items as set here."""
        self.dismiss(None)
