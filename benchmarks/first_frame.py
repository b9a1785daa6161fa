"""Start an app headless (100x32), quit as soon as its first screen is ready.

``python benchmarks/first_frame.py crampui|minimal``: what ``bench_startup`` counts the CPU
instructions of (under cachegrind), so the count covers start-up up to the first frame.
crampui is started as the ``crampui`` command starts it (:func:`crampui.cli.start_app`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


async def quit_now(pilot: Any) -> None:
    """Quit the moment the app is ready (its first screen is composed and shown)."""
    pilot.app.exit()


def app_named(name: str) -> Any:
    """The app to start: ``crampui`` or ``minimal``."""
    if name == "crampui":
        from crampui.cli import start_app

        return start_app()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from minimal_app import MinimalApp

    return MinimalApp()


if __name__ == "__main__":
    app_named(sys.argv[1]).run(headless=True, size=(100, 32), auto_pilot=quit_now)
