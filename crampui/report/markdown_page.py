"""The report as Markdown: the same sections as the HTML page, the chart as a table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crampui import __version__
from crampui.history import MAX_SEVERITY
from crampui.report.data import ReportData
from crampui.report.wording import (
    NOT_PROOF,
    day_text,
    flags_text,
    moment_text,
    not_asked_text,
    period_text,
    session_text,
    summary_text,
    timer_context,
)
from crampui.trends import severity_text, short_date

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


def render_markdown(data: ReportData) -> str:
    """The report as Markdown: the same sections, the chart as a table."""
    lines = ["# Back cramps while stretching: a personal record", ""]
    generated = data.local(data.generated)
    lines += [f"Written by crampui {__version__} on {day_text(generated.date())}.", ""]
    if data.red_flags or data.questions_not_asked:
        lines += ["## Red-flag answers", ""]
        if data.red_flags:
            lines += _md_table(
                ("When", "Session", "Answered yes", "Advice shown"),
                [
                    (moment_text(data, at), f"#{sid}", *flags_text(flags, advice))
                    for at, sid, flags, advice in data.red_flags
                ],
            )
        if data.questions_not_asked:
            lines += [md(not_asked_text(data)), ""]
    lines += ["## Period and sessions", "", md(period_text(data)), "", md(summary_text(data)), ""]
    lines += _md_table(("Checklist item", "Done", "Skipped", "Sessions listing it"), data.items)
    lines += ["## Cramps per week", "", md(data.change), ""]
    lines += _md_table(
        ("Week of", "Sessions", "Cramps", f"Average severity (0–{MAX_SEVERITY})"),
        [
            (short_date(w.start), w.sessions, w.cramps, severity_text(w.severity))
            for w in data.weeks
        ],
    )
    lines += [f"## Severity over time (0–{MAX_SEVERITY})", ""]
    if data.severities:
        lines += [f"- {md(moment_text(data, at))}: {value}" for at, value in data.severities]
    else:
        lines.append("No cramp severity was recorded.")
    lines += ["", "## Where it cramped", ""]
    lines += (
        _md_table(("Where", "Times"), data.places) if data.places else ["No place recorded.", ""]
    )
    lines += ["## Every timed cramp", ""]
    lines += (
        _md_table(
            ("When", "Session", "Timer"),
            [
                (moment_text(data, f.episode.at), session_text(f), timer_context(f))
                for f in data.episodes
            ],
        )
        if data.episodes
        else ["No cramp was timed during a hold.", ""]
    )
    lines += ["## Patterns, not proof", "", f"_{md(NOT_PROOF)}_", ""]
    lines += [f"- {md(text)}" for text in data.patterns] or [
        "Too few sessions on both sides of any item to compare."
    ]
    lines += ["", "## Notes", ""]
    lines += [f"- {md(moment_text(data, at))}: {md(text)}" for at, text in data.notes] or [
        "No notes."
    ]
    lines += ["", "---", "", md(data.disclaimer), ""]
    return "\n".join(lines)
