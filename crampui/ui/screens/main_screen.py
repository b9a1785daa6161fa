"""The screen the tabs are on."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class MainScreen(Screen[None]):
    """Textual's default screen, except that a change of focus does not repaint all of it.

    Textual's screen repaints every widget when the focus moves; the widgets that gain or lose
    the focus are restyled and repainted anyway. On a tab switch that full repaint, of the tab
    being left, often went out as a frame of its own before the new tab's layout: about
    20-40 ms of the UI thread on 2 cores, spent on a picture nobody saw.
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As ``Screen.focused``, without the repaint."""
