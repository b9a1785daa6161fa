"""``report`` and ``status``: a page for a professional, and one line for a prompt.

``crampui status`` (with or without ``--json``) first tries :mod:`crampui.status_cache` from
``crampui.__main__``, before this module or argparse is imported; this handler runs on a miss
and saves what it printed for next time.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import stat
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crampui.commands import fail
from crampui.locations import settings_path


def register(subparsers: Any) -> None:
    """Add the ``report`` and ``status`` commands to ``subparsers``."""
    report = subparsers.add_parser(
        "report",
        help="write a one-page report for a physiotherapist or GP",
        description="Write the history as one printable page (HTML or Markdown): red-flag "
        "answers, sessions, cramps per week, severity, timed cramps, patterns and notes.",
    )
    report.add_argument("--since", metavar="YYYY-MM-DD", help="first day (default: 12 weeks ago)")
    report.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument("--format", choices=("html", "md"), help="default: from -o, else html")
    report.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    report.set_defaults(handler=write_report)

    status = subparsers.add_parser(
        "status",
        help="one line for a shell prompt or tmux: this week, last session, missing outcomes",
    )
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(handler=show_status)


MAX_PERIOD_DAYS = 731
"""A report covers at most two years: a longer period is a typo, and a page nobody can read."""


def parse_day(text: str | None, option: str) -> date | None:
    """``text`` as a date from 2000 to today; ValueError naming ``option`` otherwise."""
    if text is None:
        return None
    from crampui.session_edit import EARLIEST_YEAR
    from crampui.usertext import shown

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option} must be a date like 2026-11-25, got {shown(text)}") from None
    if day.year < EARLIEST_YEAR:
        raise ValueError(f"{option} {day} is before {EARLIEST_YEAR}; check the year")
    if day > date.today():
        raise ValueError(f"{option} {day} is in the future; today is {date.today()}")
    return day


def report_period(args: argparse.Namespace) -> tuple[date | None, date]:
    """``--since`` (None: the report's default) and ``--until`` (default: today), at most
    :data:`MAX_PERIOD_DAYS` apart (the report itself refuses them out of order)."""
    until = parse_day(args.until, "--until") or date.today()
    since = parse_day(args.since, "--since")
    if since is not None and (until - since).days + 1 > MAX_PERIOD_DAYS:
        raise ValueError(
            f"the period from {since} to {until} is {(until - since).days + 1:,} days; a report "
            f"covers at most two years ({MAX_PERIOD_DAYS} days): choose a later --since"
        )
    return since, until


def report_format(args: argparse.Namespace) -> str:
    """The chosen format: ``--format``, else ``md`` for a .md/.markdown file, else ``html``."""
    if args.format:
        return str(args.format)
    output = (args.output or "").lower()
    return "md" if output.endswith((".md", ".markdown")) else "html"


def write_output(name: str, text: str) -> Path:
    """Write ``text`` to the file ``name`` (its folder created if missing); its absolute path.

    Only a regular file is written: a symlink, FIFO, device or folder there is refused
    (OSError) without blocking or writing through it. A new file is private (0600).
    """
    from crampui.history.engine import check_regular

    target = Path(os.path.expanduser(name)).absolute()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if target.is_symlink():
        raise OSError(errno.ELOOP, "it is a symlink; name the file itself", str(target))
    check_regular(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(target, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check
            raise OSError(errno.EINVAL, "it is not a regular file", str(target))
        file.truncate(0)
        file.write(text)
    return target


def write_report(args: argparse.Namespace) -> int:
    """Build the report from the history and write it to ``-o`` (``-``: stdout) or stdout."""
    from crampui.commands.history_cmds import open_store
    from crampui.content import ContentError, default_content
    from crampui.history import HistoryError
    from crampui.locations import path_text
    from crampui.report import build_report

    try:
        since, until = report_period(args)
        store = open_store(args)
        text = build_report(store, default_content(), since, until, report_format(args))
        if args.output and args.output != "-":
            path = write_output(args.output, text)
            print(f"Report written to {path_text(path, 300)}")
        else:
            sys.stdout.write(text)
    except (ContentError, HistoryError, ValueError) as error:
        return fail(str(error))
    except RecursionError:
        return fail(f"could not write {path_text(args.output)}: the path is too deep")
    except OSError as error:
        return fail(f"could not write {path_text(args.output)}: {error.strerror or error}")
    return 0


def show_status(args: argparse.Namespace) -> int:
    """Print the status line (or JSON) and, for the default files, cache it."""
    from crampui import status_cache
    from crampui.commands.history_cmds import open_store
    from crampui.history import HistoryError
    from crampui.settings import load_settings
    from crampui.status import status, status_json, status_line

    settings_file = settings_path()
    key = status_cache.current_key()
    try:
        store = open_store(args)
        sessions, loose = store.sessions(), store.loose_episodes()
    except HistoryError as error:
        return fail(str(error))
    settings, _problem = load_settings(settings_file)  # a prompt stays quiet about settings
    today = datetime.now().astimezone().date()
    state = status(sessions, today, settings.weekly_target, loose=loose)
    line = status_line(state)
    json_text = json.dumps(status_json(state))  # ASCII: valid JSON on any terminal encoding
    if args.db is None:  # the cache serves only the files chosen without --db
        status_cache.save(key, line, json_text)
    print(json_text if args.json else line)
    return 0
