"""A one-page report of the history for a physiotherapist or GP, as HTML or Markdown (no Textual).

:func:`gather` turns sessions into the figures (pure: no I/O, no clock); :func:`render_html`
and :func:`render_markdown` lay them out in order of importance: red-flag answers first (if
any), the period, sessions and checklist items, cramps per week, severity over time, where it
cramped, every timed cramp, patterns (labelled as patterns, not proof), notes, and the
not-medical-advice line. The HTML is self-contained: inline CSS (``report.css``) and an
inline SVG chart, no scripts, no links to load. Every user text is stripped of control
characters and escaped, so markup in a note shows as typed.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from crampui import __version__
from crampui.clock import utc_now
from crampui.content import Content
from crampui.history import MAX_SEVERITY, CrampEpisode, HistoryStore, Session
from crampui.insights import associations, describe, item_frequency
from crampui.trends import TREND_WEEKS, WeekTrend, change_in_words, week_start, weekly_trends
from crampui.usertext import MAX_USER_TEXT, clean_user_text

CSS_FILE = Path(__file__).with_name("report.css")
NOT_PROOF = "Patterns in this person's own records, not proof of cause."


def plain(text: str) -> str:
    """User text without control characters or escape sequences, one line, bounded."""
    return clean_user_text(text[: MAX_USER_TEXT * 2], max_length=MAX_USER_TEXT * 2)


def flag_label(flag_id: str) -> str:
    """A red-flag id as words: "leg-pain" → "leg pain"."""
    return plain(flag_id).replace("-", " ")


@dataclass(frozen=True)
class Episode:
    """A timed cramp with the session it belongs to (None when logged on its own)."""

    episode: CrampEpisode
    session_id: int | None


@dataclass(frozen=True)
class ReportData:
    """Every figure in the report, user text already cleaned (not yet escaped)."""

    since: date
    until: date
    generated: datetime
    sessions: tuple[Session, ...]
    """Sessions in the period, oldest first."""
    items: tuple[tuple[str, int, int, int], ...]
    """(label, done, skipped, listed) per checklist item."""
    weeks: tuple[WeekTrend, ...]
    change: str
    severities: tuple[tuple[datetime, int], ...]
    """(saved at, severity) of every cramp with a severity, oldest first."""
    places: tuple[tuple[str, int], ...]
    """Where it cramped and how often, most often first."""
    episodes: tuple[Episode, ...]
    patterns: tuple[str, ...]
    notes: tuple[tuple[datetime, str], ...]
    red_flags: tuple[tuple[datetime, int, tuple[str, ...], bool], ...]
    """(saved at, session id, red-flag labels, advice shown) for sessions with a red flag."""
    disclaimer: str
    tz: tzinfo | None

    @property
    def with_outcome(self) -> int:
        """Sessions in the period that have an outcome."""
        return sum(session.outcome is not None for session in self.sessions)

    @property
    def cramped(self) -> int:
        """Sessions in the period whose outcome was a cramp."""
        return sum(bool(session.outcome and session.outcome.cramped) for session in self.sessions)

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the report's timezone."""
        return moment.astimezone(self.tz)


def default_since(until: date) -> date:
    """The Monday :data:`~crampui.trends.TREND_WEEKS` weeks back, like the History chart."""
    return week_start(until) - timedelta(weeks=TREND_WEEKS - 1)


def gather(
    sessions: Iterable[Session],
    content: Content,
    since: date,
    until: date,
    generated: datetime,
    loose: Iterable[CrampEpisode] = (),
    tz: tzinfo | None = None,
) -> ReportData:
    """The report's figures for sessions saved from ``since`` to ``until`` (local dates)."""
    if since > until:
        raise ValueError(f"the period starts ({since}) after it ends ({until})")

    def in_period(moment: datetime) -> bool:
        return since <= moment.astimezone(tz).date() <= until

    chosen = sorted((s for s in sessions if in_period(s.saved_at)), key=lambda s: s.seq)
    loose_in = [episode for episode in loose if in_period(episode.at)]
    weeks = weekly_trends(
        chosen,
        until,
        weeks=(week_start(until) - week_start(since)).days // 7 + 1,
        tz=tz,
        loose=loose_in,
    )
    ids = [item.id for item in content.checklist]
    labels = {item.id: item.label for item in content.checklist}
    frequencies = item_frequency(chosen, ids)
    outcomes = [(s, s.outcome) for s in chosen if s.outcome is not None]
    places = Counter(plain(o.where) for _s, o in outcomes if o.cramped and o.where.strip())
    episodes = [Episode(e, s.id) for s in chosen for e in s.episodes]
    episodes += [Episode(e, None) for e in loose_in]
    notes = [(s.saved_at, plain(s.note)) for s in chosen if s.note.strip()]
    notes += [(o.recorded_at or s.saved_at, plain(o.note)) for s, o in outcomes if o.note.strip()]
    return ReportData(
        since=since,
        until=until,
        generated=generated,
        sessions=tuple(chosen),
        items=tuple(
            (labels[f.item_id], f.done, f.skipped, f.total) for f in frequencies if f.total
        ),
        weeks=tuple(weeks),
        change=change_in_words(weeks, until),
        severities=tuple(
            (s.saved_at, o.severity) for s, o in outcomes if o.cramped and o.severity is not None
        ),
        places=tuple(sorted(places.items(), key=lambda pair: (-pair[1], pair[0]))),
        episodes=tuple(sorted(episodes, key=lambda found: found.episode.at)),
        patterns=tuple(describe(a, labels[a.item_id]) for a in associations(chosen, ids)),
        notes=tuple(sorted(notes)),
        red_flags=tuple(
            (s.saved_at, s.id, tuple(flag_label(flag) for flag in o.red_flags), o.advice_shown)
            for s, o in outcomes
            if o.red_flags or o.advice_shown
        ),
        disclaimer=content.disclaimer,
        tz=tz,
    )


