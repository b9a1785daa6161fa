"""The help screen: every key, what the app is for, and when to get help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content as Text
from textual.screen import ModalScreen
from textual.widgets import Static

from crampui.content import Content
from crampui.widgets.formatting import bullet_list

KeySections = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""Titled groups of (key, what it does)."""

KEYS: KeySections = (
    (
        "Everywhere",
        (
            ("1 2 3 4", "Causes, FAQ, Checklist, History tabs"),
            ("tab, shift+tab", "Move between parts of the screen"),
            ("f2", "Cramping now: what to do, and log it"),
            ("ctrl+p", "Palette: jump to a cause or question, theme"),
            ("? or f1", "This help"),
            ("q, ctrl+q", "Quit (ctrl+q also works while typing)"),
        ),
    ),
    (
        "Causes",
        (
            ("letters or /", "Filter the list; escape clears it"),
            ("up, down", "Move through the causes"),
            ("enter", "Read the cause; on a question, open it"),
        ),
    ),
    (
        "FAQ",
        (
            ("typing", "Search the questions as you type"),
            ("up, down", "Move through the results"),
            ("enter", "Open the answer, or the matching cause"),
            ("escape", "Clear the search; again to leave the box"),
        ),
    ),
    (
        "Checklist",
        (
            ("space, click", "Tick an item done (again: undo)"),
            ("s", "Skip an item, with an optional reason"),
            ("ctrl+s", "Save the run to your history"),
            ("n", "Start a new run"),
            ("o", "Record how the last session went"),
            ("t", "Open the stretch hold timer"),
        ),
    ),
    (
        "History",
        (
            ("o", "Add or change the selected session's outcome"),
            ("d, u", "Delete the selected session; undo it"),
        ),
    ),
    (
        "Hold timer",
        (
            ("space", "Pause or resume"),
            ("n", "Skip to the next phase"),
            ("m", "Mute or unmute the bell"),
            ("+ -", "Hold 5 s longer or shorter (15 to 60)"),
            ("[ ]", "Fewer or more repetitions"),
            ("escape", "Close the timer"),
        ),
    ),
)


def key_table(sections: KeySections) -> Text:
    """The key sections as aligned literal text."""
    lines: list[Text] = []
    for title, keys in sections:
        lines.append(Text.styled(title, "bold $accent"))
        lines.extend(
            Text.assemble((f"  {key:<16}", "bold"), description) for key, description in keys
        )
        lines.append(Text(""))
    return Text("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys, the not-medical-advice note and the red flags."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
    ]

    def __init__(self, content: Content, extra_keys: KeySections = ()) -> None:
        """Create the help screen for ``content``, with any extra key sections."""
        super().__init__()
        self.content = content
        self.sections = KEYS + extra_keys

    def compose(self) -> ComposeResult:
        """The help text in a scrollable dialog."""
        with Vertical(id="help-dialog"):
            yield Static("crampui help", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self.content.disclaimer, classes="banner note", markup=False)
                yield Static(key_table(self.sections), id="help-keys")
                yield Static("Get urgent medical help for back pain with", classes="section-title")
                yield Static(bullet_list(self.content.urgent), classes="banner red-flag")
                yield Static("See a doctor soon for", classes="section-title")
                yield Static(bullet_list(self.content.see_soon))
            yield Static("escape to close", id="help-hint")
