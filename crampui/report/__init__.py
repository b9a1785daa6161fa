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

from datetime import date, datetime
from pathlib import Path

from crampui.clock import utc_now
from crampui.content import Content
from crampui.history import HistoryStore
from crampui.report.data import ReportData, default_since, gather
from crampui.report.html_page import render_html
from crampui.report.markdown_page import md, render_markdown

__all__ = [
    "FORMATS",
    "ReportData",
    "build_report",
    "default_report_path",
    "gather",
    "md",
    "render_html",
    "render_markdown",
    "write_file",
]

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
        settings=store.item_settings(),
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
