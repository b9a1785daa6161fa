"""One stretch in full: where to start, what to do, what to watch for, and its caution."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from crampui.content.store import Content, Stretch, dose_text
from crampui.ui.screens.dialog import Dialog


def dose_line(stretch: Stretch) -> str:
    """The usual dose: "Hold 5 s · 5 reps · each side"."""
    return dose_text(stretch.hold_seconds, stretch.repetitions, stretch.both_sides).capitalize()


def stretch_text(content: Content, stretch: Stretch) -> Text:
    """The stretch's sections as literal text (never markup), its caution last."""
    causes = ", ".join(f"{c.number}. {c.title}" for c in content.causes_for(stretch))
    sections = (
        ("Start", stretch.start),
        ("What to do", stretch.movement),
        ("Watch for", stretch.watch_for),
        ("Related causes", causes),
    )
    return Text("\n\n").join(
        Text.assemble((f"{heading}\n", "bold $accent"), text) for heading, text in sections
    )


class StretchScreen(Dialog[None]):
    """Show ``stretch`` with its caution in a banner; escape or enter closes."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, content: Content, stretch: Stretch) -> None:
        """Show ``stretch``; ``content`` names the causes it relates to."""
        super().__init__()
        self.content = content
        self.stretch = stretch

    def compose_dialog(self) -> ComposeResult:
        """Name and dose, the caution, then the sections, scrolling if they do not fit."""
        with VerticalScroll(id="stretch-dialog", classes="dialog") as dialog:
            dialog.border_title = self.stretch.name
            yield Static(dose_line(self.stretch), classes="dialog-subtitle", markup=False)
            yield Static(
                Text.assemble(("Caution. ", "bold"), self.stretch.caution),
                id="stretch-caution",
                classes="banner red-flag",
            )
            yield Static(stretch_text(self.content, self.stretch), id="stretch-text")

    def action_close(self) -> None:
        """Close the stretch."""
        self.dismiss(None)
