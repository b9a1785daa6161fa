"""A calendar heatmap of sessions per day: Monday to Sunday down, one column per week."""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content as Text
from textual.widgets import Static

CELL = "■"
"""The glyph drawn for each day."""

LEVELS: tuple[str, ...] = ("$foreground 15%", "$success 50%", "$success 75%", "$success")
"""Styles for 0, 1, 2 and 3 or more sessions in a day (theme variables: dark and light)."""

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def level_style(count: int) -> str:
    """The style for a day with ``count`` sessions."""
    return LEVELS[min(count, len(LEVELS) - 1)]


def month_labels(today: date, weeks: int, margin: int) -> str:
    """Month names above the column of the week each month begins in, e.g. "   Sep     Oct".

    The first column is named after the month of its Monday, unless the next month begins the
    week after, too close for both names: then only that month is named, so no month is lost.
    """
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)

    def begins(week: int) -> bool:
        monday = first_monday + timedelta(weeks=week)
        return (monday + timedelta(days=6)).month != monday.month or monday.day == 1

    line = " " * margin
    for week in range(weeks):
        sunday = first_monday + timedelta(weeks=week, days=6)
        if week == 0 and not begins(0) and weeks > 1 and begins(1):
            continue
        if week and not begins(week):
            continue
        column = margin + 2 * week
        if len(line) <= column:
            line = line.ljust(column) + sunday.strftime("%b")
    return line


class Heatmap(Static):
    """Sessions per day over the last weeks, shaded by count, with a legend."""

    def __init__(self, id: str | None = None) -> None:
        """Create an empty heatmap; :meth:`show` fills it."""
        super().__init__(id=id)
        self.grid: list[list[int | None]] = []

    def show(self, grid: list[list[int | None]], today: date) -> None:
        """Draw ``grid`` (7 rows × weeks, None for days after ``today``) ending at ``today``."""
        self.grid = grid
        weeks = len(grid[0]) if grid else 0
        lines = [Text.styled(month_labels(today, weeks, margin=3), "$text-muted")]
        for weekday, row in zip(WEEKDAYS, grid, strict=True):
            cells = [
                Text(" ") if count is None else Text.styled(CELL, level_style(count))
                for count in row
            ]
            lines.append(Text.assemble((f"{weekday} ", "$text-muted"), Text(" ").join(cells)))
        legend: list[Text | str | tuple[str, str]] = ["   "]
        for count, name in enumerate(("0", "1", "2", "3+")):
            legend += [(CELL, level_style(count)), (f" {name} ", "$text-muted")]
        lines.append(Text.assemble(*legend, (" a day", "$text-muted")))
        self.update(Text("\n").join(lines))
