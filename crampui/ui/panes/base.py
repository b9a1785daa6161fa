"""What the app expects of the widget a tab shows: the declared interface of a tab pane.

Panes satisfy these protocols structurally (no base class to inherit), so the app checks a
pane's abilities with ``isinstance`` against a declared, type-checked interface instead of
looking methods up by name.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.widget import Widget


@runtime_checkable
class TabContent(Protocol):
    """The main widget of a tab: it names the widget that takes focus when the tab opens."""

    def default_focus(self) -> Widget:
        """The widget that takes focus when the tab opens."""
        ...


@runtime_checkable
class ReloadsOnShow(Protocol):
    """A tab's widget that re-reads what it shows each time its tab opens."""

    def reload(self) -> None:
        """Re-read the data and redraw."""
        ...


def tab_content(pane: Widget) -> TabContent | None:
    """The tab content among ``pane``'s children, once it is mounted (None before that)."""
    for child in pane.children:
        if isinstance(child, TabContent) and child.is_mounted:
            return child
    return None
