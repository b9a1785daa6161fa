"""The help screen: when to get help first (the red flags, urgent and soon), then every key."""

from __future__ import annotations

import textwrap

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content as Text
from textual.screen import ModalScreen
from textual.widgets import Static

from crampui.content.safety import SOON_SIGNS, URGENT_SIGNS
from crampui.content.store import Content
from crampui.ui.widgets.formatting import bullet_list

HELP_WIDTH = 76
"""The help dialog's width (as in app.tcss) on a terminal wide enough for it."""

KeySections = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""Titled groups of (key, what it does)."""

KEYS: KeySections = (
    (
        "Everywhere",
        (
            ("1 2 3 4", "The four tabs, when not typing in a box"),
            ("alt+1…4", "The four tabs from anywhere, a box too"),
            ("q, ?", "Quit, this help, when not typing (in a box: text)"),
            ("escape", "In a box: leave it (what you typed stays)"),
            ("/", "Into the tab's search or filter box (History: find)"),
            ("tab, shift+tab", "Move between parts of the screen"),
            ("f2", "Cramping now: what to do, and log it"),
            ("ctrl+p", "Palette: every action, cause and question"),
            ("f1", "This help, from a box too"),
            ("ctrl+q", "Quit, from a box too"),
        ),
    ),
    (
        "Causes",
        (
            ("letters or /", "Filter the list"),
            ("escape", "In the list: clear the filter"),
            ("up, down", "Move through the causes"),
            ("enter", "Read the cause; on a question, open it"),
        ),
    ),
    (
        "FAQ",
        (
            ("letters or /", "Search the questions as you type"),
            ("up, down", "Move through the results (while typing too)"),
            ("enter", "Open the answer, or the matching cause"),
            ("escape", "In the list: clear the search"),
            ("backspace", "Back to the cause whose related question you opened"),
        ),
    ),
    (
        "Checklist",
        (
            ("space, click", "Tick an item done (again: undo); click its [ ]"),
            ("s", "Skip an item, with an optional reason"),
            ("ctrl+s", "Save the run to your history"),
            ("n", "Start a new run"),
            ("o", "Record how the last session went"),
            ("t", "Open the stretch hold timer"),
            ("r", "Run your stretch routine: named stretches, rests, next"),
            ("R", "Edit your routine: add, remove, reorder, hold, count"),
            ("e", "Write a note for this run (saved with it)"),
            ("c", "Customise: your own items, hide, rename, reorder"),
        ),
    ),
    (
        "Customise",
        (
            ("up, down", "Move through every item, hidden ones too"),
            ("a", "Add your own item: label, detail, causes"),
            ("h", "Hide the item, or show it again"),
            ("r", "Rename the item (its history stays)"),
            ("[, shift+up", "Move the item up"),
            ("], shift+down", "Move the item down"),
            ("escape", "Done: back to the Checklist"),
        ),
    ),
    (
        "History",
        (
            ("o", "Add or change the selected session's outcome"),
            ("e", "Edit the selected session: items, time, note, outcome"),
            ("a", "Add a past session (one you forgot to save)"),
            ("d", "Delete the selected session or cramp"),
            ("u", "Undo the latest edit, add, outcome or delete"),
            ("/ or f", "Find: filter by text, cramp yes or no, dates"),
            ("escape", "Show every entry again after a find"),
            ("c", "Cramp log: every cramp logged with f2"),
            ("t, T", "Weekly target up (t) or down (T): off, 1, 2, …"),
            ("r", "Write a report of the last 12 weeks"),
        ),
    ),
    (
        "Hold timer",
        (
            ("space", "Pause or resume"),
            ("n", "Skip to the next phase"),
            ("k", "Routine: skip this stretch, with an optional reason"),
            ("r", "Start again, once the set is done"),
            ("b", "Bell off or on"),
            ("o", "Once the set is done: how did it go? (the outcome)"),
            ("+ or =, -", "Hold 5 s longer or shorter (15 to 60), from the next hold on"),
            ("[ ]", "Fewer or more repetitions; the set goes on"),
            ("f2", "Cramping now: pauses the timer and logs where you were"),
            ("escape", "Close the timer (mid-set: asks first)"),
            ("q", "Quit crampui (mid-set: asks first)"),
        ),
    ),
    (
        "Routine editor",
        (
            ("a", "Add a stretch (its usual hold and count)"),
            ("o", "Add your own stretch: a name and a note"),
            ("d, delete", "Remove the stretch"),
            ("[, ]", "Move the stretch up or down"),
            ("+, -", "Hold 1 s longer or shorter"),
            ("> <", "More or fewer repetitions"),
            ("s", "Each side, or one position"),
            ("w, W", "Rest 5 s longer or shorter"),
            ("escape", "Done"),
        ),
    ),
    (
        "Session editor",
        (
            ("space", "On an item: done, again: not done"),
            ("s", "On an item: skip it, with an optional reason"),
            ("ctrl+s", "Save the session (enter in a text box too)"),
            ("escape", "Cancel"),
        ),
    ),
    (
        "Cramp log",
        (
            ("enter", "Back to History, on the cramp's session"),
            ("d, u", "Delete the selected cramp; undo it"),
            ("escape", "Back to History"),
        ),
    ),
    (
        "Cramping now",
        (
            ("escape, enter", "Close: I'm OK now"),
            ("m", "That was a mistake: remove the cramp just logged"),
        ),
    ),
    (
        "Help",
        (
            ("up, down", "Scroll this help"),
            ("pgup, pgdn", "Scroll a page"),
            ("home, end", "To the top or the bottom"),
            ("escape, q, ?", "Close the help (f1 too)"),
        ),
    ),
)


def key_table(sections: KeySections, width: int = 80) -> Text:
    """The key sections as aligned literal text, descriptions wrapped to ``width`` columns.

    A description too long for its line goes on under itself, beside the key column.
    """
    column = max(len(key) for _, keys in sections for key, _ in keys) + 2
    indent = " " * (column + 2)
    lines: list[Text] = []
    for title, keys in sections:
        lines.append(Text.styled(title, "bold $accent"))
        for key, description in keys:
            wrapped = textwrap.wrap(description, max(20, width - len(indent))) or [""]
            lines.append(Text.assemble((f"  {key:<{column}}", "bold"), wrapped[0]))
            lines.extend(Text(indent + more) for more in wrapped[1:])
        lines.append(Text(""))
    return Text("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """The not-medical-advice note and the red flags in two tiers first, then the keys."""

    # The text takes focus at once, so up, down, pgup, pgdn, home and end scroll it.
    AUTO_FOCUS = "#help-body"
    SHOWS_HELP = True
    """The app's ? and F1 close this screen instead of opening another."""
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
    ]

    def __init__(self, content: Content, extra_keys: KeySections = ()) -> None:
        """Create the help screen for ``content``, with any extra key sections."""
        super().__init__()
        self.content = content
        self.sections = KEYS + extra_keys

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the key descriptions to the dialog's new width."""
        self.query_one("#help-keys", Static).update(self.keys_for(event.size.width))

    def keys_for(self, screen_width: int) -> Text:
        """The key table wrapped to the dialog's width on a screen ``screen_width`` wide."""
        # The dialog is at most 76 wide; its border, padding and scrollbar take 6 columns.
        return key_table(self.sections, min(screen_width, HELP_WIDTH) - 6)

    def compose(self) -> ComposeResult:
        """The help text in a scrollable dialog."""
        with Vertical(id="help-dialog"):
            yield Static("crampui help", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self.content.disclaimer, classes="banner note", markup=False)
                yield Static(
                    URGENT_SIGNS,
                    classes="section-title",
                    id="help-urgent",
                )
                yield Static(bullet_list(self.content.urgent), classes="banner red-flag")
                yield Static(
                    SOON_SIGNS,
                    classes="section-title",
                    id="help-soon",
                )
                yield Static(bullet_list(self.content.see_soon))
                yield Static("Keys", classes="section-title")
                yield Static(self.keys_for(self.app.size.width), id="help-keys")
            yield Static("up, down to scroll · escape to close", id="help-hint")
