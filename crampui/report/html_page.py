"""The report as one self-contained, printable HTML page with an inline SVG chart."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

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
from crampui.trends import WeekTrend, severity_text, short_date

CSS_FILE = Path(__file__).with_name("report.css")


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def cramp_chart(weeks: Sequence[WeekTrend], width: int = 640, height: int = 120) -> str:
    """An inline SVG bar chart of cramps per week, zero-based, each bar labelled."""
    top = max((week.cramps for week in weeks), default=0) or 1
    slot = width / max(len(weeks), 1)
    plot = height - 32
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Cramps per week">',
        f'<line x1="0" y1="{plot + 14}" x2="{width}" y2="{plot + 14}" class="axis"/>',
    ]
    for number, week in enumerate(weeks):
        bar = plot * week.cramps / top
        x = number * slot
        centre, label = x + slot / 2, esc(short_date(week.start))
        parts.append(
            f'<rect x="{x + slot * 0.2:.1f}" y="{plot + 14 - bar:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{bar:.1f}" class="bar"><title>{label}: '
            f"{week.cramps}</title></rect>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{plot + 10 - bar:.1f}" class="value">{week.cramps}</text>'
        )
        parts.append(f'<text x="{centre:.1f}" y="{height - 4}" class="label">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], css: str = "") -> str:
    """An HTML table; every cell escaped."""
    header = "".join(f"<th>{esc(cell)}</th>" for cell in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    classes = f' class="{css}"' if css else ""
    return f"<table{classes}><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _section(title: str, body: str, css: str = "") -> str:
    """A titled section."""
    classes = f' class="{css}"' if css else ""
    return f"<section{classes}><h2>{esc(title)}</h2>{body}</section>"


def _paragraph(text: str, css: str = "") -> str:
    """An escaped paragraph."""
    classes = f' class="{css}"' if css else ""
    return f"<p{classes}>{esc(text)}</p>"


def render_html(data: ReportData) -> str:
    """The report as one self-contained, printable HTML page."""
    sections = []
    if data.red_flags or data.questions_not_asked:
        rows = [
            (moment_text(data, at), f"#{sid}", *flags_text(flags, advice))
            for at, sid, flags, advice in data.red_flags
        ]
        answered = (
            _paragraph("After these cramps the person answered yes to a red-flag question.")
            + _table(("When", "Session", "Answered yes", "Advice shown"), rows)
            if rows
            else ""
        )
        unasked = _paragraph(not_asked_text(data)) if data.questions_not_asked else ""
        sections.append(_section("Red-flag answers", answered + unasked, css="red-flags"))
    sections.append(
        _section(
            "Period and sessions",
            _paragraph(period_text(data))
            + _paragraph(summary_text(data))
            + _table(
                ("Checklist item", "Done", "Skipped", "Sessions listing it"),
                data.items,
                css="items",
            ),
        )
    )
    week_rows = [
        ("Sessions", *(w.sessions for w in data.weeks)),
        ("Cramps", *(w.cramps for w in data.weeks)),
        ("Avg severity", *(severity_text(w.severity) for w in data.weeks)),
    ]
    sections.append(
        _section(
            "Cramps per week",
            cramp_chart(data.weeks)
            + _paragraph(data.change)
            + _table(
                ("Week of", *(short_date(w.start) for w in data.weeks)), week_rows, css="weeks"
            ),
        )
    )
    severity_body = (
        _paragraph(
            "; ".join(f"{moment_text(data, at)}: {value}" for at, value in data.severities),
            css="severities",
        )
        if data.severities
        else _paragraph("No cramp severity was recorded.")
    )
    sections.append(_section(f"Severity over time (0–{MAX_SEVERITY})", severity_body))
    sections.append(
        _section(
            "Where it cramped",
            _table(("Where", "Times"), data.places)
            if data.places
            else _paragraph("No place was recorded."),
        )
    )
    episode_rows = [
        (moment_text(data, f.episode.at), session_text(f), timer_context(f)) for f in data.episodes
    ]
    sections.append(
        _section(
            "Every timed cramp",
            _table(("When", "Session", "Timer"), episode_rows)
            if episode_rows
            else _paragraph("No cramp was timed during a hold."),
        )
    )
    patterns = (
        "<ul>" + "".join(f"<li>{esc(text)}</li>" for text in data.patterns) + "</ul>"
        if data.patterns
        else _paragraph("Too few sessions on both sides of any item to compare.")
    )
    sections.append(_section("Patterns, not proof", _paragraph(NOT_PROOF, css="caveat") + patterns))
    notes = (
        "<ul class='notes'>"
        + "".join(
            f"<li><span class='when'>{esc(moment_text(data, at))}</span> {esc(text)}</li>"
            for at, text in data.notes
        )
        + "</ul>"
        if data.notes
        else _paragraph("No notes.")
    )
    sections.append(_section("Notes", notes))
    css = CSS_FILE.read_text(encoding="utf-8")
    generated = data.local(data.generated)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Back cramp record, {esc(period_text(data))}</title>"
        f"<style>{css}</style></head><body><main>"
        "<header><h1>Back cramps while stretching: a personal record</h1>"
        f"<p class='meta'>Written by crampui {esc(__version__)} on "
        f"{esc(day_text(generated.date()))} from the person's own entries.</p></header>"
        + "".join(sections)
        + f"<footer>{esc(data.disclaimer)}</footer></main></body></html>\n"
    )
