"""The report as Markdown: the same sections as the HTML page with every detail, the chart as a
table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crampui import __version__
from crampui.insights.report.chart import rate_text
from crampui.insights.report.data import ReportData
from crampui.insights.report.wording import (
    NO_PATTERNS,
    NOT_PROOF,
    advice_story,
    cramp_cells,
    day_text,
    item_cells,
    moment_text,
    period_text,
    person_text,
    place_text,
    red_flag_story,
    sessions_text,
    severity_story,
    symptom_text,
    trend_text,
)
from crampui.insights.trends import short_date
from crampui.wording import plural

_MARKDOWN_SPECIAL = str.maketrans(
    {char: f"\\{char}" for char in "\\`*_[]|~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
)
"""Characters that start emphasis, code, links, tables or HTML anywhere in a line."""


def md(text: object) -> str:
    """``text`` with Markdown and HTML special characters escaped, so it shows as typed."""
    return str(text).translate(_MARKDOWN_SPECIAL)


def _md_table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table; every cell escaped."""
    lines = ["| " + " | ".join(md(cell) for cell in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _bullets(texts: Iterable[str], empty: str) -> list[str]:
    """A bullet list of escaped ``texts``, or ``empty`` when there are none."""
    lines = [f"- {md(text)}" for text in texts] or [md(empty)]
    return [*lines, ""]


def render_markdown(data: ReportData) -> str:
    """The report as Markdown: the story first, every detail, the chart as a table."""
    lines = ["# Back cramps while stretching: a personal record", ""]
    if person := person_text(data):
        lines += [md(person), ""]
    generated = data.local(data.generated)
    lines += [f"Written by crampui {__version__} on {day_text(generated.date())}.", ""]
    lines += ["## Summary", ""]
    lines += _bullets(
        [
            f"Period: {period_text(data)}.",
            sessions_text(data),
            trend_text(data),
            severity_story(data),
        ],
        "",
    )
    lines += ["### Leg or nerve symptoms reported (all dates, not only this period)", ""]
    lines += _bullets(
        [symptom_text(data, symptom) for symptom in data.symptoms],
        "None reported in red-flag answers, places, notes or skip reasons.",
    )
    lines += ["### Red-flag questions after each cramp", ""]
    lines += _bullets(red_flag_story(data), "No cramp in this period.")
    lines += [md(advice_story(data)), ""]
    lines += ["## Cramps per session, week by week", ""]
    lines += _md_table(
        ("Week of", "Sessions", "Cramps", "Cramps per session"),
        [
            (
                short_date(w.start) + (f" ({w.days} of 7 days)" if w.partial else ""),
                w.sessions,
                w.cramps,
                rate_text(w) if w.sessions else "no sessions",
            )
            for w in data.weeks
        ],
    )
    lines += ["## Where it cramped", ""]
    lines += (
        _md_table(
            ("Where (as typed, grouped)", "Times"),
            [(place_text(text, spread), times) for text, times, spread in data.places],
        )
        if data.places
        else ["No place was recorded.", ""]
    )
    lines += ["## Stretches", "", "Stretches not recorded yet.", ""]
    lines += [f"## Checklist ({plural(len(data.sessions), 'session')})", ""]
    lines += _md_table(("Item", "Done", "Skipped"), [item_cells(*item) for item in data.items])
    lines += ["## Patterns, not proof", "", f"_{md(NOT_PROOF)}_", ""]
    lines += _bullets(
        list(data.patterns),
        NO_PATTERNS,
    )
    lines += ["## Every cramp", ""]
    lines += (
        _md_table(
            ("When", "Severity", "Where", "Red-flag questions", "Timed in a hold"),
            [cramp_cells(data, cramp) for cramp in data.cramps],
        )
        if data.cramps
        else ["No cramp in this period.", ""]
    )
    lines += ["## Notes", ""]
    lines += _bullets([f"{moment_text(data, at)}: {text}" for at, text in data.notes], "No notes.")
    lines += ["---", "", md(data.disclaimer), ""]
    return "\n".join(lines)
