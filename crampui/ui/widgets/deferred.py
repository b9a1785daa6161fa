"""Tab panes whose content is built the first time their tab is shown."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Static

OPENING_MESSAGE = "Opening your history…"
"""What a tab that reads the history says while the history is still being opened."""


class Opening(Static):
    """Stands in a tab's pane until the history its content reads is open."""

    def __init__(self) -> None:
        """The placeholder, in the app's wording (plain text, never markup)."""
        super().__init__(OPENING_MESSAGE, classes="banner note", markup=False)


class Deferred:
    """The content of a tab pane, built by :meth:`mount_built` and mounted into the pane.

    The app calls ``mount_built`` the first time the tab is shown, so the modules, data and
    widgets a hidden tab needs cost nothing until the user opens it; until then the pane is
    empty (no placeholder widget: every widget on the first screen costs start-up time). A tab
    shown before the history it reads is open gets an :class:`Opening` placeholder at once
    (:meth:`mount_opening`), which :meth:`fill` replaces with the content. The app focuses the
    content's main widget once it is shown (``CrampApp.tab_activated``).
    """

    def __init__(self, pane_id: str, build: Callable[[], Widget]) -> None:
        """Build the content of the pane with id ``pane_id`` with ``build``, later."""
        self.pane_id = pane_id
        self.build = build

    async def mount_built(self, pane: Widget) -> None:
        """Build the content and mount it into ``pane`` (unless the app is closing: its
        ``return_code`` is set once it has been asked to exit)."""
        if not pane.is_attached or pane.app.return_code is not None:
            return
        await pane.mount(self.build())

    @staticmethod
    async def mount_opening(pane: Widget) -> None:
        """Show the :class:`Opening` placeholder in the empty ``pane`` (it is in the pane's
        children as soon as this is called, so the pane no longer counts as empty)."""
        await pane.mount(Opening())

    async def fill(self, pane: Widget) -> bool:
        """Replace the placeholder in ``pane`` with the built content; whether it did (not if
        the pane was never given one, is gone or the app is closing)."""
        placeholders = pane.query_children(Opening)
        if not placeholders or not pane.is_attached or pane.app.return_code is not None:
            return False
        await placeholders.remove()
        await self.mount_built(pane)
        return True
