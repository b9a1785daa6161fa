"""The report as one self-contained, printable HTML page: the story first, then the chart.

On one page (the default) every section is measured in printed lines and, when the whole
would not fit on A4 or Letter, shrinks in a fixed order (:data:`CUT_ORDER`: notes first,
then the oldest cramps, the least listed checklist items, the weakest patterns and the
rarest places), each saying how many rows were left out. ``full=True`` keeps every detail
on as many pages as needed, each numbered "page X of N".
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from crampui import __version__
from crampui.insights.report.chart import chart_legend, cramp_chart
from crampui.insights.report.data import ReportData
from crampui.insights.report.wording import (
    NO_PATTERNS,
    NOT_PROOF,
    PAGE_DATES,
    advice_story,
    cramp_cells,
    day_text,
    item_cells,
    moment_text,
    more_text,
    period_text,
    person_text,
    place_text,
    red_flag_story,
    sessions_text,
    severity_story,
    symptom_dates,
    symptom_text,
    trend_text,
)
from crampui.wording import plural

CSS_FILE = Path(__file__).with_name("report.css")
PAGE_LINES = 71.0
"""Printed lines (8 pt at 1.25) on one page: Letter's 73.5 less a margin for
    wrapping, at A4's width."""
LINE_CHARACTERS = 120
"""Characters of body text on one printed line across the page."""
STORY_CHARACTERS = 100
"""Characters counted for a line of the summary's lists: long dates and quotes wrap early."""
HEADING_LINES = 2.0
"""A section heading with its margins."""
TABLE_LINE = 1.17
"""A table row (or its head) of one line, measured in printed body lines."""
CHART_LINES = 12.3
"""The chart's height in printed lines, with its legend."""
SYMPTOMS_WITH_TEXT = 7
SYMPTOM_DATES = 4
"""On one page, a quoted symptom lists at most this many of its dates."""
"""On one page, the latest symptoms are quoted; older ones are listed by date."""
EARLIER_SYMPTOMS = 8
"""On one page, at most this many older symptoms are listed by date and source."""
SYMPTOM_CHARACTERS = 110
"""On one page, a quoted symptom or a note is shortened to this many characters."""
STRETCHES_LINES = HEADING_LINES + 2
"""The stretches placeholder, at the foot of the left column."""
CUT_ORDER = ("notes", "cramps", "items", "patterns", "places")
"""What shrinks first when the page is full."""


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _lines(text: str, characters: float = LINE_CHARACTERS) -> float:
    """Printed lines ``text`` takes at ``characters`` a line."""
    return max(1, math.ceil(len(text) / characters))


@dataclass
class Rows:
    """A section whose rows can be cut: rendered rows, each one's printed lines, how to cut."""

    title: str
    head: str
    """HTML before the rows (a caption or a table head), always kept."""
    rows: list[str]
    costs: list[float]
    oldest_first: bool
    """Cut from the front (the oldest) rather than the end (the least important)."""
    noun: tuple[str, str]
    """What a row is, singular and plural, for "+N more notes in crampui"."""
    empty: str
    """What the section says when it has no rows at all."""
    table: bool = False
    column: str = ""
    """ "left" or "right" for the two columns, "" for the full width."""
    head_lines: float = 0.0
    keep: int = 0

    def __post_init__(self) -> None:
        """Start with every row kept."""
        self.keep = len(self.rows)

    def cost(self) -> float:
        """Printed lines of the section with :attr:`keep` rows."""
        kept = (
            self.costs[len(self.rows) - self.keep :]
            if self.oldest_first
            else self.costs[: self.keep]
        )
        head = self.head_lines if self.keep or not self.table else 0.0  # no rows, no table head
        return HEADING_LINES + head + sum(kept) + (self.keep < len(self.rows) or not self.rows)

    def html(self) -> str:
        """The section with the kept rows and, when some were cut, how many."""
        kept = (
            self.rows[len(self.rows) - self.keep :] if self.oldest_first else self.rows[: self.keep]
        )
        body = "".join(kept)
        if self.table:
            body = f"<table>{self.head}<tbody>{body}</tbody></table>" if kept else ""
        elif kept:
            body = self.head + f"<ul>{body}</ul>"
        else:
            body = self.head
        cut = len(self.rows) - self.keep
        if cut:
            body += f"<p class='more'>{esc(more_text(cut, *self.noun))}</p>"
        elif not self.rows:
            body += f"<p>{esc(self.empty)}</p>"
        return f"<section><h2>{esc(self.title)}</h2>{body}</section>"


