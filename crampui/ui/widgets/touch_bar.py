"""A button for a finger: "Cramping now", on a phone-sized screen or in a browser.

The app sets two classes on itself (:func:`touch_classes`): ``-phone`` below
:data:`PHONE_WIDTH` columns, where the panes put their detail under their list, and ``-touch``
there or whenever it runs in a browser (``crampui serve``), where the bar and the panes' own
buttons (the Checklist's Save, Skip, Timer, Outcome) are shown. Keys work as ever.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content as Text
from textual.widgets import Button

PHONE_WIDTH = 60
"""Below this many columns the screen is a phone's (about 40 to 50 columns held upright)."""


def touch_classes(app: App[Any], width: int) -> None:
    """Set ``-phone`` and ``-touch`` on ``app`` for a screen ``width`` columns wide."""
    phone = width < PHONE_WIDTH
    app.set_class(phone, "-phone")
    app.set_class(phone or app.is_web, "-touch")


class TouchBar(Horizontal):
    """The on-screen "Cramping now" button: F2 for a finger."""

    def compose(self) -> ComposeResult:
        """The one button."""
        yield Button(Text("Cramping now"), id="touch-cramping-now", variant="error")

    @on(Button.Pressed, "#touch-cramping-now")
    async def cramping_now(self, event: Button.Pressed) -> None:
        """Open the cramping-now screen, as F2 does."""
        event.stop()
        await self.app.run_action("cramping_now")
