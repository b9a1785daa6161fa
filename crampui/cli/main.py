"""Command-line parsing and dispatch.

Only launching the app imports Textual; every other command stays light so scripts that call
``crampui`` many times remain fast.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Collection, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from crampui import __version__

EXIT_USAGE = 2

MAX_MESSAGE = 300
"""Argument errors are cut to this many characters (they may echo a huge argument)."""

ECHOED = 60
"""An argument quoted in an error is cut to this many characters."""

EXIT_BROKEN_PIPE = 141
"""The shell's status for a command whose reader went away (128 + SIGPIPE)."""


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
    """An argument parser whose errors are one line on stderr and exit code 2.

    Parsing leaves the innermost command's name in ``command_prog``, so an error found after
    parsing names that command's help.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create the parser; see :class:`argparse.ArgumentParser`."""
        super().__init__(*args, **kwargs)
        self.set_defaults(command_prog=self.prog)

    def error(self, message: str) -> NoReturn:
        """Print a one-line error naming this command's help; exit with the usage status."""
        usage_error(self.prog, message)


def usage_error(prog: str, message: str) -> NoReturn:
    """Print ``message`` (escaped, long arguments shortened) as one line naming ``prog``'s
    help, and exit with the usage status."""
    sys.stderr.write(f"crampui: error: {short_message(message)} (see '{prog} --help')\n")
    sys.exit(EXIT_USAGE)


def short_message(message: str) -> str:
    """``message`` escaped, with every word over ECHOED characters cut to them and "…", and
    the whole cut to MAX_MESSAGE characters."""
    from crampui.usertext import terminal_safe

    message = terminal_safe(message)
    message = re.sub(rf"\S{{{ECHOED + 1},}}", lambda word: word.group()[:ECHOED] + "…", message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


MAX_DIGITS = 6
"""A whole number on the command line has at most this many digits."""


def whole_number(text: str) -> int:
    """An argument as a whole number written in ASCII digits only (no sign, no ``_``, no other
    script's digits: ``1_0``, ``+3`` and ``٣`` are refused)."""
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number like 3")
    return int(text)


def action_parser(actions: Any, name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
    """The action ``name`` of a command's ``actions`` (``--db`` accepted), run by ``handler``
    with ``args.action`` set to ``name``."""
    parser = actions.add_parser(
        name, help=help_text, description=help_text, parents=[db_option_parser()]
    )
    parser.set_defaults(handler=handler, action=name)
    return parser


@cache
def db_option_parser() -> argparse.ArgumentParser:
    """A parent parser holding ``--db``, accepted before or after the command name.

    Built once: a parent only lends its options to the parsers that name it."""
    db_option = CrampArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="history database to use (default: $CRAMPUI_DB or the user data directory)",
    )
    db_option.add_argument(
        "--create",
        action="store_true",
        default=argparse.SUPPRESS,
        help="create the folder of a new --db history if it does not exist",
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
        "crampui.cli.commands.content_cmds",
        "list the causes by category, or those matching QUERY best first",
    ),
    "cause": ("crampui.cli.commands.content_cmds", "show one cause by number or slug"),
    "faq": ("crampui.cli.commands.content_cmds", "list the questions, best match first for QUERY"),
    "stretches": ("crampui.cli.commands.stretch_cmds", "list the gentle back stretches"),
    "stretch": ("crampui.cli.commands.stretch_cmds", "show one stretch: how to do it, its caution"),
    "routine": ("crampui.cli.commands.routine_cmds", "show or change your stretch routine"),
    "log": (
        "crampui.cli.commands.history_cmds",
        "save a checklist session (items not mentioned are left pending)",
    ),
    "history": ("crampui.cli.commands.history_cmds", "list saved sessions, newest first"),
    "episodes": (
        "crampui.cli.commands.episodes_cmds",
        "list every cramp logged with F2, newest first",
    ),
    "items": (
        "crampui.cli.commands.items_cmds",
        "list or change your checklist (add your own items)",
    ),
    "report": (
        "crampui.cli.commands.report_cmds",
        "write a one-page report for a physiotherapist or GP",
    ),
    "status": (
        "crampui.cli.commands.report_cmds",
        "one line for a shell prompt or tmux: this week, last session, missing outcomes",
    ),
    "merge": ("crampui.cli.commands.sync_cmds", "merge another crampui history file into this one"),
    "serve": (
        "crampui.cli.commands.serve_cmds",
        "open crampui in a browser, e.g. a phone's (needs crampui[serve])",
    ),
}
"""Every command, in ``--help`` order: name -> (module, one-line help).

To add a command, add a line here. Its module has ``register(subparsers)``, which calls
``subparsers.add_parser(name, ...)`` for its commands and sets ``handler``; only the module of
the command being run is imported, and only that command's parser is built. The help text shown
by ``crampui --help`` is the one given here.
"""


