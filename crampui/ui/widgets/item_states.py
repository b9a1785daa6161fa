"""The session editor's list of items: each done, skipped (with a reason) or not done."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.content import Content as Text
from textual.widgets import OptionList

from crampui.checklist.session_edit import EditorRow
from crampui.history import ItemState
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.checklist_item import MARKS

UNLISTED = "not on your checklist now"


def row_text(row: EditorRow) -> Text:
    """The row: mark, label, and the skip reason or a note that the item is unlisted (literal)."""
    mark, style = MARKS[row.state]
    parts: list[Text | tuple[str, str] | str] = [(mark, style), " ", row.label]
    if row.state == "skipped":
        why = f"skipped: {row.reason}" if row.reason else "skipped"
        parts += ["  ", (why, "italic $text-warning")]
    if not row.listed:
        parts += ["  ", (f"({UNLISTED})", "$text-muted")]
    return Text.assemble(*parts)


class ItemStates(OptionList):
    """The items of a session; space ticks the highlighted one done (again: not done), s skips
    it with an optional reason."""

    BINDINGS = [
        Binding("space", "tick", "Done / not done"),
        Binding("s", "skip", "Skip"),
    ]

    def __init__(self, rows: tuple[EditorRow, ...], id: str | None = None) -> None:
        """List ``rows``."""
        super().__init__(*(row_text(row) for row in rows), id=id)
        self.rows = list(rows)

    def set_row(self, index: int, row: EditorRow) -> None:
        """Replace row ``index`` with ``row`` and redraw it."""
        self.rows[index] = row
        self.replace_option_prompt_at_index(index, row_text(row))

    def action_tick(self) -> None:
        """Done, or back to not done if it was done."""
        index = self.highlighted
        if index is not None:
            row = self.rows[index]
            state: ItemState = "pending" if row.state == "done" else "done"
            self.set_row(index, replace(row, state=state, reason=""))

    def action_skip(self) -> None:
        """Ask for an optional reason, then mark the highlighted item skipped."""
        index = self.highlighted
        if index is None:
            return
        row = self.rows[index]

        def skipped(reason: str | None) -> None:
            if reason is not None:
                self.set_row(index, replace(row, state="skipped", reason=reason))

        self.app.push_screen(SkipReasonScreen(row.label, row.reason), skipped)
