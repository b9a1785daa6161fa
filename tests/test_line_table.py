"""The virtual table History lists its entries in: drawn as a DataTable draws its rows, its
rows made only when they are on screen."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from rich.text import Text as RichText
from textual.app import App, ComposeResult

from crampui.ui.widgets import line_table
from crampui.ui.widgets.line_table import LineTable, TableColumn
from tests.waiting import wait_until

pytestmark = pytest.mark.ui

COLUMNS = [
    TableColumn("when", RichText("When"), 16),
    TableColumn("outcome", RichText("Outcome"), 12),
    TableColumn("note", RichText("Note"), 10),
]
CELLS = [
    [RichText("Wed 25 Nov 18:05"), RichText("no cramp"), RichText("")],
    [RichText("far longer than sixteen"), RichText("cramp ⚑", style="bold"), RichText("x")],
    [RichText("on its own", style="italic"), RichText("日本語のテキスト"), RichText("🦵 leg")],
    [
        RichText("1"),
        RichText("3 done, 1 skip"),
        RichText("a note that goes on and on", no_wrap=True, overflow="ellipsis"),
    ],
    [RichText("日本語のテキストと"), RichText("é" * 20), RichText("tab\there")],
]


class TableApp(App[None]):
    """A table alone."""

    def compose(self) -> ComposeResult:
        """The table."""
        yield LineTable(id="table")


def cells_of(index: int) -> Sequence[RichText]:
    """The sample cells, over and over."""
    return CELLS[index % len(CELLS)]


async def test_a_row_is_drawn_as_a_data_table_draws_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick way of drawing a plain cell gives the same segments as Rich's (which a
    DataTable uses), cut, padded, styled, with and without the cursor, wide characters too."""
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(LineTable)
        table.show_rows(COLUMNS, len(CELLS), cells_of)
        table.focus()
        await wait_until(pilot, lambda: table.has_focus and table.drawn_width, "the table drawn")
        rows = [(row, cursor) for row in range(-1, len(CELLS)) for cursor in (False, True)]
        quick = [list(table.render_row(row, cursor)) for row, cursor in rows]
        monkeypatch.setattr(line_table, "plain_cell", lambda _cell, _width: None)
        rich = [list(table.render_row(row, cursor)) for row, cursor in rows]
    assert quick == rich
    long_note = quick[rows.index((3, False))]
    assert any("…" in segment.text for segment in long_note), "the long note is cut"


async def test_only_the_rows_on_screen_are_made() -> None:
    """Listing 100,000 rows asks for the cells of the rows drawn only; End draws the last."""
    asked: list[int] = []

    def counted(index: int) -> Sequence[RichText]:
        asked.append(index)
        return cells_of(index)

    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(LineTable)
        table.show_rows(COLUMNS, 100_000, counted)
        table.focus()
        await wait_until(pilot, lambda: bool(asked), "the first rows drawn")
        assert max(asked) < table.size.height
        await pilot.press("end")
        await wait_until(pilot, lambda: 99_999 in asked, "the last row drawn")
        assert table.cursor_row == 99_999
        assert len(set(asked)) < 3 * table.size.height
