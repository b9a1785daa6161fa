"""``merge``: bring another crampui history file (a backup, another computer's) into this one."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from crampui.cli.commands import fail


def register(subparsers: Any) -> None:
    """Add the ``merge`` command to ``subparsers``."""
    merge = subparsers.add_parser(
        "merge",
        help="merge another crampui history file into this one",
        description="Merge another crampui history file (an old backup, another computer's "
        "copy) into your history. Nothing is added twice and deleted sessions stay deleted; "
        "FILE itself is not changed.",
    )
    merge.add_argument("file", metavar="FILE", help="the history file to merge in")
    merge.set_defaults(handler=merge_file)


def merge_file(args: argparse.Namespace) -> int:
    """Merge ``args.file`` into the history and say what it added."""
    from crampui.cli.commands.history_cmds import open_store
    from crampui.history import HistoryError
    from crampui.usertext import terminal_safe

    other = Path(os.path.expanduser(args.file))
    try:
        store = open_store(args)
        if os.path.realpath(other) == os.path.realpath(store.path):
            return fail("FILE is your history itself; name another crampui history file")
        summary = store.merge_file(other)
    except HistoryError as error:
        return fail(terminal_safe(str(error)))
    if summary.anything:
        print(f"Merged {summary.describe()} from {terminal_safe(other.name)}.")
    else:
        print(f"Nothing new in {terminal_safe(other.name)}: your history already had all of it.")
    return 0
