"""The Checklist tab (placeholder until the checklist lands)."""

from __future__ import annotations

from textual.widgets import Static

from crampui.content import Content


class ChecklistPane(Static):
    """Placeholder for the pre-stretch checklist."""

    def __init__(self, content: Content) -> None:
        """Create the placeholder."""
        super().__init__("The pre-stretch checklist is coming soon.")
        self.guide = content
