"""The outcome dialog (did the back cramp, how badly, where, a note) and how outcomes read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Function
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from crampui.history import MAX_SEVERITY, MAX_WHERE_LENGTH, Outcome, Session
from crampui.history.entry import parse_outcome, parse_severity
from crampui.screens.dialog import Dialog
from crampui.usertext import UserTextError
from crampui.widgets.bounded_input import BoundedInput


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


class OutcomeScreen(Dialog[Outcome | None]):
    """Ask whether the back cramped, how badly, where, and for a note.

    Dismisses with an :class:`Outcome` (red flags not asked yet) or None when cancelled.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, session: Session) -> None:
        """Ask about ``session``, starting from its current outcome if it has one."""
        super().__init__()
        self.session = session

    def compose_dialog(self) -> ComposeResult:
        """The questions, a place for errors, and the buttons."""
        before = self.session.outcome
        cramped = None if before is None else before.cramped
        severity = "" if before is None or before.severity is None else str(before.severity)
        with Vertical(classes="dialog outcome-dialog"):
            yield Static("How did it go?", classes="dialog-title")
            yield Static(session_title(self.session), classes="dialog-subtitle", markup=False)
            with Horizontal(classes="field"):
                yield Static("Did your back cramp?", classes="field-label")
                with RadioSet(id="outcome-cramped", classes="yes-no"):
                    yield RadioButton("No", value=cramped is False, id="outcome-cramped-no")
                    yield RadioButton("Yes", value=cramped is True, id="outcome-cramped-yes")
            with Horizontal(classes="field"):
                yield Static(f"How bad, 0–{MAX_SEVERITY}?", classes="field-label")
                yield Input(
                    severity,
                    placeholder=f"0 = barely, {MAX_SEVERITY} = worst ever",
                    type="integer",
                    validators=[Function(_is_severity, f"Severity runs from 0 to {MAX_SEVERITY}")],
                    valid_empty=True,
                    id="outcome-severity",
                )
            with Horizontal(classes="field"):
                yield Static("Where? (optional)", classes="field-label")
                yield BoundedInput(
                    "" if before is None else before.where,
                    limit=MAX_WHERE_LENGTH,
                    placeholder="e.g. lower back, left",
                    id="outcome-where",
                )
            with Horizontal(classes="field"):
                yield Static("Note (optional)", classes="field-label")
                yield BoundedInput("" if before is None else before.note, id="outcome-note")
            yield Static("", id="outcome-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="outcome-save")
                yield Button("Cancel", id="outcome-cancel")
            yield Static("enter or ctrl+s saves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start on the cramp question; clear the toasts (such as "Run saved, log how it went
        with o"), which would cover the dialog's buttons on a small terminal."""
        self.app.clear_notifications()
        self.query_one("#outcome-error").display = False
        self.update_cramp_fields()
        self.query_one("#outcome-cramped", RadioSet).focus()

    def cramped(self) -> bool | None:
        """The answer to "did your back cramp?", or None if not answered yet."""
        pressed = self.query_one("#outcome-cramped", RadioSet).pressed_button
        return None if pressed is None else pressed.id == "outcome-cramped-yes"

    def update_cramp_fields(self) -> None:
        """Severity and place only apply to a cramp: they are off after a No.

        Until the question is answered they stay on, so the tab order is the same whether the
        answer has been taken in yet or not (keys typed fast may arrive first).
        """
        no_cramp = self.cramped() is False
        for selector in ("#outcome-severity", "#outcome-where"):
            self.query_one(selector, Input).disabled = no_cramp

    @on(RadioSet.Changed, "#outcome-cramped")
    def cramped_changed(self) -> None:
        """Switch the cramp details on or off; focus stays where the user put it."""
        self.show_error("")
        self.update_cramp_fields()

    def show_error(self, message: str) -> None:
        """Show ``message`` under the fields (hide the error line when empty)."""
        error = self.query_one("#outcome-error", Static)
        error.update(message)
        error.display = bool(message)

    def read_outcome(self) -> Outcome:
        """The outcome the fields describe; UserTextError or ValueError says what to fix.

        The rules are the shared ones in :mod:`crampui.history.entry` (the CLI uses them too);
        the cramp details only count after a yes.
        """
        cramped = self.cramped()
        if cramped is None:
            raise ValueError("Choose whether your back cramped: No or Yes.")
        severity = self.query_one("#outcome-severity", Input).value if cramped else ""
        where = self.query_one("#outcome-where", Input).value if cramped else ""
        note = self.query_one("#outcome-note", Input).value
        outcome = parse_outcome(cramped, severity, where, note)
        assert outcome is not None  # cramped was answered
        return outcome

    def action_save(self) -> None:
        """Dismiss with the outcome, or explain what to fix and stay open."""
        try:
            outcome = self.read_outcome()
        except (UserTextError, ValueError) as error:
            self.show_error(str(error))
            return
        self.dismiss(outcome)

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
