"""A ``Lazy`` variant for tab panes: built after the first frame, safe when the app closes early."""

from __future__ import annotations

from collections.abc import Callable

from textual.lazy import Lazy
from textual.widget import Widget


class Deferred(Lazy):
    """Builds and mounts a widget after the first refresh.

    ``build`` runs only then, so the modules a hidden tab needs are imported after the first
    screen is visible. Unlike Textual's ``Lazy``, nothing is mounted (and no ``MountError``
    raised) when the user quits within the first frame. If the tab was opened before the widget
    arrived, the widget's ``default_focus()`` widget takes focus.
    """

    def __init__(self, build: Callable[[], Widget]) -> None:
        """Defer ``build`` until after the first refresh."""
        super().__init__(Widget())
        self.build = build

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        """Schedule the deferred mount."""
        self.call_after_refresh(self.mount_built)

    async def mount_built(self) -> None:
        """Build the widget and put it in this placeholder's place."""
        parent = self.parent
        if not isinstance(parent, Widget) or not parent.is_attached or self.app._exit:
            return
        widget = self.build()
        await parent.mount(widget, after=self)
        await self.remove()
        default_focus = getattr(widget, "default_focus", None)
        if default_focus is not None and parent.display and parent.is_on_screen:
            parent.screen.set_focus(default_focus())
