"""The History tab (placeholder until the history lands)."""

from __future__ import annotations

from textual.widgets import Static

from crampui.content import Content


class HistoryPane(Static):
    """Placeholder for the checklist history."""

    def __init__(self, content: Content) -> None:
        """Create the placeholder."""
        super().__init__("Your history is coming soon.")
        self.guide = content
