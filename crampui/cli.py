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


COMMANDS: dict[str, tuple[str, str]] = {
    "causes": (
        "crampui.commands.content_cmds",
        "list the causes by category, or those matching QUERY best first",
    ),
    "cause": ("crampui.commands.content_cmds", "show one cause by number or slug"),
    "faq": ("crampui.commands.content_cmds", "list the questions, best match first for QUERY"),
    "log": (
        "crampui.commands.history_cmds",
        "save a checklist session (items not mentioned are left pending)",
    ),
    "history": ("crampui.commands.history_cmds", "list saved sessions, newest first"),
    "episodes": ("crampui.commands.episodes_cmds", "list every cramp logged with F2, newest first"),
    "items": ("crampui.commands.items_cmds", "list or change your checklist (add your own items)"),
    "report": (
        "crampui.commands.report_cmds",
        "write a one-page report for a physiotherapist or GP",
    ),
    "status": (
        "crampui.commands.report_cmds",
        "one line for a shell prompt or tmux: this week, last session, missing outcomes",
    ),
    "merge": ("crampui.commands.sync_cmds", "merge another crampui history file into this one"),
    "serve": (
        "crampui.commands.serve_cmds",
        "open crampui in a browser, e.g. a phone's (needs crampui[serve])",
    ),
}
"""Every command, in ``--help`` order: name -> (module, one-line help).

To add a command, add a line here. Its module has ``register(subparsers)``, which calls
``subparsers.add_parser(name, ...)`` for its commands and sets ``handler``; only the module of
the command being run is imported, and only that command's parser is built. The help text shown
by ``crampui --help`` is the one given here.
"""


class _OnlyChosen:
    """What a command module's ``register`` sees: only the chosen command's parser is real."""

    def __init__(self, subparsers: Any, chosen: str) -> None:
        self.subparsers = subparsers
        self.chosen = chosen

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """The real parser for the chosen command; a throwaway one for any other."""
        if name != self.chosen:
            return CrampArgumentParser(add_help=False)
        kwargs["help"] = COMMANDS[name][1]
        return self.subparsers.add_parser(name, **kwargs)


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (skipping ``--db PATH``), or None if there is none."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg == "--db":
            skip_next = True
        elif arg == "--":
            continue
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Build the parser: every command is listed, but only the one named in ``argv`` (if any)
    is built in full, importing only its module. Without ``argv``, every command is built."""
    chosen = chosen_command(argv) if argv is not None else None
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
    for name, (module_name, help_text) in COMMANDS.items():
        if argv is None or name == chosen:
            # __import__, not importlib.import_module: -X importtime then lists the module.
            module = __import__(module_name, fromlist=["register"])
            module.register(_OnlyChosen(subparsers, name))
        else:
            subparsers.add_parser(name, help=help_text, add_help=False)
    return parser


def launch_app(args: argparse.Namespace) -> int:
    """Open the terminal UI."""
    from crampui.launch import launch

    return launch(getattr(args, "db", None))


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run the chosen command, returning the exit status."""
    tolerate_any_output_encoding()
    args = build_parser(argv).parse_args(argv)
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
