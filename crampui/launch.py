"""Start the app: kept apart from the command line (:mod:`crampui.cli`), so a bare
``crampui`` imports no argparse."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crampui.app import CrampApp


def start_app(db_path: str | None = None) -> CrampApp:
    """Import and create the app with the garbage collector out of the way until the first
    frame is on screen.

    Collection is paused while Textual and the app are imported (tens of thousands of objects
    that live as long as the process), and those are then frozen, so no full collection ever
    walks them. It stays paused while the first screen is built and drawn (collections there
    only find the widgets alive); the app resumes it on ``Ready`` (:meth:`CrampApp.on_ready`).
    """
    import gc

    gc.disable()
    try:
        from crampui.app import CrampApp

        app = CrampApp(db_path=db_path)
        gc.freeze()
    except BaseException:
        gc.enable()
        raise
    return app


NEEDS_TERMINAL = (
    "crampui: error: the app needs a terminal (standard input and output are not one); "
    "without one, use a command such as 'crampui history', 'crampui log' or 'crampui causes' "
    "(see 'crampui --help')"
)


def launch(db_path: str | None = None) -> int:
    """Open the terminal UI and return its exit status; without a terminal, say so and
    return the usage status."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(NEEDS_TERMINAL, file=sys.stderr)
        return 2
    app = start_app(db_path)
    app.run()
    return app.return_code or 0
