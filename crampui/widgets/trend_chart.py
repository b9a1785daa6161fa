"""Cramps and average severity per week as bars from zero, each with its number underneath.

Textual's ``Sparkline`` scales from the smallest value to the largest and prints no numbers,
so a week with two cramps can look like a week with none; a person reading their own health
data needs zero to look like zero and the exact count. Twelve weeks at four columns each fit
in 80 columns beside a nine-column label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.content import Content as Text
from textual.widgets import Static

from crampui.history import MAX_SEVERITY
from crampui.trends import WeekTrend, severity_text, short_date

BARS = "▁▂▃▄▅▆▇█"
"""Eighths of a cell, lowest first."""
CELL = 4
"""Columns per week: a three-wide bar and a gap."""
LABEL = 9
"""Columns of the row labels."""


def bar(value: float | None, top: float) -> str:
    """The glyph for ``value`` on a scale from 0 to ``top``: "·" for zero or nothing."""
    if not value or top <= 0:
        return "·"
    return BARS[max(1, min(len(BARS), math.ceil(value / top * len(BARS)))) - 1]


def bar_row(values: Sequence[float | None], top: float) -> str:
    """One bar per value, each :data:`CELL` columns wide."""
    return "".join(bar(value, top).center(CELL - 1) + " " for value in values).rstrip()


def number_row(texts: Sequence[str]) -> str:
    """Each text centred under its bar."""
    return "".join(text.center(CELL - 1) + " " for text in texts).rstrip()


class TrendChart(Static):
    """Cramps per week and average severity per week, oldest week on the left."""

    def __init__(self, id: str | None = None) -> None:
        """Create an empty chart; :meth:`show` fills it."""
        super().__init__(id=id)
        self.weeks: tuple[WeekTrend, ...] = ()

    @property
    def cramps(self) -> list[int]:
        """The cramp count drawn for each week."""
        return [week.cramps for week in self.weeks]

    @property
    def severities(self) -> list[float | None]:
        """The average severity drawn for each week (None: no cramp with a severity)."""
        return [week.severity for week in self.weeks]

    def show(self, weeks: Sequence[WeekTrend]) -> None:
        """Draw ``weeks``."""
        self.weeks = tuple(weeks)
        if not weeks:
            self.update("")
            return
        top = max(self.cramps) or 1
        severity_texts = [severity_text(value) for value in self.severities]
        span = f"weeks of {short_date(weeks[0].start)} to {short_date(weeks[-1].start)}"
        lines = [
            Text.assemble(
                ("Cramps".ljust(LABEL), "bold"), (bar_row(self.cramps, top), "$error 80%")
            ),
            Text.assemble(
                ("per week".ljust(LABEL), "$text-muted"),
                number_row([str(count) for count in self.cramps]),
            ),
            Text.assemble(
                ("Severity".ljust(LABEL), "bold"),
                (bar_row(self.severities, MAX_SEVERITY), "$warning 80%"),
            ),
            Text.assemble(
                (f"avg 0–{MAX_SEVERITY}".ljust(LABEL), "$text-muted"), number_row(severity_texts)
            ),
            Text.assemble(
                ("week of".ljust(LABEL), "$text-muted"),
                (number_row([str(week.start.day) for week in weeks]), "$text-muted"),
            ),
            Text.styled(" " * LABEL + span, "$text-muted"),
        ]
        self.update(Text("\n").join(lines))
