"""The share of sessions that cramped and the average severity per week, as bars from zero,
each with its numbers underneath.

Textual's ``Sparkline`` scales from the smallest value to the largest and prints no numbers,
so a week with two cramps can look like a week with none; a person reading their own health
data needs zero to look like zero, a week without sessions to look empty (not zero), and the
exact counts. Twelve weeks at four columns each fit in 80 columns beside a nine-column label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.content import Content as Text
from textual.widgets import Static

from crampui.history import MAX_SEVERITY
from crampui.insights.trends import WeekTrend, severity_text, short_date

BARS = "▁▂▃▄▅▆▇█"
"""Eighths of a cell, lowest first."""
CELL = 4
"""Columns per week: a three-wide bar and a gap."""
LABEL = 9
"""Columns of the row labels."""


NO_SESSIONS = "–"
"""Under a week without sessions (its bar is left empty)."""
NO_OUTCOME = "?"
"""Under a week whose sessions have no outcome yet."""


def bar(value: float | None, top: float) -> str:
    """The glyph for ``value`` on a scale from 0 to ``top``: "·" for zero, nothing for None."""
    if value is None:
        return " "
    if not value or top <= 0:
        return "·"
    return BARS[max(1, min(len(BARS), math.ceil(value / top * len(BARS)))) - 1]


def bar_row(values: Sequence[float | None], top: float) -> str:
    """One bar per value, each :data:`CELL` columns wide."""
    return "".join(bar(value, top).center(CELL - 1) + " " for value in values).rstrip()


def cramped_text(week: WeekTrend) -> str:
    """Cramped of known sessions in at most three columns: "2/3", else a percentage ("83%",
    "all"); :data:`NO_SESSIONS` or :data:`NO_OUTCOME` when there is no rate."""
    if not week.sessions:
        return NO_SESSIONS
    if week.rate is None:
        return NO_OUTCOME
    text = f"{week.cramped}/{week.known}"
    if len(text) < CELL:
        return text
    return "all" if week.cramped == week.known else f"{round(100 * week.rate)}%"


def number_row(texts: Sequence[str]) -> str:
    """Each text centred under its bar."""
    return "".join(text.center(CELL - 1) + " " for text in texts).rstrip()


class TrendChart(Static):
    """Cramped sessions per week and average severity per week, oldest week on the left; the
    last week is this week so far."""

    def __init__(self, id: str | None = None) -> None:
        """Create an empty chart; :meth:`show` fills it."""
        super().__init__(id=id)
        self.weeks: tuple[WeekTrend, ...] = ()

    @property
    def rates(self) -> list[float | None]:
        """The share of sessions that cramped drawn for each week (None: no known session)."""
        return [week.rate for week in self.weeks]

    @property
    def severities(self) -> list[float | None]:
        """The average severity drawn for each week (None: no recorded rating)."""
        return [week.severity for week in self.weeks]

    def show(self, weeks: Sequence[WeekTrend]) -> None:
        """Draw ``weeks``."""
        self.weeks = tuple(weeks)
        if not weeks:
            self.update("")
            return
        severity_texts = [severity_text(value) for value in self.severities]
        span = f"weeks of {short_date(weeks[0].start)} to {short_date(weeks[-1].start)}"
        if weeks[-1].partial:
            span += " (so far)"
        counts = [cramped_text(week) for week in weeks]
        legend = [f"{NO_SESSIONS} no sessions"] * (NO_SESSIONS in counts)
        legend += [f"{NO_OUTCOME} no outcome"] * (NO_OUTCOME in counts)
        lines = [
            Text.assemble(("Cramped".ljust(LABEL), "bold"), (bar_row(self.rates, 1), "$error 80%")),
            Text.assemble(("sessions".ljust(LABEL), "$text-muted"), number_row(counts)),
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
            Text.styled(" " * LABEL + " · ".join([span, *legend]), "$text-muted"),
        ]
        self.update(Text("\n").join(lines))
