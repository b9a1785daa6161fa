"""An option list that keeps its drawn options when its tab is shown again."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """An ``OptionList`` that draws its options again only when its width changes.

    Textual sends a widget a resize each time it is shown, and ``OptionList`` then forgets every
    option it has drawn (their lines depend on the width): each switch back to a tab redrew its
    lists in a second frame after the one that showed it. Here a resize to the width the options
    were drawn at keeps them.
    """

    drawn_width: int | None = None
    """The width of the content the options were last laid out for (None: not yet)."""

    def on_resize(self, event: events.Resize) -> None:
        """Keep the drawn options when the content is as wide as before."""
        width = self.scrollable_content_region.width
        if width == self.drawn_width:
            event.prevent_default()  # OptionList's own handler would drop them all
        self.drawn_width = width
