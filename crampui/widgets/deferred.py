"""Tab panes whose content is built once the first frame is on screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from crampui.panes.base import TabContent


class Deferred:
    """The content of a tab pane, built by :meth:`mount_built` and mounted into the pane.

    The app calls ``mount_built`` when it is ready (the first frame has been displayed), so
    the modules and data a hidden tab needs are loaded after the user sees the first screen;
    until then the pane is empty (no placeholder widget: every widget on the first screen
    costs start-up time). If the tab was opened before its content arrived and the content
    is :class:`TabContent`, its ``default_focus()`` widget takes focus.
    """

    def __init__(self, pane_id: str, build: Callable[[], Widget]) -> None:
        """Build the content of the pane with id ``pane_id`` with ``build``, later."""
        self.pane_id = pane_id
        self.build = build

    async def mount_built(self, pane: Widget) -> None:
        """Build the content and mount it into ``pane`` (unless the app is closing)."""
        if not pane.is_attached or pane.app._exit:
            return
        widget = self.build()
        await pane.mount(widget)
        if isinstance(widget, TabContent) and pane.display and pane.is_on_screen:
            pane.screen.set_focus(widget.default_focus())
