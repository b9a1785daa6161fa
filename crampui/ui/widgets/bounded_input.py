"""A one-line text box that keeps at most a set number of characters and counts near the end."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from crampui.usertext import MAX_USER_TEXT

NEAR_LIMIT = 0.9
"""From this share of the limit on, the box shows how many characters it holds."""


class BoundedInput(Input):
    """An Input holding at most ``limit`` characters: typing stops there, a longer paste keeps
    its beginning, and near the limit the bottom border shows the count ("1,850 / 2,000")."""

    def __init__(self, value: str = "", *, limit: int = MAX_USER_TEXT, **options: Any) -> None:
        """Create the box starting with ``value``; ``options`` are the Input's."""
        self.limit = limit
        super().__init__(value, **options)

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace ``start``..``end`` with as much of ``text`` as fits in the limit."""
        room = self.limit - (len(self.value) - (end - start))
        super().replace(text[: max(room, 0)], start, end)

    def watch_value(self, value: str) -> None:
        """Show the count once the text is near the limit."""
        near = len(value) >= NEAR_LIMIT * self.limit
        self.border_subtitle = f"{len(value):,} / {self.limit:,}" if near else ""
