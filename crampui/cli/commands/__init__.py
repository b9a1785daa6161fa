"""CLI commands; each module adds its parsers with ``register(subparsers)``.

A command's handler takes the parsed arguments and returns the exit status. These modules never
import Textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_USAGE = 2


def fail(message: str) -> int:
    """Print a one-line error on stderr (escaped: it may quote a path) and return the usage
    exit status."""
    from crampui.usertext import terminal_safe

    print(f"crampui: error: {terminal_safe(message)}", file=sys.stderr)
    return EXIT_USAGE


def usable_history_path(args: argparse.Namespace) -> Path:
    """The history named by ``--db`` (or the default); HistoryError, one line, if that path
    cannot be used (loop, too long, not a folder, missing folder without ``--create``)."""
    from crampui.history.errors import HistoryError
    from crampui.locations import history_location_problem, history_path, named_history

    path = history_path(args.db)
    problem = history_location_problem(
        path, named=named_history(args.db), create=getattr(args, "create", False)
    )
    if problem:
        raise HistoryError(problem)
    return path
