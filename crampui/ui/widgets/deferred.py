"""Tab panes whose content is built the first time their tab is shown."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


class Deferred:
    """The content of a tab pane, built by :meth:`mount_built` and mounted into the pane.

    The app calls ``mount_built`` the first time the tab is shown, so the modules, data and
    widgets a hidden tab needs cost nothing until the user opens it; until then the pane is
    empty (no placeholder widget: every widget on the first screen costs start-up time). The
    app focuses the content's main widget once it is shown (``CrampApp.tab_activated``).
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
