"""A virtual table with a row cursor, drawn line by line (Textual's Line API).

It looks like a row-cursor ``DataTable`` with zebra stripes (same component classes, same
styles), but it holds no rows: it asks for the cells of a row only when that row is drawn, and
keeps the drawn lines in a bounded cache. Listing 100,000 rows is O(1), memory stays bounded at
any size, and a cursor move redraws the two rows it changes (a scroll redraws the visible rows,
from the cache where they were drawn before). ``docs/ARCHITECTURE.md`` has the benchmark that
says why it is not a ``DataTable``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.renderables.styled import Styled
from textual.scroll_view import ScrollView
from textual.strip import Strip

CellsOf = Callable[[int], Sequence[RichText]]
"""The cells of the row at an index, one per column."""

CACHED_LINES = 400
"""Drawn rows kept (a few screens' worth, scrolled both ways)."""


@dataclass(frozen=True)
class TableColumn:
    """A column: its key, its header label and its width (cell padding not included)."""

    key: str
    label: RichText
    width: int


def plain_cell(cell: RichText, width: int) -> tuple[str, int] | None:
    """A cell of one style on one line cut to ``width`` as Rich cuts it (an ellipsis where
    its overflow asks for one), and the blank columns after it; None for any other cell."""
    text = cell.plain
    if cell.spans or "\n" in text or "\t" in text or cell.justify not in (None, "default"):
        return None
    length = cell_len(text)
    if length <= width:
        return text, width - length
    if cell.overflow == "ellipsis":
        return set_cell_size(text, width - 1) + "…", 0
    return set_cell_size(text, width), 0


def no_cells(_index: int) -> Sequence[RichText]:
    """The cells of a table with no rows."""
    return ()


class LineTable(ScrollView, can_focus=True):
    """A row-cursor table whose rows are made on demand by a function of their index.

    Up and Down move a row, PageUp and PageDown a page, Home and End to the first and the last
    row; enter (or a click on the cursor's row) selects it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "First row", show=False),
        Binding("end,ctrl+end", "last_row", "Last row", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "datatable--header",
        "datatable--cursor",
        "datatable--even-row",
        "datatable--odd-row",
    }

    # DataTable's own styles for the parts this table has, so the two look the same.
    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .datatable--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowHighlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: LineTable, cursor_row: int) -> None:
            """The cursor of ``table`` is now on ``cursor_row``."""
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> LineTable:
            """The table (for ``@on`` selectors)."""
            return self.table

    class RowSelected(RowHighlighted):
        """The row under the cursor was selected (enter, or a click on it)."""

    def __init__(
        self,
        *,
        cell_padding: int = 1,
        highlighted: Callable[[int], None] | None = None,
        id: str | None = None,
    ) -> None:
        """An empty table; :meth:`show_rows` gives it columns and rows. ``highlighted`` is
        called with the cursor's new row as it moves, before :class:`RowHighlighted` is
        posted, so what it changes is drawn in the same frame as the cursor."""
        super().__init__(id=id)
        self.highlighted = highlighted
        self.cell_padding = cell_padding
        self.table_columns: tuple[TableColumn, ...] = ()
        self.row_count = 0
        self.cells_of: CellsOf = no_cells
        self.cursor_row = 0
        self.lines: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(CACHED_LINES)
        """Drawn rows by index, cursor on it, focus; cleared when anything they show changes."""
        self.drawn_width = 0
        """The width the rows in :attr:`lines` were drawn for."""
        self.drawn_height = 0
        """The height the table had before its latest resize."""

    # -- what it lists --------------------------------------------------------------------------

    def show_rows(self, columns: Sequence[TableColumn], count: int, cells_of: CellsOf) -> None:
        """List ``count`` rows in ``columns``; ``cells_of(index)`` makes a row's cells when it
        is drawn. The cursor stays on its index (the last row if there are fewer now)."""
        self.table_columns = tuple(columns)
        self.row_count = count
        self.cells_of = cells_of
        self.cursor_row = max(0, min(self.cursor_row, count - 1))
        self.lines.clear()
        width = sum(column.width + 2 * self.cell_padding for column in self.table_columns)
        self.virtual_size = Size(width, count + 1)  # the header, then the rows
        self.refresh()

    @property
    def columns(self) -> dict[str, TableColumn]:
        """The columns by key, in order."""
        return {column.key: column for column in self.table_columns}

    def get_column_index(self, key: str) -> int:
        """The index of the column ``key`` (KeyError if there is none)."""
        for index, column in enumerate(self.table_columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def get_row_at(self, index: int) -> list[RichText]:
        """The cells of the row at ``index`` (IndexError if there is none)."""
        if not 0 <= index < self.row_count:
            raise IndexError(index)
        return list(self.cells_of(index))

    # -- the cursor ---------------------------------------------------------------------------

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        """Put the cursor on ``row`` (kept within the rows) and bring it into view."""
        row = max(0, min(row, self.row_count - 1))
        old, self.cursor_row = self.cursor_row, row
        if scroll:
            self.scroll_to_cursor()
        if row != old:
            self.refresh_row(old)
            self.refresh_row(row)
            if self.row_count:
                if self.highlighted is not None:
                    self.highlighted(row)
                self.post_message(self.RowHighlighted(self, row))

    def refresh_row(self, row: int) -> None:
        """Draw the row at ``row`` again."""
        self.refresh_line(row + 1)

    @property
    def page_rows(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the cursor's row."""
        top, rows = round(self.scroll_y), self.page_rows
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True, immediate=True)
        elif self.cursor_row >= top + rows:
            y = self.cursor_row - rows + 1
            self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def action_cursor_down(self) -> None:
        """One row down."""
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        """One row up."""
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        """A page down."""
        self.move_cursor(row=self.cursor_row + self.page_rows)

    def action_page_up(self) -> None:
        """A page up."""
        self.move_cursor(row=self.cursor_row - self.page_rows)

    def action_first_row(self) -> None:
        """To the first row."""
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        """To the last row."""
        self.move_cursor(row=self.row_count - 1)

    def action_select_cursor(self) -> None:
        """Select the row under the cursor."""
        if self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there; on the cursor's row, selects it."""
        row = event.style.meta.get("row")
        if not isinstance(row, int) or not 0 <= row < self.row_count:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    # -- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus): every row is drawn again."""
        super().notify_style_update()
        self.lines.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Drawn rows span the width: draw them again when it changed. A cursor row in view
        stays in view when the table gets shorter (say, the line under it grew)."""
        if event.size.width != self.drawn_width:
            self.drawn_width = event.size.width
            self.lines.clear()
        top = round(self.scroll_y)
        if top <= self.cursor_row < top + max(1, self.drawn_height - 1):
            self.call_after_refresh(self.scroll_to_cursor)
        self.drawn_height = event.size.height

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the widget: the header, then the rows from the scroll position."""
        if y == 0:
            return self.render_row(-1, False)
        row = y - 1 + round(self.scroll_y)
        if row >= self.row_count:
            return Strip.blank(self.size.width, self.rich_style)
        cursor = row == self.cursor_row
        key = (row, cursor, self.has_focus)
        strip = self.lines.get(key)
        if strip is None:
            strip = self.render_row(row, cursor)
            self.lines[key] = strip
        return strip

    def render_row(self, row: int, cursor: bool) -> Strip:
        """The row at ``row`` (-1: the header) as DataTable draws it: padded cells in the
        row's stripe (the cursor's colours over it), the rest of the width filled."""
        if row == -1:
            row_style = self.get_component_styles("datatable--header").rich_style
            cells: Sequence[RichText] = [column.label for column in self.table_columns]
        else:
            stripe = "datatable--odd-row" if row % 2 else "datatable--even-row"
            row_style = self.get_component_styles(stripe).rich_style
            cells = self.cells_of(row)
        cursor_style, post_style = Style(), Style.null()
        if cursor:
            cursor_style = self.get_component_rich_style("datatable--cursor")
            post_style = Style.from_color(color=cursor_style.color) + Style.from_color(
                bgcolor=cursor_style.bgcolor
            )
        console = self.app.console
        padding = self.cell_padding
        segments: list[Segment] = []
        for index, (column, cell) in enumerate(zip(self.table_columns, cells, strict=False)):
            style = row_style + Style.from_meta({"row": row, "column": index}) + cursor_style
            cut = plain_cell(cell, column.width)
            if cut is None:  # spans, several lines, tabs or alignment: as DataTable draws it
                options = self.app.console_options.update_dimensions(column.width + 2 * padding, 1)
                styled = Styled(Padding(cell, (0, padding)), pre_style=style, post_style=post_style)
                segments += console.render_lines(styled, options.update(no_wrap=True))[0]
                continue
            text, fill = cut
            blank = style + post_style if post_style else style
            text_style = style + console.get_style(cell.style, default=Style.null())
            text_style = text_style + post_style if post_style else text_style
            segments += (
                Segment(" " * padding, blank),
                Segment(text, text_style),
                Segment(" " * (fill + padding), blank),
            )
        width = self.size.width
        remaining = max(0, width - self.virtual_size.width)
        extend = row_style + cursor_style
        extend += Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * remaining, extend))
        base = self.rich_style
        return Strip(segments).adjust_cell_length(width, base).simplify()
