"""The "cramping now" screen, driven by Pilot in a small harness app with a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Digits, Footer, Static

from crampui.content.store import default_content
from crampui.settings import Settings
from crampui.ui.messages import CrampReported, SettingsChanged
from crampui.ui.screens.cramping import CrampingNowScreen, logged_line
from crampui.ui.screens.timer import TimerScreen
from tests.clocks import FakeMonotonic
from tests.waiting import wait_for_screen, wait_for_screen_gone, wait_until

pytestmark = pytest.mark.ui

SnapCompare = Callable[..., bool]
APP_CSS = Path(__file__).parent.parent / "crampui" / "ui" / "app.tcss"
"""The real app's styles (e.g. the red-flag banner), so snapshots look as in the app."""
FIXED_NOW = datetime(2024, 5, 1, 14, 32)
"""The "Logged at" time in every screen the harness opens, so snapshots stay the same."""


class Harness(App[None]):
    """Stands in for the crampui app: records cramps, settings and bells; F2 opens help."""

    CSS_PATH = APP_CSS
    TITLE = "crampui"
    SUB_TITLE = "General information, not medical advice · ? for help"
    BINDINGS = [
        Binding("f2", "cramping_now", "Cramping now", priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        make_screen: Callable[[FakeMonotonic], Screen[Any]] | None = None,
        clock: FakeMonotonic | None = None,
    ) -> None:
        """Push ``make_screen(clock)`` on mount, if given."""
        super().__init__()
        self.clock = clock or FakeMonotonic()
        self.make_screen = make_screen
        self.reports: list[CrampReported] = []
        self.saved: list[Settings] = []
        self.rings = 0

    def compose(self) -> ComposeResult:
        """A stand-in for the tabs, and the footer."""
        yield Static("A tab of the real app", id="stand-in")
        yield Footer()

    def on_mount(self) -> None:
        """Open the screen under test."""
        if self.make_screen is not None:
            self.push_screen(self.make_screen(self.clock))

    def bell(self) -> None:
        """Count rings instead of ringing."""
        self.rings += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave F2 to the timer (which logs where in the set the cramp came) or to an open help."""
        if action == "cramping_now":
            return not isinstance(self.screen, (TimerScreen, CrampingNowScreen))
        return True

    def action_help(self) -> None:
        """Stand in for the app's help screen (only its footer entry matters here)."""

    def action_cramping_now(self) -> None:
        """Open the cramp help, as the real app does from any tab."""
        self.push_screen(CrampingNowScreen(default_content(), clock=self.clock, now=FIXED_NOW))

    @on(CrampReported)
    def cramp_reported(self, message: CrampReported) -> None:
        """Record the reported cramp."""
        self.reports.append(message)

    @on(SettingsChanged)
    def settings_changed(self, message: SettingsChanged) -> None:
        """Record the changed settings."""
        self.saved.append(message.settings)


def cramping(**context: Any) -> Callable[[FakeMonotonic], Screen[Any]]:
    """Make a CrampingNowScreen on the harness clock with ``context`` (rep, side, ...)."""

    def make(clock: FakeMonotonic) -> Screen[Any]:
        return CrampingNowScreen(default_content(), clock=clock, now=FIXED_NOW, **context)

    return make


def text_of(app: App[Any], selector: str) -> str:
    """The plain text of a Static on the active screen."""
    return str(app.screen.query_one(selector, Static).render())


def test_logged_line_with_full_context() -> None:
    line = logged_line(FIXED_NOW, 2, "left", 12.4)
    assert line == "Logged at 14:32 (rep 2, left side, 12 s into the hold)."


def test_logged_line_between_holds_and_without_a_timer() -> None:
    assert logged_line(FIXED_NOW, 1, "right") == "Logged at 14:32 (rep 1, right side)."
    assert logged_line(FIXED_NOW, 3) == "Logged at 14:32 (rep 3)."
    assert logged_line(datetime(2024, 5, 1, 9, 5)) == "Logged at 09:05."


async def test_f2_from_a_tab_reports_one_cramp_without_context() -> None:
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        assert app.reports == [CrampReported(None, None, None, None)]
        assert text_of(app, "#cramp-logged") == "Logged at 14:32."
        # F2 again inside the help does not open a second one or log twice.
        await pilot.press("f2")
        assert len(app.screen_stack) == 2
        assert len(app.reports) == 1


async def test_opening_with_context_reports_it_once_and_shows_it() -> None:
    app = Harness(cramping(repetition=2, side="left", seconds_into_hold=12.0, hold_seconds=30))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        assert app.reports == [CrampReported(2, "left", 12.0, 30)]
        logged = text_of(app, "#cramp-logged")
        assert logged == "Logged at 14:32 (rep 2, left side, 12 s into the hold)."


async def test_the_steps_and_red_flags_are_shown() -> None:
    app = Harness(cramping())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, CrampingNowScreen)
        steps = text_of(app, "#cramp-steps")
        for step in ("Stop stretching.", "Gently massage", "Breathe slowly", "resume gently"):
            assert step in steps
        red_flags = app.screen.query_one("#cramp-red-flags")
        assert red_flags.has_class("banner", "red-flag")
        shown = " ".join(str(s.render()) for s in red_flags.query(Static))
        content = default_content()
        for line in (*content.see_soon, *content.urgent):
            assert line in shown


async def test_wait_countdown_follows_the_clock() -> None:
    app = Harness(cramping())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        digits = screen.query_one("#cramp-digits", Digits)
        assert digits.value == "1:00"
        app.clock.advance(15.5)
        screen.refresh_timer()
        assert digits.value == "0:45"
        assert text_of(app, "#cramp-wait-label") == "Wait it out"
        app.clock.advance(60)
        screen.refresh_timer()
        assert digits.value == "0:00"
        assert text_of(app, "#cramp-wait-label") == "If it has passed, resume gently"
        assert app.rings == 0


async def test_escape_closes() -> None:
    app = Harness(cramping())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, CrampingNowScreen)
        assert isinstance(app.screen, CrampingNowScreen)
        await wait_until(pilot, lambda: app.reports, "the cramp to be reported")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert not isinstance(app.screen, CrampingNowScreen)
        assert len(app.reports) == 1


async def test_enter_closes() -> None:
    app = Harness(cramping())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, CrampingNowScreen)
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert not isinstance(app.screen, CrampingNowScreen)


async def test_ok_button_closes() -> None:
    app = Harness(cramping())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, CrampingNowScreen)
        await pilot.click("#cramp-ok")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert not isinstance(app.screen, CrampingNowScreen)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
def test_snapshot_cramping_now(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = Harness(cramping(repetition=2, side="left", seconds_into_hold=12.0, hold_seconds=30))

    async def run_before(pilot: Any) -> None:
        screen = await wait_for_screen(pilot, CrampingNowScreen)
        app.clock.advance(17)
        screen.refresh_timer()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
