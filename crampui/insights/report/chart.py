"""The report's chart as inline SVG: cramps per session by week, and severity on the same axis.

Bars start at zero and carry their numbers; a week without sessions is a gap (not a zero);
a week only partly in the period is drawn hollow and marked "*"; each recorded severity
rating is one dot under its own day. No script, no external file.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from crampui.history import MAX_SEVERITY
from crampui.insights.report.data import ReportData, ReportWeek
from crampui.wording import plural

WIDTH = 720
LEFT = 112
"""Room for the row labels at the left."""
RIGHT = 6
RATE_TOP, RATE_HEIGHT = 14, 52
ROWS_TOP = RATE_TOP + RATE_HEIGHT + 11
ROW_STEP = 11
DOTS_TOP = ROWS_TOP + 3 * ROW_STEP + 4
DOTS_HEIGHT = 34
HEIGHT = DOTS_TOP + DOTS_HEIGHT + 4
LABEL_SPACING = 46
"""Weeks are labelled at least this far apart (every week, or every few for a long period)."""


def _esc(text: object) -> str:
    """``text`` escaped for SVG text and attributes."""
    return html.escape(str(text), quote=True)


def _text(x: float, y: float, text: str, css: str, anchor: str = "middle") -> str:
    """One SVG text element."""
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{_esc(text)}</text>'


def rate_text(week: ReportWeek) -> str:
    """A week's cramps per session as shown on its bar: "0.5", or "–" without sessions."""
    return "–" if week.per_session is None else f"{week.per_session:.1f}".removesuffix(".0")


def _top(weeks: Sequence[ReportWeek]) -> float:
    """The top of the rate axis: the highest rate rounded up to a half, at least 1."""
    highest = max((week.per_session or 0.0 for week in weeks), default=0.0)
    return max(1.0, math.ceil(highest * 2) / 2)


def cramp_chart(data: ReportData) -> str:
    """Cramps per session by week (bars from zero, numbers, gaps, partial weeks marked) and
    every recorded severity as a dot on the same time axis."""
    weeks = data.weeks
    count = max(len(weeks), 1)
    slot = (WIDTH - LEFT - RIGHT) / count
    step = max(1, math.ceil(LABEL_SPACING / slot))
    top = _top(weeks)
    base = RATE_TOP + RATE_HEIGHT
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Cramps per session by week, '
        f'and severity ratings">',
        _text(0, RATE_TOP + 8, "cramps per session", "axis-label", "start"),
        _text(LEFT - 4, RATE_TOP + 4, f"{top:g}", "tick", "end"),
        _text(LEFT - 4, base, "0", "tick", "end"),
        f'<line x1="{LEFT}" y1="{RATE_TOP}" x2="{WIDTH - RIGHT}" y2="{RATE_TOP}" class="grid"/>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" class="axis"/>',
        _text(0, ROWS_TOP, "week of", "row-label", "start"),
        _text(0, ROWS_TOP + ROW_STEP, "cramps", "row-label", "start"),
        _text(0, ROWS_TOP + 2 * ROW_STEP, "sessions", "row-label", "start"),
    ]
    for number, week in enumerate(weeks):
        x = LEFT + number * slot
        centre = x + slot / 2
        numbered = (len(weeks) - 1 - number) % step == 0  # the running week always
        mark = "*" if week.partial else ""
        if week.per_session is not None:
            bar = RATE_HEIGHT * week.per_session / top
            css = "bar partial" if week.partial else "bar"
            parts.append(
                f'<rect x="{x + slot * 0.18:.1f}" y="{base - bar:.1f}" '
                f'width="{slot * 0.64:.1f}" height="{bar:.1f}" class="{css}"/>'
            )
            if numbered:
                parts.append(_text(centre, base - bar - 2, rate_text(week), "value"))
        elif numbered:
            parts.append(_text(centre, base - 2, "–", "gap"))
        if numbered:
            label_x = min(max(centre, LEFT + 18), WIDTH - 22)  # a label stays on the chart
            parts.append(_text(label_x, ROWS_TOP, f"{week.start.day} {week.start:%b}{mark}", "row"))
            parts.append(_text(label_x, ROWS_TOP + ROW_STEP, str(week.cramps), "row"))
            parts.append(_text(label_x, ROWS_TOP + 2 * ROW_STEP, str(week.sessions), "row"))
    parts += _severity_dots(data, slot)
    parts.append("</svg>")
    return "".join(parts)


def _severity_dots(data: ReportData, slot: float) -> list[str]:
    """The severity panel: one dot per recorded rating, under the day it was recorded."""
    bottom = DOTS_TOP + DOTS_HEIGHT
    parts = [
        _text(0, DOTS_TOP + 10, f"severity (0–{MAX_SEVERITY})", "axis-label", "start"),
        _text(LEFT - 4, DOTS_TOP + 4, str(MAX_SEVERITY), "tick", "end"),
        _text(LEFT - 4, bottom, "0", "tick", "end"),
        f'<line x1="{LEFT}" y1="{DOTS_TOP}" x2="{WIDTH - RIGHT}" y2="{DOTS_TOP}" class="grid"/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" class="axis"/>',
    ]
    if not data.weeks:
        return parts
    first = data.weeks[0].start
    for at, value in data.ratings:
        local = data.local(at)
        days = (local.date() - first).days + _day_fraction(local)
        x = LEFT + days / 7 * slot
        y = bottom - DOTS_HEIGHT * value / MAX_SEVERITY
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" class="dot"/>')
    return parts


def _day_fraction(moment: datetime) -> float:
    """How far through its day ``moment`` is (0 to 1)."""
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return (moment - midnight) / timedelta(days=1)


def chart_legend(data: ReportData) -> str:
    """What the chart's marks mean, and the cramps the dots leave out."""
    parts = ["– no sessions that week (a gap, not zero)"]
    partial = [week for week in data.weeks if week.partial]
    if partial:
        parts.append(
            "* only part of the week: "
            + ", ".join(
                f"{week.start.day} {week.start:%b} ({plural(week.days, 'day')})" for week in partial
            )
        )
    unrated = data.cramp_count - len(data.ratings)
    parts.append("one dot per severity rating")
    if unrated:
        parts[-1] += f"; {plural(unrated, 'cramp')} without a rating not shown"
    return " · ".join(parts)
