"""The footer, which keeps help and quit in view on a narrow terminal."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 80
"""Below this many columns the footer shows help and quit first."""

ALWAYS_SHOWN = ("help", "quit")
"""Actions whose keys must never be cut off the end of a full footer, in their order."""


class AppFooter(Footer):
    """A footer that, below :data:`NARROW` columns, puts the keys of ``first`` first."""

    def __init__(self, first: tuple[str, ...] = ALWAYS_SHOWN) -> None:
        """A footer without the command palette key (ctrl+p is in the help).

        ``first`` names the actions whose keys lead the footer on a narrow terminal.
        """
        super().__init__(show_command_palette=False)
        self.first = first
        self.narrow = False

    def compose(self) -> ComposeResult:
        """The keys, with help and quit moved to the front on a narrow terminal."""
        keys = list(super().compose())
        if not self.narrow:
            yield from keys
            return
        ranked = {action: rank for rank, action in enumerate(self.first)}
        first = [key for key in keys if isinstance(key, FooterKey) and key.action in ranked]
        first.sort(key=lambda key: ranked[key.action])
        yield from first + [key for key in keys if key not in first]

    async def on_resize(self, event: events.Resize) -> None:
        """Switch between the narrow and the normal layout as the terminal is resized."""
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            await self.recompose()
