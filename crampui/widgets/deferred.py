"""A ``Lazy`` wrapper that tolerates the app closing before the deferred mount runs."""

from __future__ import annotations

from textual.lazy import Lazy
from textual.widget import Widget


class Deferred(Lazy):
    """Mounts its widget after the first refresh, unless the app is already shutting down.

    Textual's ``Lazy`` raises ``MountError`` when the user quits within the first frame.
    """

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        """Schedule the deferred mount."""
        self.call_after_refresh(self._mount_deferred)

    async def _mount_deferred(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not parent.is_attached or self.app._exit:
            return
        await parent.mount(self._replace_widget, after=self)
        await self.remove()
