"""``episodes``: every cramp logged with F2, newest first, as a table, JSON or CSV.

Cramps that belong to a session name its number; those logged on their own say so (in JSON
``session`` is null). The history modules are imported inside the handler to keep other
commands fast, and this module imports no other command module.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crampui.cli.commands import fail, usable_history_path

if TYPE_CHECKING:
    from crampui.insights.episodes import Logged


def register(subparsers: Any) -> None:
    """Add the ``episodes`` command to ``subparsers``."""
    episodes = subparsers.add_parser(
        "episodes",
        description="List every cramp logged with F2 (in the app or the hold timer), newest "
        "first, with the session it belongs to or 'on its own'.",
    )
    output = episodes.add_mutually_exclusive_group()
    output.add_argument(
        "--json", dest="format", action="store_const", const="json",
        help="a JSON list with each cramp's uid and session number (null: on its own)",
    )  # fmt: skip
    output.add_argument(
        "--csv", dest="format", action="store_const", const="csv", help="CSV with a header row"
    )
    episodes.set_defaults(handler=show_episodes, format="table")


def show_episodes(args: argparse.Namespace) -> int:
    """Print every episode, newest first, in the chosen format; exit 2 if the history fails."""
    from crampui.checklist.routines import stored_stretch_names
    from crampui.content.store import ContentError, default_content
    from crampui.history import HistoryError, HistoryStore
    from crampui.insights.episodes import episode_as_json
    from crampui.usertext import terminal_safe

    try:
        store = HistoryStore(usable_history_path(args))
        logged = store.episodes()
        names = stored_stretch_names(store, default_content())
    except (ContentError, HistoryError) as error:
        return fail(terminal_safe(str(error)))
    for notice in (store.recovery_notice, store.sync_notice):
        if notice:
            print(f"crampui: {terminal_safe(notice)}", file=sys.stderr)
    if args.format == "json":
        rows = [episode_as_json(episode, session, names) for episode, session in logged]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        write_csv(logged)
    elif not logged:
        print("No cramps logged yet.")
    else:
        print_table(logged, names)
    return 0


def print_table(logged: list[Logged], names: Mapping[str, str]) -> None:
    """Print the episodes as aligned columns (the side and own stretch names, user text, are
    escaped); ``names`` name the stretches."""
    from crampui.insights.episodes import COLUMNS, episode_cells
    from crampui.usertext import display_width, pad, terminal_safe

    rows: list[tuple[str, ...]] = [COLUMNS]
    for episode, session in logged:
        rest = [terminal_safe(cell) for cell in episode_cells(episode, session, names)[1:]]
        rows.append((episode.at.astimezone().strftime("%Y-%m-%d %H:%M"), *rest))
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(COLUMNS))]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())


def write_csv(logged: list[Logged]) -> None:
    """Write the episodes as CSV (header row first) on stdout."""
    from crampui.insights.episodes import CSV_COLUMNS, episode_csv_row

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for episode, session in logged:
        writer.writerow(episode_csv_row(episode, session))