def _table(
    title: str,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int],
    noun: tuple[str, str],
    empty: str,
    oldest_first: bool = False,
    column: str = "",
) -> Rows:
    """A table section; each row's printed lines from ``widths`` (characters a cell)."""
    rendered, costs = [], []
    for row in rows:
        rendered.append("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>")
        costs.append(
            TABLE_LINE * max(_lines(cell, width) for cell, width in zip(row, widths, strict=True))
        )
    return Rows(
        title,
        _head(*head),
        rendered,
        costs,
        oldest_first=oldest_first,
        noun=noun,
        empty=empty,
        table=True,
        column=column,
        head_lines=TABLE_LINE,
    )


def _head(*cells: str) -> str:
    """A table head."""
    return "<thead><tr>" + "".join(f"<th>{esc(cell)}</th>" for cell in cells) + "</tr></thead>"


def _shorten(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (unchanged without a limit)."""
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _story(data: ReportData, full: bool) -> tuple[str, float]:
    """The summary block a clinician reads first, and its printed lines."""
    limit = None if full else SYMPTOM_CHARACTERS
    most = None if full else PAGE_DATES
    lines = [
        f"Period: {period_text(data)}.",
        sessions_text(data),
        trend_text(data),
        severity_story(data),
    ]
    parts = [f"<p>{esc(line)}</p>" for line in lines]
    cost = sum(_lines(line, STORY_CHARACTERS) for line in lines) + HEADING_LINES
    symptoms = list(data.symptoms)
    quoted = symptoms if full else symptoms[-SYMPTOMS_WITH_TEXT:]
    earlier = symptoms[: len(symptoms) - len(quoted)]
    title = "Leg or nerve symptoms reported (all dates, not only this period)"
    if not symptoms:
        items = ["None reported in red-flag answers, places, notes or skip reasons."]
    else:
        dates = None if full else SYMPTOM_DATES
        items = [symptom_text(data, symptom, limit, dates) for symptom in quoted]
        if earlier:
            listed = earlier[-EARLIER_SYMPTOMS:]
            dated = "; ".join(f"{s.source} {symptom_dates(data, s, 2)}" for s in listed)
            more = len(earlier) - len(listed)
            items.insert(0, f"Earlier: {dated}" + (f" and {more} more" if more else ""))
    parts.append(f"<h3>{esc(title)}</h3><ul class='symptoms'>")
    parts += [f"<li>{esc(item)}</li>" for item in items]
    parts.append("</ul>")
    cost += 1.2 + sum(_lines(item, STORY_CHARACTERS) for item in items)
    flags = red_flag_story(data, most) or ["No cramp in this period."]
    parts.append("<h3>Red-flag questions after each cramp</h3><ul>")
    parts += [f"<li>{esc(line)}</li>" for line in flags]
    parts.append("</ul>")
    advice = advice_story(data, most)
    parts.append(f"<p>{esc(advice)}</p>")
    cost += 1.2 + sum(_lines(line, STORY_CHARACTERS) for line in flags)
    cost += _lines(advice, STORY_CHARACTERS)
    return "<section class='story'><h2>Summary</h2>" + "".join(parts) + "</section>", cost + 1


def _sections(data: ReportData, full: bool) -> dict[str, Rows]:
    """Every section whose rows can be cut, by name."""
    limit = None if full else SYMPTOM_CHARACTERS
    notes = [(moment_text(data, at), _shorten(text, limit)) for at, text in data.notes]
    patterns = list(data.patterns)
    return {
        "notes": Rows(
            "Notes",
            "",
            [f"<li><span class='when'>{esc(when)}</span> {esc(text)}</li>" for when, text in notes],
            [_lines(f"{when} {text}", LINE_CHARACTERS - 4) for when, text in notes],
            oldest_first=True,
            noun=("note", "notes"),
            empty="No notes.",
        ),
        "cramps": _table(
            "Every cramp",
            ("When", "Severity", "Where", "Red-flag questions", "Timed in a hold"),
            (cramp_cells(data, cramp) for cramp in data.cramps),
            (18, 4, 22, 30, 40),
            ("cramp", "cramps"),
            "No cramp in this period.",
            oldest_first=True,
        ),
        "places": _table(
            "Where it cramped",
            ("Where (as typed, grouped)", "Times"),
            ((place_text(text, spread), str(times)) for text, times, spread in data.places),
            (40, 6),
            ("place", "places"),
            "No place was recorded.",
            column="left",
        ),
        "items": _table(
            f"Checklist ({plural(len(data.sessions), 'session')})",
            ("Item", "Done", "Skipped"),
            (item_cells(*item) for item in sorted(data.items, key=lambda item: -item[3])),
            (34, 9, 6),
            ("item", "items"),
            "No session in this period.",
            column="right",
        ),
        "patterns": Rows(
            "Patterns, not proof",
            f"<p class='caveat'>{esc(NOT_PROOF)}</p>",
            [f"<li>{esc(text)}</li>" for text in patterns],
            [_lines(text, LINE_CHARACTERS - 4) for text in patterns],
            oldest_first=False,
            noun=("pattern", "patterns"),
            empty=NO_PATTERNS,
            head_lines=1,
        ),
    }


def _columns(sections: dict[str, Rows]) -> dict[str, float]:
    """Printed lines of the left column (which starts with the stretches) and the right."""
    columns = {"left": STRETCHES_LINES, "right": 0.0}
    for rows in sections.values():
        if rows.column:
            columns[rows.column] += rows.cost()
    return columns


def _total(fixed: float, sections: dict[str, Rows]) -> float:
    """Printed lines of the page: the fixed parts, the full-width sections, the taller column."""
    wide = sum(rows.cost() for rows in sections.values() if not rows.column)
    return fixed + wide + max(_columns(sections).values())


def fit(fixed: float, sections: dict[str, Rows]) -> None:
    """Cut rows in :data:`CUT_ORDER` until the page's lines are at most :data:`PAGE_LINES`.

    Rows of a column are cut only while it is the taller one (else cutting saves nothing), so
    the two columns take turns until the page fits or nothing is left to cut.
    """
    cut = True
    while cut and _total(fixed, sections) > PAGE_LINES:
        cut = False
        for name in CUT_ORDER:
            rows = sections[name]
            while rows.keep and _total(fixed, sections) > PAGE_LINES:
                columns = _columns(sections)
                if rows.column and columns[rows.column] < max(columns.values()):
                    break
                rows.keep -= 1
                cut = True


def render_html(data: ReportData, full: bool = False) -> str:
    """The report as a self-contained, printable HTML page (one page unless ``full``)."""
    story, story_lines = _story(data, full)
    sections = _sections(data, full)
    person = person_text(data)
    stretches = (
        "<section><h2>Stretches</h2><p>Stretches not recorded yet: crampui does not yet keep "
        "which stretch each session was.</p></section>"
    )
    header, footer = 2.6 + bool(person), 2.5
    fixed = header + story_lines + HEADING_LINES + CHART_LINES + footer
    if not full:
        fit(fixed, sections)
    css = CSS_FILE.read_text(encoding="utf-8")
    if full:
        css += (
            '@page { @bottom-right { content: "page " counter(page) " of " counter(pages); '
            "font: 8pt system-ui, sans-serif; color: #555; } }"
        )
    generated = data.local(data.generated)
    person_line = f"<p class='person'>{esc(person)}</p>" if person else ""
    chart = (
        "<section><h2>Cramps per session, week by week</h2>"
        + cramp_chart(data)
        + f"<p class='legend'>{esc(chart_legend(data))}</p></section>"
    )
    columns = (
        "<div class='columns'><div>"
        + sections["places"].html()
        + stretches
        + "</div><div>"
        + sections["items"].html()
        + "</div></div>"
    )
    body = (
        story
        + chart
        + columns
        + sections["patterns"].html()
        + sections["cramps"].html()
        + sections["notes"].html()
    )
    mode = "full" if full else "one-page"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Back cramp record, {esc(period_text(data))}</title>"
        f"<style>{css}</style></head><body class='{mode}'><main>"
        "<header><h1>Back cramps while stretching: a personal record</h1>"
        + person_line
        + f"<p class='meta'>Written by crampui {esc(__version__)} on "
        f"{esc(day_text(generated.date()))} from the person's own entries.</p></header>"
        + body
        + f"<footer>{esc(data.disclaimer)}</footer></main></body></html>\n"
    )