# -- shared wording ------------------------------------------------------------------------


def day_text(day: date) -> str:
    """ "Wed 25 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_text(data: ReportData, moment: datetime) -> str:
    """ "Wed 25 Nov 16:01" in the report's timezone."""
    local = data.local(moment)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def week_text(week: WeekTrend) -> str:
    """ "5 Oct" (the Monday)."""
    return f"{week.start.day} {week.start:%b}"


def severity_text(value: float | None) -> str:
    """An average severity as "4.5", or "–" when there is none."""
    return "–" if value is None else f"{value:.1f}"


def timer_context(found: Episode) -> str:
    """Where in the hold the cramp came: "rep 2, left side, 12.5 s into a 30 s hold"."""
    episode = found.episode
    parts = []
    if episode.repetition is not None:
        parts.append(f"rep {episode.repetition}")
    if episode.side:
        parts.append(f"{plain(episode.side)} side")
    if episode.seconds_into_hold is not None:
        hold = (
            f" into a {episode.hold_seconds} s hold" if episode.hold_seconds else " into the hold"
        )
        parts.append(f"{episode.seconds_into_hold:g} s{hold}")
    return ", ".join(parts) or "no hold running"


def session_text(found: Episode) -> str:
    """ "#12", or "on its own" for a cramp logged outside a session."""
    return "on its own" if found.session_id is None else f"#{found.session_id}"


def flags_text(flags: Sequence[str], advice: bool) -> tuple[str, str]:
    """The red flags answered yes, and whether the advice was shown."""
    return (", ".join(flags) or "none recorded"), ("yes" if advice else "no")


def period_text(data: ReportData) -> str:
    """ "Mon 31 Aug 2026 to Wed 25 Nov 2026 (13 weeks)"."""
    return f"{day_text(data.since)} to {day_text(data.until)} ({len(data.weeks)} weeks)"


def summary_text(data: ReportData) -> str:
    """ "30 sessions, 30 with an outcome, 11 with a cramp; 19 cramps in all"."""
    cramps = sum(week.cramps for week in data.weeks)
    return (
        f"{len(data.sessions)} sessions, {data.with_outcome} with an outcome, {data.cramped} "
        f"with a cramp; {cramps} cramps in all (timed cramps, or one per cramped session)"
    )


# -- HTML ----------------------------------------------------------------------------------


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
        parts.append(
            f'<rect x="{x + slot * 0.2:.1f}" y="{plot + 14 - bar:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{bar:.1f}" class="bar"><title>{esc(week_text(week))}: '
            f"{week.cramps}</title></rect>"
        )
        centre = x + slot / 2
        parts.append(
            f'<text x="{centre:.1f}" y="{plot + 10 - bar:.1f}" class="value">{week.cramps}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{height - 4}" class="label">{esc(week_text(week))}</text>'
        )
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
    if data.red_flags:
        rows = [
            (moment_text(data, at), f"#{sid}", *flags_text(flags, advice))
            for at, sid, flags, advice in data.red_flags
        ]
        sections.append(
            _section(
                "Red-flag answers",
                _paragraph("After these cramps the person answered yes to a red-flag question.")
                + _table(("When", "Session", "Answered yes", "Advice shown"), rows),
                css="red-flags",
            )
        )
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
            + _table(("Week of", *map(week_text, data.weeks)), week_rows, css="weeks"),
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


# -- Markdown ------------------------------------------------------------------------------

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
    if data.red_flags:
        lines += ["## Red-flag answers", ""]
        lines += _md_table(
            ("When", "Session", "Answered yes", "Advice shown"),
            [
                (moment_text(data, at), f"#{sid}", *flags_text(flags, advice))
                for at, sid, flags, advice in data.red_flags
            ],
        )
    lines += ["## Period and sessions", "", md(period_text(data)), "", md(summary_text(data)), ""]
    lines += _md_table(("Checklist item", "Done", "Skipped", "Sessions listing it"), data.items)
    lines += ["## Cramps per week", "", md(data.change), ""]
    lines += _md_table(
        ("Week of", "Sessions", "Cramps", f"Average severity (0–{MAX_SEVERITY})"),
        [(week_text(w), w.sessions, w.cramps, severity_text(w.severity)) for w in data.weeks],
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


# -- from the store to a file --------------------------------------------------------------

FORMATS = ("html", "md")


def build_report(
    store: HistoryStore,
    content: Content,
    since: date | None,
    until: date,
    fmt: str = "html",
    now: datetime | None = None,
) -> str:
    """The report of ``store`` from ``since`` (default: 12 weeks back) to ``until``."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    data = gather(
        store.sessions(),
        content,
        since or default_since(until),
        until,
        generated=now or utc_now(),
        loose=store.loose_episodes(),
    )
    return render_html(data) if fmt == "html" else render_markdown(data)


def default_report_path(history: Path, until: date, fmt: str = "html") -> Path:
    """Where the History tab writes the report: ``reports/`` beside the history file."""
    return history.parent / "reports" / f"crampui-report-{until.isoformat()}.{fmt}"


def write_file(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating its directory); return the absolute path."""
    target = Path(path).expanduser().absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
