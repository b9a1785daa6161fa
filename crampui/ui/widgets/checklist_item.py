"""How one checklist item looks: its row in the list, and the detail box for the focused item."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from crampui.checklist.items import YOUR_ITEM
from crampui.content.store import ChecklistItem, Content
from crampui.history import ItemRecord, ItemState
from crampui.ui.widgets.steady_option_list import SteadyOptionList

MARKS: dict[ItemState, tuple[str, str]] = {
    "pending": ("[ ]", "$text-muted"),
    "done": ("[✓]", "bold $text-success"),
    "skipped": ("[–]", "bold $text-warning"),
}
"""The literal mark and its style for each item state."""


def item_row(item: ChecklistItem, record: ItemRecord) -> Text:
    """The list row for ``item``: mark, label and, when skipped, the reason (all literal)."""
    mark, style = MARKS[record.state]
    row = Text.assemble((mark, style), " ", item.label)
    if record.state == "skipped":
        why = f"skipped: {record.reason}" if record.reason else "skipped"
        row = Text.assemble(row, "\n    ", (why, "italic $text-muted"))
    return row


def causes_heading(item: ChecklistItem, *, own: bool) -> str:
    """How the item's causes are introduced: a habit helps prevent them, a safety check
    looks for their signs, the user's own item relates to them."""
    if own:
        return "Relates to: "
    return "Checks for signs of: " if item.is_safety_check else "Helps prevent: "


MARK_COLUMNS = 4
"""Columns of a row's mark and the space after it ("[✓] "): a click there ticks the item."""


class ChecklistList(SteadyOptionList):
    """The checklist's rows: a click on the mark ticks the item (selects it, as enter does);
    a click on the label only highlights it, to read about it. On a touch screen (the app's
    ``-touch`` class: a phone or a browser) a tap anywhere on the row ticks it, since a
    finger cannot aim at a three-column mark."""

    async def _on_click(self, event: events.Click) -> None:
        """Highlight the clicked row; select it if the click was on its mark, or a tap."""
        event.prevent_default()  # instead of OptionList's click, which always selects
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.x - self.gutter.left < MARK_COLUMNS or self.app.has_class("-touch"):
            self.action_select()


def is_red_flag_item(content: Content, item: ChecklistItem) -> bool:
    """Whether ``item`` guards against a cause that needs a professional."""
    return any(cause.red_flag for cause in content.causes_for(item))


class ItemDetail(VerticalScroll):
    """The focused item's detail sentence, the causes it helps prevent and any red-flag advice."""

    def __init__(self, content: Content, id: str | None = None) -> None:
        """Create an empty detail box for items from ``content``."""
        super().__init__(id=id)
        self.content = content

    def compose(self) -> ComposeResult:
        """The detail, causes, state and red-flag banner."""
        yield Static(id="item-own")
        yield Static(id="item-detail", markup=False)
        yield Static(id="item-causes")
        yield Static(id="item-state")
        yield Static(id="item-red-flag", classes="banner red-flag")

    def show(self, item: ChecklistItem, record: ItemRecord, *, own: bool = False) -> None:
        """Describe ``item`` in its current state ``record``; ``own`` marks the user's item."""
        mark = self.query_one("#item-own", Static)
        mark.display = own
        mark.update(Text.styled(YOUR_ITEM.capitalize(), "bold $accent"))
        detail = self.query_one("#item-detail", Static)
        detail.display = bool(item.detail)
        detail.update(item.detail)
        causes = ", ".join(cause.title for cause in self.content.causes_for(item))
        causes_line = self.query_one("#item-causes", Static)
        causes_line.display = bool(causes)
        causes_line.update(Text.assemble((causes_heading(item, own=own), "bold $accent"), causes))
        state = self.query_one("#item-state", Static)
        state.display = record.state == "skipped"
        state.update(
            Text.assemble(
                ("Skipped", "bold $text-warning"),
                f": {record.reason}" if record.reason else " (no reason given)",
            )
        )
        banner = self.query_one("#item-red-flag", Static)
        banner.display = is_red_flag_item(self.content, item)
        banner.update(
            Text.assemble(
                ("See a healthcare professional", "bold"),
                " before stretching if you have any of these.",
            )
        )
