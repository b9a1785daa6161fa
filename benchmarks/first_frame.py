"""Start an app headless (100x32), quit as soon as its first screen has been drawn.

``python benchmarks/first_frame.py crampui|minimal``: what ``bench_startup`` counts the CPU
instructions of (under cachegrind), so the count covers start-up up to the first frame.
crampui is started as the ``crampui`` command starts it (:func:`crampui.ui.launch.start_app`). The
screen posts ``Ready`` after its first paint; both apps' ``on_ready`` is replaced by quitting,
so crampui's work after the first frame (building the other tabs) is not counted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def quit_on_ready(app: Any) -> None:
    """Quit on the first ``Ready``: the first screen has been drawn."""
    app.exit()


def app_named(name: str) -> Any:
    """The app to start: ``crampui`` or ``minimal``."""
    if name == "crampui":
        from crampui.ui.launch import start_app

        return start_app()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from minimal_app import MinimalApp

    return MinimalApp()


if __name__ == "__main__":
    app = app_named(sys.argv[1])
    type(app).on_ready = quit_on_ready
    app.run(headless=True, size=(100, 32))
