"""A small app that hosts one crampui pane, styled like the real app, for UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

PACKAGE = Path(__file__).parent.parent / "crampui"
CSS_FILES = [
    PACKAGE / "app.tcss",
    PACKAGE / "panes" / "checklist.tcss",
    PACKAGE / "panes" / "history.tcss",
]
"""The stylesheets the real app loads for the Checklist and History tabs."""

START = datetime(2026, 11, 25, 18, 5, tzinfo=timezone.utc)
"""A fixed "now" for stores in tests (a Wednesday)."""


class Clock:
    """A settable clock for HistoryStore: returns ``now`` and can be moved on."""

    def __init__(self, now: datetime = START) -> None:
        """Start at ``now``."""
        self.now = now

    def __call__(self) -> datetime:
        """The current fake time."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock on by a timedelta(**delta)."""
        self.now += timedelta(**delta)


def times(start: datetime, count: int, step: timedelta) -> Iterator[datetime]:
    """``count`` moments from ``start``, ``step`` apart."""
    for index in range(count):
        yield start + index * step


class PaneApp(App[None]):
    """Header, one tab holding the pane built by ``make_pane``, and the footer."""

    CSS_PATH = CSS_FILES  # type: ignore[assignment]
    TITLE = "crampui"
    BINDINGS = [
        Binding("question_mark", "bell", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, make_pane: Callable[[], Widget], tab: str = "Checklist") -> None:
        """Host the widget ``make_pane`` returns in a tab called ``tab``."""
        super().__init__()
        self.make_pane = make_pane
        self.tab = tab
        self.messages: list[object] = []

    def compose(self) -> ComposeResult:
        """The same frame as the real app."""
        yield Header()
        with TabbedContent():
            with TabPane(self.tab, id="tab"):
                yield self.make_pane()
        yield Footer()

    def on_checklist_pane_session_saved(self, message: object) -> None:
        """Keep SessionSaved messages for assertions."""
        self.messages.append(message)

    def on_checklist_pane_open_timer(self, message: object) -> None:
        """Keep OpenTimer messages for assertions."""
        self.messages.append(message)
