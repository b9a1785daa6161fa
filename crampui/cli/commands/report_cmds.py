"""``report`` and ``status``: a page for a professional, and one line for a prompt.

``crampui status`` (with or without ``--json``) first tries :mod:`crampui.insights.status_cache`
from ``crampui.__main__``, before this module or argparse is imported; this handler runs on a miss
and saves what it printed for next time.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampui.cli.commands import fail
from crampui.locations import settings_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crampui.history import Session
    from crampui.insights.report import Person
    from crampui.settings import Settings


def register(subparsers: Any) -> None:
    """Add the ``report`` and ``status`` commands to ``subparsers``."""
    report = subparsers.add_parser(
        "report",
        help="write a one-page report for a physiotherapist or GP",
        description="Write the history as one printable page (HTML or Markdown): the story "
        "first (cramps per session, severity, leg or nerve symptoms, red-flag answers, advice), "
        "then a chart, places, the checklist, patterns, every cramp and notes. A file is never "
        "overwritten: report-2026-12-07.html is followed by report-2026-12-07-2.html.",
    )
    report.add_argument("--since", metavar="YYYY-MM-DD", help="first day (default: 12 weeks ago)")
    report.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument("--format", choices=("html", "md"), help="default: from -o, else html")
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to this new file (a regular file only), or into this folder as "
        "report-DATE.html (default, or -: stdout)",
    )
    report.add_argument(
        "--full", action="store_true", help="every detail, on as many numbered pages as needed"
    )
    report.add_argument("--name", help="a name for the top of the report (default: settings)")
    report.add_argument(
        "--dob", metavar="YYYY-MM-DD", help="a date of birth for the top (default: settings)"
    )
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


MAX_PERIOD_DAYS = 731
"""A report covers at most two years: a longer period is a typo, and a page nobody can read."""


def parse_date(text: str | None, option: str) -> date | None:
    """``text`` as a date; ValueError naming ``option`` unless it is YYYY-MM-DD."""
    if text is None:
        return None
    from crampui.usertext import shown

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option} must be a date like 2026-11-25, got {shown(text)}") from None


def parse_day(text: str | None, option: str) -> date | None:
    """``text`` as a day of the history: a date from 2000 to today; ValueError naming
    ``option`` otherwise."""
    from crampui.checklist.session_edit import EARLIEST_YEAR

    day = parse_date(text, option)
    if day is None:
        return None
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


def report_person(args: argparse.Namespace, settings: Settings) -> Person:
    """The name and date of birth from ``--name``/``--dob``, else from the ``settings`` (both
    optional); ValueError for an unusable ``--name`` or ``--dob``."""
    from crampui.insights.report import Person
    from crampui.settings import MAX_NAME_LENGTH
    from crampui.usertext import shown

    saved = Person.from_settings(settings.report_name, settings.report_birth_date)
    name = saved.name if args.name is None else args.name.strip()
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise ValueError(f"--name must be at most {MAX_NAME_LENGTH} characters, got {shown(name)}")
    birth = parse_date(args.dob, "--dob") or saved.birth
    if birth is not None and birth > date.today():
        raise ValueError(f"--dob must be a date in the past, got {birth.isoformat()}")
    return Person(name, birth)


def report_target(output: str, until: date, fmt: str) -> Path:
    """Where ``-o`` asks for the report: the file, or ``report-DATE.EXT`` in a folder."""
    from crampui.insights.report import report_name

    target = Path(os.path.expanduser(output))  # not Path.expanduser: no error for "~unknown"
    return target / report_name(until, fmt) if target.is_dir() else target


def write_report(args: argparse.Namespace) -> int:
    """Build the report from the history and write it to a new file (``-o``) or stdout
    (no ``-o``, or ``-o -``)."""
    from crampui.cli.commands.history_cmds import open_store
    from crampui.content.store import ContentError, default_content
    from crampui.history import HistoryError
    from crampui.insights.report import build_report
    from crampui.locations import path_text
    from crampui.settings import load_settings

    settings, _problem = load_settings(settings_path())  # a bad settings file is not fatal
    try:
        since, until = report_period(args)
        person = report_person(args, settings)
        store = open_store(args)
        fmt = report_format(args)
        text = build_report(
            store,
            default_content(),
            since,
            until,
            fmt,
            full=args.full,
            person=person,
            checked_session=settings.checked_session,
        )
        if args.output and args.output != "-":
            from crampui.insights.report import write_new_file

            path = write_new_file(report_target(args.output, until, fmt), text)
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


def record_checked(
    sessions: Sequence[Session], today: date, settings: Settings, settings_file: Path
) -> int:
    """``status --checked``: remember the newest advice as acted on, in the settings."""
    from dataclasses import replace

    from crampui.content.safety import pausing_advice
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
    from crampui.cli.commands.history_cmds import open_store
    from crampui.history import HistoryError
    from crampui.insights import status_cache
    from crampui.insights.status import WINDOW_WEEKS
    from crampui.settings import load_settings

    key = status_cache.current_key()
    settings, _problem = load_settings(settings_path())  # a prompt stays quiet about settings
    today = datetime.now().astimezone().date()
    try:
        store = open_store(args)
        if args.checked:
            since = today - timedelta(weeks=WINDOW_WEEKS[0])
            sessions = store.sessions(datetime.combine(since, time()).astimezone())
            return record_checked(sessions, today, settings, settings_path())
        line, json_text = status_cache.texts(store, settings, key if args.db is None else None)
    except HistoryError as error:
        return fail(str(error))
    print(json_text if args.json else line)
    return 0
