"""The footer, which keeps help, quit and "cramping now" in view at any width."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 80
"""Below this many columns the headers show their short subtitle."""

ALWAYS_SHOWN = ("save", "cramping_now", "help", "quit")
"""Actions whose keys are never left out of a footer too narrow for all its keys."""


def keys_width(keys: Iterable[Widget]) -> int:
    """Columns the footer ``keys`` take: each its key, its description and three spaces."""
    return sum(
        len(key.key_display) + len(key.description) + 3
        for key in keys
        if isinstance(key, FooterKey)
    )


class AppFooter(Footer):
    """A footer that, where its keys do not all fit, leaves out keys from the end, never those
    of ``kept``, so the keys that matter are never cut off the edge."""

    def __init__(self, kept: tuple[str, ...] = ALWAYS_SHOWN) -> None:
        """A footer without the command palette key (ctrl+p is in the help).

        ``kept`` names the actions whose keys stay when not all keys fit.
        """
        super().__init__(show_command_palette=False)
        self.kept = kept
        self.width = 0
        """The footer's width at its last resize (0: not laid out yet, every key is shown)."""
        self.left_out = False
        """Whether the last compose left keys out."""
        self.composed_for: tuple[object, ...] | None = None
        """What the keys shown were composed for (see :meth:`keys_wanted`)."""

    def compose(self) -> ComposeResult:
        """The keys, less those from the end (outside :attr:`kept`) that do not fit."""
        keys = list(super().compose())
        shown = list(keys)
        optional = [
            key for key in keys if isinstance(key, FooterKey) and key.action not in self.kept
        ]
        while self.width and optional and keys_width(shown) > self.width:
            shown.remove(optional.pop())
        self.left_out = len(shown) < len(keys)
        yield from shown

    def keys_wanted(self) -> tuple[object, ...]:
        """Everything the keys shown depend on: each binding the footer shows (with its key,
        label, state and tooltip), the width and the compact style."""
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return shown, self.width, self.compact, self.show_command_palette

    async def recompose(self) -> None:
        """Compose the keys again, unless the same keys are shown already: the bindings are
        announced as changed on every focus move and tab switch, and mounting the keys again
        each time would cost more than what caused it."""
        if not self.is_attached:
            return  # its screen has gone (a dialog closed before this ran)
        wanted = self.keys_wanted()
        if wanted == self.composed_for:
            return
        await super().recompose()
        self.composed_for = wanted if self.children else None  # none yet: ask again next time

    async def on_resize(self, event: events.Resize) -> None:
        """Lay the keys out again when the new width cuts one off or has room for more."""
        self.width = event.size.width
        if self.left_out or keys_width(self.children) > self.width:
            await self.recompose()
