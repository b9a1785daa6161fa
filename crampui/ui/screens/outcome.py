"""The outcome dialog (did the back cramp, how badly, where, the session's note) and how
outcomes read."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.validation import Function
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from crampui.content.place import CHOICES
from crampui.content.safety import ADVICE, SPREADS_INTO_LEG
from crampui.history import MAX_SEVERITY, MAX_WHERE_LENGTH, Outcome, Session
from crampui.history.entry import Place, parse_note, parse_outcome, parse_place, parse_severity
from crampui.history.records import MAX_NOTE_LENGTH
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.bounded_input import BoundedInput
from crampui.usertext import UserTextError


def session_when(session: Session) -> str:
    """When ``session`` was saved, in local time: "Wed 25 Nov 18:05"."""
    return session.local_time.strftime("%a %d %b %H:%M")


def session_counts(session: Session) -> str:
    """What was ticked: "6 done · 1 skipped"."""
    return f"{len(session.done_ids)} done · {len(session.skipped_ids)} skipped"


def cramp_summary(outcome: Outcome) -> str:
    """The cramp in words: "no cramp", "cramp 6/10", or "cramp" when no severity was given."""
    if not outcome.cramped:
        return "no cramp"
    if outcome.severity is None:
        return "cramp"
    return f"cramp {outcome.severity}/{MAX_SEVERITY}"


def outcome_summary(outcome: Outcome | None) -> str:
    """The cramp summary, then "⚑ advice shown" if it was; "—" when there is no outcome."""
    if outcome is None:
        return "—"
    text = cramp_summary(outcome)
    return f"{text} ⚑ advice shown" if outcome.advice_shown else text


def session_title(session: Session) -> str:
    """A one-line description such as "Session #12 · Wed 25 Nov 18:05 · 6 done · 1 skipped"."""
    return f"Session #{session.id} · {session_when(session)} · {session_counts(session)}"


def _is_severity(text: str) -> bool:
    """Whether ``text`` is a severity the store accepts (blank included)."""
    try:
        parse_severity(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class OutcomeAnswer:
    """What the outcome dialog gives back: the outcome and the session's one note."""

    outcome: Outcome
    note: str


class StoredAnswerSet(RadioSet):
    """A radio set whose highlight starts on the pressed button (the stored answer), not on
    the first one, so what is highlighted is what is saved."""

    def on_mount(self) -> None:
        """Once RadioSet has highlighted its first button, highlight the stored answer."""
        self.call_later(self.highlight_pressed)

    def highlight_pressed(self) -> None:
        """Move the highlight to the pressed button, if one is pressed."""
        if self.pressed_index >= 0:
            self._selected = self.pressed_index


