"""A ``Lazy`` wrapper for tab panes: safe when the app closes early, focuses when visible."""

from __future__ import annotations

from textual.lazy import Lazy
from textual.widget import Widget


class Deferred(Lazy):
    """Mounts its widget after the first refresh, unless the app is already shutting down.

    Textual's ``Lazy`` raises ``MountError`` when the user quits within the first frame. If the
    tab was opened before the widget arrived, the widget's ``focus_default()`` is called.
    """

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        """Schedule the deferred mount."""
        self.call_after_refresh(self._mount_deferred)

    async def _mount_deferred(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not parent.is_attached or self.app._exit:
            return
        widget = self._replace_widget
        await parent.mount(widget, after=self)
        await self.remove()
        focus_default = getattr(widget, "focus_default", None)
        if focus_default is not None and parent.display and parent.is_on_screen:
            focus_default()
