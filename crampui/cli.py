"""Command-line parsing and dispatch.

Only launching the app imports Textual; every other command stays light so scripts that call
``crampui`` many times remain fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from crampui import __version__

EXIT_USAGE = 2

MAX_MESSAGE = 300
"""Argument errors are cut to this many characters (they may echo a huge argument)."""


def tolerate_any_output_encoding() -> None:
    """Let stdout and stderr escape what their encoding cannot show (e.g. ASCII-only).

    Without this, ``PYTHONIOENCODING=ascii`` or a C locale turns a note with an accent into
    a UnicodeEncodeError traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


class CrampArgumentParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line error (escaped, shortened) and exit with the usage status."""
        from crampui.usertext import terminal_safe

        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        self.exit(EXIT_USAGE, f"crampui: error: {terminal_safe(message)} (see 'crampui --help')\n")


def db_option_parser() -> argparse.ArgumentParser:
    """A parent parser holding ``--db``, accepted before or after the command name."""
    db_option = CrampArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="history database to use (default: $CRAMPUI_DB or the user data directory)",
    )
    return db_option


if TYPE_CHECKING:
    SubParsersAction = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    SubParsersAction = argparse._SubParsersAction


class Commands(SubParsersAction):
    """Sub-command registry that gives every command the ``--db`` option."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """Add a command parser that also accepts ``--db``."""
        kwargs.setdefault("parents", [db_option_parser()])
        return super().add_parser(name, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """Build the parser for every crampui command."""
    from crampui.commands import content_cmds, history_cmds, report_cmds

    parser = CrampArgumentParser(
        prog="crampui",
        description="Why your back cramps when you stretch, and what helps. "
        "Run without a command to open the app.",
        epilog="General information, not medical advice.",
        parents=[db_option_parser()],
    )
    parser.add_argument("--version", action="version", version=f"crampui {__version__}")
    subparsers = parser.add_subparsers(
        title="commands", metavar="COMMAND", action=Commands, parser_class=CrampArgumentParser
    )
    for module in (content_cmds, history_cmds, report_cmds):
        module.register(subparsers)
    return parser


def launch_app(args: argparse.Namespace) -> int:
    """Open the terminal UI."""
    from crampui.app import CrampApp

    app = CrampApp(db_path=getattr(args, "db", None))
    app.run()
    return app.return_code or 0


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run the chosen command, returning the exit status."""
    if not argv:  # the common case: open the app, without building every command's parser
        return launch_app(argparse.Namespace(db=None))
    tolerate_any_output_encoding()
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    handler = getattr(args, "handler", launch_app)
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
