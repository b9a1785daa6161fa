"""``serve``: the app in a browser (a phone at the gym), behind a key new each start."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import Any

from crampui.cli.commands import fail

SERVE_NEEDS = ("textual_serve", "aiohttp", "segno")
"""Modules of the ``serve`` extra."""

HIGHEST_PORT = 65535


def register(subparsers: Any) -> None:
    """Add the ``serve`` command to ``subparsers``."""
    from crampui.web.address import DEFAULT_PORT, LOOPBACK

    serve = subparsers.add_parser(
        "serve",
        help="open crampui in a browser, e.g. a phone's (needs crampui[serve])",
        description="Run crampui for a web browser, on the same history and settings as the "
        "terminal app. It prints an address with a key that is new each start (and a QR code "
        "of it for a phone when another device can reach it); without that key the server "
        "answers 403 and starts nothing. Anyone with the link who can reach this computer can "
        "read and change your history. Ctrl+C stops it.",
    )
    serve.add_argument(
        "--host",
        default=LOOPBACK,
        help=f"address to listen on (default: {LOOPBACK}, this computer only; 0.0.0.0 for "
        "every network this computer is on)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT}; 0 for any free port)",
    )
    serve.set_defaults(handler=serve_app)


def port_number(text: str) -> int:
    """``--port``: a whole number from 0 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= HIGHEST_PORT:
        raise argparse.ArgumentTypeError(f"a port is from 0 to {HIGHEST_PORT}, not {port}")
    return port


def serve_app(args: argparse.Namespace) -> int:
    """Check the history, listen, print the address, and serve until Ctrl+C."""
    if not all(importlib.util.find_spec(name) for name in SERVE_NEEDS):
        return fail("crampui serve needs textual-serve: pip install 'crampui[serve]'")
    from crampui.cli.commands.history_cmds import open_store
    from crampui.history import HistoryError
    from crampui.usertext import terminal_safe
    from crampui.web.address import BindError, listen, new_token, notice, qr_code

    try:
        history = open_store(args).path.resolve()
    except HistoryError as error:
        return fail(terminal_safe(str(error)))
    try:
        listening = listen(args.host, args.port)
    except BindError as error:
        return fail(terminal_safe(str(error)))
    key = new_token()
    url = listening.url(key)

    def ready() -> None:
        if not listening.loopback:
            print(qr_code(url))
        print(notice(url, listening.loopback), flush=True)

    from crampui.web.server import serve

    with listening.sock:
        serve(listening, key, history, ready)
    print("crampui serve stopped.", file=sys.stderr)
    return 0
