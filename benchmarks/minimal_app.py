"""The smallest useful Textual app, the baseline that crampui's start-up is compared with."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


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
