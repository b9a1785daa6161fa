"""A placeholder for a tab pane that is built once the first frame is on screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from crampui.panes.base import TabContent


class Deferred(Widget):
    """Stands in for a widget until :meth:`mount_built` builds it and takes its place.

    The app calls ``mount_built`` when it is ready (the first frame has been displayed), so
    the modules and data a hidden tab needs are loaded after the user sees the first screen.
    If the tab was opened before the widget arrived and it is :class:`TabContent`, its
    ``default_focus()`` widget takes focus.
    """

    DEFAULT_CSS = """
    Deferred {
        display: none;
    }
    """

    def __init__(self, build: Callable[[], Widget]) -> None:
        """Defer ``build`` until :meth:`mount_built`."""
        super().__init__()
        self.build = build

    async def mount_built(self) -> None:
        """Build the widget and put it in this placeholder's place (unless the app is closing)."""
        parent = self.parent
        if not isinstance(parent, Widget) or not parent.is_attached or self.app._exit:
            return
        widget = self.build()
        await parent.mount(widget, after=self)
        await self.remove()
        if isinstance(widget, TabContent) and parent.display and parent.is_on_screen:
            parent.screen.set_focus(widget.default_focus())
