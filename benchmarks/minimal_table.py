"""The baseline for key-to-screen times: the smallest Textual app with a table like History's.

A header, a table of :data:`ROWS` rows, a detail line naming the highlighted row as History's
does ("#N Mon 01 Jan ..."), and a footer; tab keys and / show a line of text. What a key costs
here is what it costs any Textual app on this machine at this moment.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

ROWS = 200
TOP = 10_000
"""The number of the first row's "session"; each row below is one less."""


class MinimalTable(App[None]):
    """A header, a table, its detail line and a footer."""

    BINDINGS = [("q", "quit", "Quit")]
    CSS = "#table { height: 1fr; } #detail { height: 1; }"

    def compose(self) -> ComposeResult:
        """Header, table, detail line, footer."""
        yield Header()
        yield DataTable(cursor_type="row", id="table")
        yield Static(id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and focus it."""
        table = self.query_one(DataTable)
        table.add_columns("When", "Checklist", "Outcome", "Note")
        for row in range(ROWS):
            table.add_row(f"Mon {row % 28 + 1:02d} Jan 07:00", "5 done · 3 skipped", "—", "")
        table.focus()
        self.show_detail(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Name the highlighted row."""
        self.show_detail(event.cursor_row)

    def show_detail(self, row: int) -> None:
        """Name ``row`` the way History's detail line does (its height is fixed: no layout of
        the screen, which would make this floor higher than it is)."""
        detail = f"#{TOP - row} Mon {row % 28 + 1:02d} Jan"
        self.query_one("#detail", Static).update(detail, layout=False)


if __name__ == "__main__":
    MinimalTable().run()
