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
    touch = phone or app.is_web
    app.set_class(phone, "-phone")
    app.set_class(touch, "-touch")
    if touch and app.screen_stack:
        for bar in app.screen_stack[0].query(TouchBar):
            bar.add_button()


class TouchBar(Horizontal):
    """The on-screen "Cramping now" button: F2 for a finger.

    The button is made when the bar is first shown (``-touch``, see :func:`touch_classes`):
    hidden, it would cost the first frame the parsing of Button's long default style sheet.
    """

    def __init__(self) -> None:
        """An empty bar; its button comes with ``-touch``."""
        super().__init__()
        self.has_button = False
        """Whether the button was made (by compose or by :meth:`add_button`)."""

    def compose(self) -> ComposeResult:
        """The one button, if the app is already laid out for touch."""
        if self.app.has_class("-touch"):
            yield self.new_button()

    def new_button(self) -> Button:
        """The "Cramping now" button (made once)."""
        self.has_button = True
        return Button(Text("Cramping now"), id="touch-cramping-now", variant="error")

    def add_button(self) -> None:
        """Mount the button, unless it is there already."""
        if not self.has_button:
            self.mount(self.new_button())

    @on(Button.Pressed, "#touch-cramping-now")
    async def cramping_now(self, event: Button.Pressed) -> None:
        """Open the cramping-now screen, as F2 does."""
        event.stop()
        await self.app.run_action("cramping_now")