class _Unused:
    """Stands in for the parser of a command that is not run: every call on it is ignored."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> _Unused:
        return self


class _OnlyChosen:
    """What a command module's ``register`` sees: only the chosen command's parser is real."""

    def __init__(self, subparsers: Any, chosen: str) -> None:
        self.subparsers = subparsers
        self.chosen = chosen

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        """The real parser for the chosen command; for any other, one that ignores all."""
        if name != self.chosen:
            return _Unused()
        kwargs["help"] = COMMANDS[name][1]
        return self.subparsers.add_parser(name, **kwargs)


def first_word(argv: Sequence[str]) -> str | None:
    """The first argument in ``argv`` that is not an option (skipping ``--db PATH``)."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg == "--db":
            skip_next = True
        elif arg != "--" and not arg.startswith("-"):
            return arg
    return None


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (skipping ``--db PATH``), or None if there is none."""
    word = first_word(argv)
    return word if word in COMMANDS else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Build the parser. Without ``argv``, every command is built. With it, only the command
    it names (if any) is built, importing only its module; the others are added only if the
    top-level help is shown, as that is all they would be used for."""
    if argv is None:
        return _parser(COMMANDS, list_every_command=True)
    chosen = chosen_command(argv)
    return _parser([chosen] if chosen else [], list_every_command=False)


class _CrampuiParser(CrampArgumentParser):
    """The top-level parser, whose help lists every command however few were built."""

    lists_every_command = True

    def format_help(self) -> str:
        """The help text, listing every command with its one-line help."""
        if self.lists_every_command:
            return super().format_help()
        return _parser([], list_every_command=True).format_help()


def _parser(built: Collection[str], list_every_command: bool) -> argparse.ArgumentParser:
    """The ``crampui`` parser with the commands in ``built`` in full, and with only a name and
    one-line help for every other command if ``list_every_command``."""
    parser = _CrampuiParser(
        prog="crampui",
        description="Why your back cramps when you stretch, and what helps. "
        "Run without a command to open the app.",
        epilog="General information, not medical advice.",
        parents=[db_option_parser()],
    )
    parser.lists_every_command = list_every_command
    parser.add_argument("--version", action="version", version=f"crampui {__version__}")
    subparsers = parser.add_subparsers(
        title="commands", metavar="COMMAND", action=Commands, parser_class=CrampArgumentParser
    )
    for name, (module_name, help_text) in COMMANDS.items():
        if name in built:
            # __import__, not importlib.import_module: -X importtime then lists the module.
            module = __import__(module_name, fromlist=["register"])
            module.register(_OnlyChosen(subparsers, name))
        elif list_every_command:
            subparsers.add_parser(name, help=help_text, add_help=False, parents=[])
    return parser


def launch_app(args: argparse.Namespace) -> int:
    """Open the terminal UI."""
    from crampui.ui.launch import launch

    return launch(getattr(args, "db", None))


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run the chosen command, returning the exit status.

    A path that cannot be used or an output whose reader went away ends in one line (or
    quietly, for a closed pipe), never a traceback.
    """
    tolerate_any_output_encoding()
    parser = build_parser(argv)
    unknown = first_word(argv)
    if unknown is not None and unknown not in COMMANDS:
        close = difflib.get_close_matches(unknown[:100], COMMANDS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        parser.error(f"unknown command {unknown!r}{hint}")
    args, unrecognized = parser.parse_known_args(argv)
    if unrecognized:
        usage_error(args.command_prog, f"unrecognized arguments: {' '.join(unrecognized)}")
    if not hasattr(args, "db"):
        args.db = None
    handler = getattr(args, "handler", launch_app)
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return reader_gone()
    except RecursionError:
        from crampui.cli.commands import fail

        return fail("a path is too deep")
    except OSError as error:
        from crampui.cli.commands import fail
        from crampui.locations import path_text

        where = f"{path_text(error.filename)}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}")


def reader_gone() -> int:
    """Standard output's reader went away: stop writing to it, quietly; the shell's status."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE
