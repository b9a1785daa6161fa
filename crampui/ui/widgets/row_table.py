"""A table of rows where Home and End go to the first and the last row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class RowTable(DataTable[Any]):
    """A row-cursor ``DataTable``: Home and End move to the first and last row (a plain
    DataTable scrolls sideways instead); PageUp and PageDown move a page, as there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First row", show=False),
        Binding("end", "last_row", "Last row", show=False),
    ]

    def __init__(self, *, add_all: Callable[[], None] = lambda: None, **options: Any) -> None:
        """A table with a row cursor; ``add_all`` adds any rows not added yet (for a table that
        adds rows as the cursor nears the end), so End reaches the true last row."""
        super().__init__(cursor_type="row", zebra_stripes=True, **options)
        self.add_all = add_all

    def action_first_row(self) -> None:
        """To the first row."""
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        """To the last row (every row added first)."""
        self.add_all()
        self.move_cursor(row=self.row_count - 1)
