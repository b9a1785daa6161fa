"""A report of the history for a physiotherapist or GP, as HTML or Markdown (no Textual).

:func:`gather` turns sessions into the figures (pure: no I/O, no clock); :func:`render_html`
and :func:`render_markdown` lay them out with the story first: the period, sessions and
cramps per session (the last four weeks against before), severity of the recorded ratings,
every leg or nerve symptom ever reported, the red-flag questions after each cramp and the
advice shown; then the chart, where it cramped, the checklist, patterns (labelled as
patterns, not proof), every cramp, the notes and the not-medical-advice line. The HTML is one
printed page unless ``full``; it is self-contained: inline CSS (``report.css``) and an inline
SVG chart, no scripts, no links to load. Every user text is stripped of control characters
and escaped, so markup in a note shows as typed. Files are never overwritten.
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

from crampui.checklist.routines import stored_stretch_names
from crampui.clock import utc_now
from crampui.content.store import Content
from crampui.history import HistoryStore
from crampui.insights.report.data import (
    NOBODY,
    Person,
    ReportData,
    default_since,
    gather,
    may_hold_symptom,
)
from crampui.insights.report.html_page import render_html
from crampui.insights.report.markdown_page import md, render_markdown

__all__ = [
    "FORMATS",
    "Person",
    "ReportData",
    "build_report",
    "default_report_path",
    "gather",
    "md",
    "render_html",
    "render_markdown",
    "report_name",
    "write_new_file",
]

FORMATS = ("html", "md")


def build_report(
    store: HistoryStore,
    content: Content,
    since: date | None,
    until: date,
    fmt: str = "html",
    now: datetime | None = None,
    full: bool = False,
    person: Person = NOBODY,
    checked_session: int = 0,
) -> str:
    """The report of ``store`` from ``since`` (default: 12 weeks back) to ``until``.

    HTML is one printed page unless ``full``; ``person`` names whom it is about (optional);
    ``checked_session`` is the setting of the newest advice said to be acted on.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    since = since or default_since(until)
    window = datetime.combine(since - timedelta(days=1), time()).astimezone()  # any zone's day
    data = gather(
        store.sessions(window, also=may_hold_symptom),  # symptoms come from every session
        content,
        since,
        until,
        generated=now or utc_now(),
        loose=store.loose_episodes(),
        settings=store.item_settings(),
        person=person,
        checked_session=checked_session,
        stretch_names=stored_stretch_names(store, content),
    )
    return render_html(data, full) if fmt == "html" else render_markdown(data)


def report_name(until: date, fmt: str = "html") -> str:
    """The file name of a report ending on ``until``: ``report-2026-12-07.html``."""
    return f"report-{until.isoformat()}.{fmt}"


def default_report_path(history: Path, until: date, fmt: str = "html") -> Path:
    """Where the History tab writes the report: ``reports/`` beside the history file."""
    return history.parent / "reports" / report_name(until, fmt)


MAX_SAME_NAME = 999
"""How many reports of one name (``-2``, ``-3``, ...) are tried before giving up."""


def write_new_file(path: str | Path, text: str) -> Path:
    """Write ``text`` to a new file at ``path``, or ``NAME-2.EXT``, ``NAME-3.EXT``... if taken;
    the one writer of report files (the History tab's and ``crampui report -o``).

    Never overwrites or follows a link: each name is created with ``O_EXCL`` and
    ``O_NOFOLLOW`` (mode 0600, the report holds health data). A link, FIFO, device or folder
    at ``path`` itself is refused (OSError saying what it is) without opening or blocking on
    it; one at a later name is passed over. A missing directory is created (0700). Returns the
    absolute path written; OSError if none could be.
    """
    from crampui.history.engine import check_regular

    target = Path(os.path.expanduser(path)).absolute()  # "~nobody-by-that-name" stays as typed
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if target.is_symlink():
        raise OSError(errno.ELOOP, "it is a symlink; name the file itself", str(target))
    check_regular(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    for number in range(1, MAX_SAME_NAME + 1):
        candidate = target if number == 1 else target.with_stem(f"{target.stem}-{number}")
        try:
            descriptor = os.open(candidate, flags, 0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError:
            candidate.unlink(missing_ok=True)  # no half-written report left behind
            raise
        return candidate
    raise OSError(errno.EEXIST, f"{MAX_SAME_NAME} reports named {target.name} already exist")
