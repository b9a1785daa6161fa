"""``report`` and ``status``: a page for a professional, and one line for a prompt.

``crampui status`` (with or without ``--json``) first tries :mod:`crampui.status_cache` from
``crampui.__main__``, before this module or argparse is imported; this handler runs on a miss
and saves what it printed for next time.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampui.commands import fail
from crampui.locations import history_path, settings_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crampui.history import Session
    from crampui.settings import Settings


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
    status.add_argument(
        "--checked", action="store_true",
        help="say the advice to get your back checked has been acted on: reminders to stretch "
        "come back (they pause for 14 days after that advice)",
    )  # fmt: skip
    status.set_defaults(handler=show_status)


def parse_day(text: str | None, option: str) -> date | None:
    """``text`` as a date; ValueError naming ``option`` unless it is YYYY-MM-DD."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        from crampui.usertext import shown

        raise ValueError(f"{option} must be a date like 2026-11-25, got {shown(text)}") from None


def report_format(args: argparse.Namespace) -> str:
    """The chosen format: ``--format``, else ``md`` for a .md/.markdown file, else ``html``."""
    if args.format:
        return str(args.format)
    output = (args.output or "").lower()
    return "md" if output.endswith((".md", ".markdown")) else "html"


def write_report(args: argparse.Namespace) -> int:
    """Build the report from the history and write it to ``-o`` or stdout."""
    from crampui.commands.history_cmds import open_store
    from crampui.content import ContentError, default_content
    from crampui.history import HistoryError
    from crampui.report import build_report

    try:
        until = parse_day(args.until, "--until") or date.today()
        since = parse_day(args.since, "--since")
        store = open_store(args)
        text = build_report(store, default_content(), since, until, report_format(args))
        if args.output:
            from crampui.report import write_file

            path = write_file(args.output, text)
            print(f"Report written to {path}")
        else:
            sys.stdout.write(text)
    except (ContentError, HistoryError, ValueError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"could not write {args.output}: {error.strerror or error}")
    return 0


def record_checked(
    sessions: Sequence[Session], today: date, settings: Settings, settings_file: Path
) -> int:
    """``status --checked``: remember the newest advice as acted on, in the settings."""
    from dataclasses import replace

    from crampui.safety import pausing_advice
    from crampui.settings import save_settings

    pause = pausing_advice(sessions, today, settings.checked_session)
    if pause is None:
        print("No advice to get checked is pausing the reminders.")
        return 0
    try:
        save_settings(replace(settings, checked_session=pause[0].id), settings_file)
    except OSError as error:
        return fail(f"could not save {settings_file}: {error.strerror or error}")
    print(f"Noted: the advice of session #{pause[0].id} has been acted on; reminders are back.")
    return 0


def show_status(args: argparse.Namespace) -> int:
    """Print the status line (or JSON) and, for the default files, cache it."""
    from crampui import status_cache
    from crampui.commands.history_cmds import open_store
    from crampui.history import HistoryError
    from crampui.settings import load_settings
    from crampui.status import status, status_json, status_line

    history, settings_file = history_path(args.db), settings_path()
    key = status_cache.current_key(str(history), str(settings_file))
    try:
        sessions = open_store(args).sessions()
    except HistoryError as error:
        return fail(str(error))
    settings, _problem = load_settings(settings_file)  # a prompt stays quiet about settings
    today = datetime.now().astimezone().date()
    if args.checked:
        return record_checked(sessions, today, settings, settings_file)
    state = status(sessions, today, settings.weekly_target, None, settings.checked_session)
    line = status_line(state)
    json_text = json.dumps(status_json(state))  # ASCII: valid JSON on any terminal encoding
    if args.db is None:  # the cache serves only the files chosen without --db
        status_cache.save(key, line, json_text)
    print(json_text if args.json else line)
    return 0