class OutcomeScreen(Dialog[OutcomeAnswer | None]):
    """Ask whether the back cramped, how badly, where, and for the session's note (the same
    note as the Checklist's e and the session editor's).

    The dialog opens on the stored answer; enter saves what is shown and never changes an
    answer; the arrow keys (and y / n on the cramp question) change it. Choices are kept the
    moment their key arrives, so keys sent as a burst act in order. Dismisses with an
    :class:`OutcomeAnswer` (red flags not asked yet) or None when cancelled.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (78, "-wide")]
    """Below 78 columns the place choices go under their questions (they need the width)."""
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("y", "answer('yes')", "Yes", priority=True),
        Binding("n", "answer('no')", "No", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        """Ask about ``session``, starting from its current outcome and note."""
        super().__init__()
        self.session = session
        before = session.outcome
        self.chosen: dict[str, str | None] = {
            "cramped": None if before is None else ("yes" if before.cramped else "no"),
            **{name: None if before is None else getattr(before, name) for name in CHOICES},
        }
        """Each choice (radio set) as it stands, kept as each key arrives."""

    def options(self, name: str) -> list[str]:
        """The values radio set ``name`` offers, in order."""
        return ["no", "yes"] if name == "cramped" else list(CHOICES[name][1])

    def compose_dialog(self) -> ComposeResult:
        """The questions, a place for errors, and the buttons."""
        before = self.session.outcome
        severity = "" if before is None or before.severity is None else str(before.severity)
        with Vertical(classes="dialog outcome-dialog"):
            yield Static("How did it go?", classes="dialog-title")
            yield Static(session_title(self.session), classes="dialog-subtitle", markup=False)
            with VerticalScroll(id="outcome-fields"):
                with Horizontal(classes="field"):
                    yield Static("Did your back cramp?", classes="field-label")
                    yield self.choice_set("cramped", {"no": "No", "yes": "Yes"}, compact=False)
                with Horizontal(classes="field"):
                    yield Static(f"How bad, 0–{MAX_SEVERITY}?", classes="field-label")
                    yield Input(
                        severity,
                        placeholder=f"0 = barely, {MAX_SEVERITY} = worst ever",
                        type="integer",
                        validators=[
                            Function(_is_severity, f"Severity runs from 0 to {MAX_SEVERITY}")
                        ],
                        valid_empty=True,
                        id="outcome-severity",
                    )
                for name, (question, values) in CHOICES.items():
                    with Horizontal(classes="field choice"):
                        yield Static(question, classes="field-label")
                        labels = {value: words[0] for value, words in values.items()}
                        yield self.choice_set(name, labels, compact=True)
                yield Static(
                    Text.assemble(("Into the leg: ", "bold"), ADVICE["soon"].lead),
                    id="outcome-leg-notice",
                    classes="banner red-flag",
                )
                with Horizontal(classes="field"):
                    yield Static("Where, your words", classes="field-label")
                    yield BoundedInput(
                        "" if before is None else before.where,
                        limit=MAX_WHERE_LENGTH,
                        placeholder="e.g. a band across the left side",
                        id="outcome-where",
                    )
                with Horizontal(classes="field"):
                    yield Static("Note (optional)", classes="field-label")
                    yield BoundedInput(  # typing adds to the run's note, never replaces it
                        self.session.note,
                        limit=MAX_NOTE_LENGTH,
                        select_on_focus=False,
                        id="outcome-note",
                    )
            yield Static("", id="outcome-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="outcome-save")
                yield Button("Cancel", id="outcome-cancel")
            yield Static(
                "←/→ y/n change · enter saves as shown · esc cancels", classes="dialog-hint"
            )

    def choice_set(self, name: str, labels: dict[str, str], *, compact: bool) -> RadioSet:
        """The radio set of choice ``name``, the stored value pressed and highlighted."""
        buttons = [
            RadioButton(label, value == self.chosen[name], id=f"outcome-{name}-{value}")
            for value, label in labels.items()
        ]
        return StoredAnswerSet(*buttons, id=f"outcome-{name}", compact=compact, classes="yes-no")

    def on_mount(self) -> None:
        """Start on the cramp question; clear the toasts (such as "Run saved, log how it went
        with o"), which would cover the dialog's buttons on a small terminal."""
        self.app.clear_notifications()
        self.query_one("#outcome-error").display = False
        self.update_cramp_fields()
        self.set_focus(self.query_one("#outcome-cramped", RadioSet))  # now: for keys in a burst

    def cramped(self) -> bool | None:
        """The answer to "did your back cramp?", or None if not answered yet."""
        answer = self.chosen["cramped"]
        return None if answer is None else answer == "yes"

    def update_cramp_fields(self) -> None:
        """Severity and place only apply to a cramp: they are off after a No; a spread into
        the leg shows the advice to get it checked at once.

        Until the question is answered they stay on, so the tab order is the same whether the
        answer has been taken in yet or not (keys typed fast may arrive first).
        """
        no_cramp = self.cramped() is False
        for selector in ("#outcome-severity", "#outcome-where"):
            self.query_one(selector, Input).disabled = no_cramp
        for name in CHOICES:
            self.query_one(f"#outcome-{name}", RadioSet).disabled = no_cramp
        leg = not no_cramp and self.chosen["spread"] in SPREADS_INTO_LEG
        self.query_one("#outcome-leg-notice").display = leg

    def choose(self, radio_set: RadioSet, value: str) -> None:
        """Make ``value`` the answer of ``radio_set`` now (the radio set shows it shortly)."""
        name = (radio_set.id or "").removeprefix("outcome-")
        self.chosen[name] = value
        self.query_one(f"#outcome-{name}-{value}", RadioButton).value = True
        self.show_error("")
        self.update_cramp_fields()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y and n answer the cramp question only while it has focus (else they are text)."""
        if action == "answer":
            focused = self.focused
            return isinstance(focused, RadioSet) and focused.id == "outcome-cramped"
        return super().check_action(action, parameters)

    def action_answer(self, value: str) -> None:
        """y or n: answer the cramp question."""
        self.choose(self.query_one("#outcome-cramped", RadioSet), value)

    def action_radio(self, key: str) -> None:
        """Arrows change the focused choice; enter saves what is shown (never changes it)."""
        radio_set = self.focused
        if not isinstance(radio_set, RadioSet):
            return
        if key == "enter":
            self.action_save()
            return
        name = (radio_set.id or "").removeprefix("outcome-")
        values = self.options(name)
        current = self.chosen[name]
        if key == "toggle":
            if current is None:
                self.choose(radio_set, values[0])
            return
        step = -1 if key == "previous" else 1
        start = 0 if current is None else values.index(current)  # unanswered: highlight first
        self.choose(radio_set, values[(start + step) % len(values)])

    @on(RadioSet.Changed, ".yes-no")
    def choice_changed(self, event: RadioSet.Changed) -> None:
        """Keep a choice made with the mouse; focus stays where the user put it."""
        name = (event.radio_set.id or "").removeprefix("outcome-")
        value = (event.pressed.id or "").removeprefix(f"outcome-{name}-")
        if self.chosen.get(name) != value:
            self.chosen[name] = value
            self.show_error("")
            self.update_cramp_fields()

    def show_error(self, message: str) -> None:
        """Show ``message`` under the fields (hide the error line when empty)."""
        error = self.query_one("#outcome-error", Static)
        error.update(message)
        error.display = bool(message)

    def read_answer(self) -> OutcomeAnswer:
        """The outcome and note the fields describe; UserTextError or ValueError says what to
        fix.

        The rules are the shared ones in :mod:`crampui.history.entry` (the CLI uses them too);
        the cramp details only count after a yes.
        """
        cramped = self.cramped()
        if cramped is None:
            raise ValueError("Choose whether your back cramped: No or Yes.")
        severity = self.query_one("#outcome-severity", Input).value if cramped else ""
        where = self.query_one("#outcome-where", Input).value if cramped else ""
        note = parse_note(self.query_one("#outcome-note", Input).value)
        chosen = self.chosen
        place = (
            parse_place(chosen["region"], chosen["side"], chosen["spread"]) if cramped else Place()
        )
        outcome = parse_outcome(cramped, severity, where, place=place)
        assert outcome is not None  # cramped was answered
        return OutcomeAnswer(outcome, note)

    def action_save(self) -> None:
        """Dismiss with the outcome and note, or explain what to fix and stay open."""
        try:
            answer = self.read_answer()
        except (UserTextError, ValueError) as error:
            self.show_error(str(error))
            return
        self.dismiss(answer)

    @on(Input.Submitted)
    def field_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves."""
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#outcome-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        """The Save button saves."""
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#outcome-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        """The Cancel button cancels."""
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)
