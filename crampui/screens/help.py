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
            ("1 2 3 4", "Switch to Causes, FAQ, Checklist, History"),
            ("tab / shift+tab", "Move between parts of the screen"),
            ("ctrl+p", "Command palette: jump to any cause or question, change theme"),
            ("?", "This help"),
            ("q", "Quit (ctrl+q works while typing)"),
        ),
    ),
    (
        "Causes",
        (
            ("letters or /", "Filter the list"),
            ("up / down", "Move through causes"),
            ("enter", "Read the selected cause; enter on a question opens it"),
            ("escape", "Clear the filter"),
        ),
    ),
    (
        "FAQ",
        (
            ("typing", "Search the questions"),
            ("up / down", "Move through results"),
            ("enter", "Open the selected answer"),
            ("escape", "Clear the search"),
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
        Binding("escape,q,question_mark", "dismiss", "Close"),
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
