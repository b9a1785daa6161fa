"""The "cramping now" screen: what to do right away, a short wait, and when to get help."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Digits, Static

from crampui.checklist.timer import HoldTimer, TimerConfig, format_clock
from crampui.content.safety import SOON_SIGNS, URGENT_SIGNS
from crampui.content.store import Content
from crampui.ui.messages import CrampReported
from crampui.ui.widgets.formatting import bullet_list

if TYPE_CHECKING:
    from crampui.history import CrampEpisode

STEPS = (
    "Stop stretching.",
    "Gently massage the spot that cramped.",
    "Breathe slowly; let it pass.",
    "Into the buttock or leg (pain, tingling, numbness)? Stop for today; see a GP or "
    "physiotherapist within days.",
    "Not passed within a few minutes? Stop for today and get advice.",
    "Otherwise, resume gently once it has passed.",
)
"""What to do when a cramp comes, in order."""

WAIT_SECONDS = 60
"""Length of the calm "wait it out" countdown."""

WAIT_OVER = "If it has passed, resume gently"
"""Shown under the countdown once it reaches zero."""

HINT = "enter or escape"
MISTAKE_HINT = "enter/escape · m"
"""The key hint beside the buttons, before and after the cramp is logged."""


def logged_line(
    at: datetime,
    repetition: int | None = None,
    side: str | None = None,
    seconds_into_hold: float | None = None,
    stretch_name: str | None = None,
) -> str:
    """Say when the cramp was logged and, when known, in which stretch and where in the set.

    >>> logged_line(datetime(2024, 5, 1, 14, 32), 2, "left", 12.4)
    'Logged at 14:32 (rep 2, left side, 12 s into the hold).'
    >>> logged_line(datetime(2024, 5, 1, 14, 32), 1, None, 3.0, "Pelvic tilt")
    'Logged at 14:32 (Pelvic tilt, rep 1, 3 s into the hold).'
    """
    details: list[str] = [stretch_name] if stretch_name else []
    if repetition is not None:
        details.append(f"rep {repetition}")
    if side is not None:
        details.append(f"{side} side")
    if seconds_into_hold is not None:
        details.append(f"{seconds_into_hold:.0f} s into the hold")
    where = f" ({', '.join(details)})" if details else ""
    return f"Logged at {at:%H:%M}{where}."


def steps_text() -> Text:
    """The steps as a numbered block of literal text."""
    return Text("\n").join(
        Text.assemble((f"{number}. ", "bold $accent"), step) for number, step in enumerate(STEPS, 1)
    )


class CrampingNowScreen(ModalScreen[None]):
    """Calm steps for a cramp happening now; logs the episode once when it opens.

    Once the app has logged it (:meth:`episode_logged`), "That was a mistake" (m) closes the
    screen and asks the app to remove exactly that episode.
    """

    CSS_PATH = "cramping.tcss"
    HANDLES_CRAMPING_NOW = True
    """F2 here does not open a second "cramping now" screen."""
    BINDINGS = [
        Binding("escape,enter", "dismiss", "I'm OK now"),
        Binding("m", "mistake", "That was a mistake"),
    ]

    @dataclass
    class Mistaken(Message):
        """The user says the cramp just logged was a mistake: remove ``episode`` (by uid)."""

        episode: CrampEpisode

    def __init__(
        self,
        content: Content,
        repetition: int | None = None,
        side: str | None = None,
        seconds_into_hold: float | None = None,
        hold_seconds: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        now: datetime | None = None,
        tick_interval: float = 0.25,
        stretch_id: str | None = None,
        stretch_name: str | None = None,
    ) -> None:
        """Show help for a cramp; the timer context (if any) is logged with it.

        ``now`` is the time shown as "Logged at" (the current local time by default);
        ``clock`` drives the wait-it-out countdown; ``stretch_id`` and ``stretch_name`` are the
        routine's stretch under way, if any.
        """
        super().__init__()
        self.stretch_id = stretch_id
        self.stretch_name = stretch_name
        self.content = content
        self.repetition = repetition
        self.side = side
        self.seconds_into_hold = seconds_into_hold
        self.hold_seconds = hold_seconds
        self.logged_at = now or datetime.now()
        self.tick_interval = tick_interval
        self.episode: CrampEpisode | None = None
        """The episode the app logged for this screen, once it has."""
        config = TimerConfig(
            hold_seconds=WAIT_SECONDS, repetitions=1, count_in_seconds=0, both_sides=False
        )
        self.countdown = HoldTimer(config, clock)

    def compose(self) -> ComposeResult:
        """Steps beside the countdown, the log line, the red flags and the close button."""
        with Vertical(id="cramp-dialog") as dialog:
            dialog.border_title = "Cramping now"
            with Horizontal(id="cramp-top"):
                yield Static(steps_text(), id="cramp-steps")
                with Vertical(id="cramp-wait"):
                    yield Digits(format_clock(WAIT_SECONDS), id="cramp-digits")
                    yield Static("Wait it out", id="cramp-wait-label")
            yield Static(
                logged_line(
                    self.logged_at,
                    self.repetition,
                    self.side,
                    self.seconds_into_hold,
                    self.stretch_name,
                ),
                id="cramp-logged",
                markup=False,
            )
            with VerticalScroll(id="cramp-red-flags", classes="banner red-flag"):
                yield Static(
                    f"{URGENT_SIGNS}:",
                    classes="cramp-heading",
                )
                yield Static(bullet_list(self.content.urgent))
                yield Static(
                    f"{SOON_SIGNS}:",
                    classes="cramp-heading",
                    id="cramp-soon",
                )
                yield Static(bullet_list(self.content.see_soon))
            with Horizontal(id="cramp-buttons"):
                yield Button("I'm OK now", id="cramp-ok", variant="primary", compact=True)
                yield Button("That was a mistake", id="cramp-mistake", compact=True)
                yield Static(HINT, id="cramp-hint")

    def on_mount(self) -> None:
        """Log the episode (once), start the countdown and keep it ticking."""
        self.post_message(
            CrampReported(
                repetition=self.repetition,
                side=self.side,
                seconds_into_hold=self.seconds_into_hold,
                hold_seconds=self.hold_seconds,
                stretch_id=self.stretch_id,
            )
        )
        self.countdown.start()
        self.set_interval(self.tick_interval, self.refresh_timer)

    def refresh_timer(self) -> None:
        """Advance the countdown to the clock's time and show it."""
        self.countdown.tick()
        digits = self.query_one("#cramp-digits", Digits)
        if digits.value != (clock := format_clock(self.countdown.snapshot().remaining)):
            digits.update(clock)
            if self.countdown.finished:
                self.query_one("#cramp-wait-label", Static).update(WAIT_OVER)

    @on(Button.Pressed, "#cramp-ok")
    def ok_pressed(self) -> None:
        """Close the screen."""
        self.dismiss(None)

    def episode_logged(self, episode: CrampEpisode) -> None:
        """The app stored ``episode`` for this screen: offer to take it back."""
        self.episode = episode
        self.query_one("#cramp-mistake", Button).display = True
        self.query_one("#cramp-hint", Static).update(MISTAKE_HINT)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only an episode the app has logged can be taken back as a mistake."""
        if action == "mistake":
            return self.episode is not None
        return True

    @on(Button.Pressed, "#cramp-mistake")
    def action_mistake(self) -> None:
        """Close the screen and ask the app to remove the episode just logged."""
        if self.episode is not None:
            self.app.post_message(self.Mistaken(self.episode))
            self.dismiss(None)
