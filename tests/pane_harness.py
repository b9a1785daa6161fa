"""A small app that hosts one crampui pane, styled like the real app, for UI tests.

Also a seeded history for the History tab and a wait for the dialogs the panes open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Header

from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome
from crampui.ui.widgets.tabbed import Tabbed, TabPanel
from tests.clocks import FakeWallClock
from tests.waiting import ScreenT, wait_for_focus, wait_for_screen, wait_until

PACKAGE = Path(__file__).parent.parent / "crampui" / "ui"
CSS_FILES = [
    PACKAGE / "app.tcss",
    PACKAGE / "panes" / "checklist.tcss",
    PACKAGE / "panes" / "history.tcss",
]
"""The stylesheets the real app loads for the Checklist and History tabs."""

START = datetime(2026, 11, 25, 18, 5, tzinfo=timezone.utc)
"""A fixed "now" for stores in tests (a Wednesday)."""


class Clock(FakeWallClock):
    """A settable wall clock for HistoryStore, starting at ``START``."""

    def __init__(self, now: datetime = START) -> None:
        """Start at ``now``."""
        super().__init__(now)


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
        self.notices: list[tuple[str, str]] = []
        self.ready = asyncio.Event()
        """Set on Ready, like CrampApp.ready (tests.waiting.wait_for_app_ready waits on it)."""

    def compose(self) -> ComposeResult:
        """The same frame as the real app."""
        yield Header()
        with Tabbed(initial="tab"), TabPanel(self.tab, id="tab"):
            yield self.make_pane()
        yield Footer()

    def on_mount(self) -> None:
        """Focus the pane's main widget, as the real app does when a tab is shown.

        This happens on mount, with ``set_focus`` rather than the deferred ``focus()``, so the
        focus is in place before ``run_test`` hands over the pilot and the first key lands on
        the pane (Ready can come after that on a busy machine).
        """
        for pane in self.query_one("#tab", TabPanel).children:
            default_focus = getattr(pane, "default_focus", None)
            if default_focus is not None:
                self.screen.set_focus(default_focus())

    def on_ready(self) -> None:
        """Nothing is deferred here: the app is ready with its first frame."""
        self.ready.set()

    def notify(
        self, message: str, *, severity: SeverityLevel = "information", **options: Any
    ) -> None:
        """Record every notification (message, severity), then show it as usual."""
        self.notices.append((message, severity))
        super().notify(message, severity=severity, **options)

    def on_checklist_pane_session_saved(self, message: object) -> None:
        """Keep SessionSaved messages for assertions."""
        self.messages.append(message)

    def on_checklist_pane_open_timer(self, message: object) -> None:
        """Keep OpenTimer messages for assertions."""
        self.messages.append(message)


async def wait_for_dialog(pilot: Pilot[Any], screen_type: type[ScreenT], focus: str) -> ScreenT:
    """Wait until a ``screen_type`` is up, laid out, with ``focus`` focused; return it.

    Then keys reach the dialog's first field and clicks land on its buttons.
    """
    screen = await wait_for_screen(pilot, screen_type)
    focused = await wait_for_focus(pilot, focus)
    await wait_until(pilot, lambda: focused.region, f"the {screen_type.__name__} to be laid out")
    return screen


SEED_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 7, 8, 9, 11, 12, 14, 16, 17, 19, 21, 23, 24, 26)
SEED_DAYS += (28, 30, 33, 35, 38, 40, 41, 42)
"""Days (from six weeks before START) with a saved session: 26 sessions, the last on START."""


def seed_history(path: Path, item_ids: list[str]) -> tuple[HistoryStore, Clock]:
    """A store at ``path`` holding 26 sessions over six weeks, ending at START.

    Warm-up is skipped every third session (those cramp) and "loosen" left open every fourth,
    so both have enough data for an insight; one session showed red-flag advice, one has two
    timed cramps, and the last two have no outcome yet.
    """
    clock = Clock(START - timedelta(days=SEED_DAYS[-1]))
    store = HistoryStore(path, clock=clock)
    first = clock.now
    for number, day in enumerate(SEED_DAYS):
        clock.now = first + timedelta(days=day, minutes=7 * number)
        states = {item_id: ItemRecord(item_id, "done") for item_id in item_ids}
        if number % 3 == 0:
            states["warm-up"] = ItemRecord("warm-up", "skipped", "no time" if number % 2 else "")
        if number % 4 == 1:
            states["loosen"] = ItemRecord("loosen", "pending")
        if number % 5 == 2:
            states["plan-holds"] = ItemRecord("plan-holds", "skipped", "forgot")
        note = {7: "felt stiff after the drive", 4: "easy session"}.get(number, "")
        session = store.add_session(list(states.values()), note=note)
        if number >= len(SEED_DAYS) - 2:
            continue
        cramped = number % 3 == 0 or number % 7 == 3
        outcome = Outcome(
            cramped=cramped,
            severity=3 + number % 5 if cramped else None,
            where="lower back, left" if cramped and number % 2 else "",
        )
        if number == 12:
            outcome = Outcome(True, 8, "lower back", ("leg-pain",), advice_shown=True)
        clock.advance(hours=2)
        store.set_outcome(session.id, outcome)
        if number == 5:
            for rep in (1, 3):
                store.add_episode(CrampEpisode(clock.now, rep, "left", 12.5, 30), session.id)
    clock.now = START + timedelta(minutes=30)
    return store, clock
