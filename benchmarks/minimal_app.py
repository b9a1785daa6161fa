"""The smallest useful Textual app, the baseline that crampui's start-up is compared with.

It starts the way ``crampui`` does (:func:`crampui.ui.launch.start_app`): Textual is imported with
collection paused and what the import built is then frozen, so a ratio compares the apps, not
their garbage-collector settings.
"""

from __future__ import annotations

import gc

_collecting = gc.isenabled()
gc.disable()
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Header, Label  # noqa: E402

gc.freeze()
if _collecting:
    gc.enable()


class MinimalApp(App[None]):
    """A header, one label and a footer."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """Header, the label "ready" and the footer."""
        yield Header()
        yield Label("ready")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
