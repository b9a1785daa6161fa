"""Red-flag questions after a cramp, and advice that cannot be closed by accident.

The questions, their tiers and the advice are data in :mod:`crampui.content.safety`; this screen
asks and shows them. Nothing is answered for the person: a question starts unanswered unless they
said yes to it before (or chose a spread into the leg), and every one must be answered.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.widgets import Button, RadioButton, RadioSet, Static

from crampui.content.safety import (
    ADVICE,
    QUESTIONS,
    SOON_SIGNS,
    URGENT_AS_WELL,
    URGENT_SIGNS,
    label,
    tier_of,
)
from crampui.content.store import Content
from crampui.ui.screens.dialog import Dialog
from crampui.ui.widgets.formatting import bullet_list

Answers = dict[str, bool]
"""Each question's answer: True for yes, False for no."""


class RedFlagsScreen(Dialog[Answers | None]):
    """Ask the red-flag questions; dismiss with every answer (None if cancelled).

    y and n answer the focused question and move on to the next; enter moves on without
    answering. They act the moment the key arrives (priority bindings), so answers typed as a
    burst (``ynnn``) land on one question each.

    Any yes shows the advice for the most urgent tier hit, leading with where to go and how
    soon. That view has no key that closes it: only the "I understand" button does, enabled
    after :attr:`UNLOCK_SECONDS` and never focused for the user, so an enter or space meant
    for something else cannot close it.
    """

    UNLOCK_SECONDS = 2.0
    """How long the advice stays up before it can be closed."""
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", priority=True),
        Binding("n", "answer(False)", "No", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "stay", show=False),
    ]

    def __init__(
        self, content: Content, said_yes: Iterable[str] = (), advice_for: Iterable[str] = ()
    ) -> None:
        """Ask the questions, with the lists of signs taken from ``content``.

        ``said_yes`` are questions the person answered yes to already (earlier, or by
        choosing a spread into the leg): they start on yes; the others start unanswered.
        ``advice_for`` skips the questions and shows the advice for these yes answers.
        """
        super().__init__()
        self.content = content
        earlier = set(said_yes)
        self.given: dict[str, bool | None] = {
            question.id: True if question.id in earlier else None for question in QUESTIONS
        }
        """Each question's answer, kept here as it is given (the radio sets catch up later)."""
        self.advice_for = tuple(advice_for)
        self.advice_shown = False
        self.flagged: tuple[str, ...] = ()

    def compose_dialog(self) -> ComposeResult:
        """The questions, then (hidden until needed) the advice."""
        with Vertical(id="red-flag-questions", classes="dialog red-flag-dialog"):
            yield Static("A few safety questions", classes="dialog-title")
            yield Static(
                "During or after the cramp, did you have any of these?", classes="dialog-question"
            )
            with VerticalScroll(id="red-flag-list"):
                for question in QUESTIONS:
                    with Horizontal(classes="red-flag-row"):
                        yield Static(question.text, classes="red-flag-question", markup=False)
                        earlier = self.given[question.id]
                        with RadioSet(id=f"flag-{question.id}", compact=True, classes="yes-no"):
                            yield RadioButton("No", False, id=f"flag-{question.id}-no")
                            yield RadioButton("Yes", earlier is True, id=f"flag-{question.id}-yes")
            yield Static("", id="red-flag-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continue", variant="primary", id="red-flag-continue")
            yield Static(
                "y / n answers · enter moves on · escape goes back",
                classes="dialog-hint",
            )
        with Vertical(id="red-flag-advice", classes="dialog red-flag-dialog"):
            yield Static("Please get this checked", id="red-flag-title", classes="dialog-title")
            with VerticalScroll(id="red-flag-advice-body", can_focus=True):
                yield Static(id="red-flag-lead", classes="banner red-flag")
                yield Static(id="red-flag-summary")
                for place in ("first", "then"):  # the tier hit first, the other after it
                    yield Static(id=f"red-flag-{place}-title", classes="section-title")
                    yield Static(id=f"red-flag-{place}-list")
            yield Static(
                "▼ more below: ↓ or page down reads on", id="red-flag-more", classes="dialog-more"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("I understand", variant="error", id="red-flag-understood")
            yield Static("", id="red-flag-advice-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        """Show the questions with the first one focused (or the advice, if asked to)."""
        self.query_one("#red-flag-advice").display = False
        self.query_one("#red-flag-error").display = False
        body = self.query_one("#red-flag-advice-body", VerticalScroll)
        self.watch(body, "scroll_y", self.show_more_sign)
        self.watch(body, "virtual_size", self.show_more_sign)
        if self.advice_for:
            self.show_advice(self.advice_for)
        else:
            self.query_one(f"#flag-{QUESTIONS[0].id}", RadioSet).focus()

    def answers(self) -> dict[str, bool | None]:
        """Each question's answer: True for yes, False for no, None when not answered."""
        return dict(self.given)

    def focused_question(self) -> str | None:
        """The id of the question that has focus, if one has."""
        focused = self.focused
        if isinstance(focused, RadioSet) and focused.has_class("yes-no") and focused.id:
            return focused.id.removeprefix("flag-")
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Answer and cancel keys only work while the questions are shown."""
        if action in ("answer", "cancel"):
            return not self.advice_shown
        return super().check_action(action, parameters)

    def action_answer(self, yes: bool) -> None:
        """Answer the focused question and move on to the next one."""
        flag_id = self.focused_question()
        if flag_id is None:
            return
        self.given[flag_id] = yes
        self.query_one("#red-flag-error").display = False
        self.query_one(f"#flag-{flag_id}-{'yes' if yes else 'no'}", RadioButton).value = True
        self.move_on(flag_id)

    def radio_enter(self, radio_set: RadioSet) -> None:
        """Enter on a question moves on without answering it (y and n answer)."""
        flag_id = self.focused_question()
        if flag_id is not None:
            self.move_on(flag_id)

    def move_on(self, flag_id: str) -> None:
        """Focus the question after ``flag_id``; after the last, the first one still open, or
        Continue. Focus moves at once, so the next key in a burst goes there."""
        ids = [question.id for question in QUESTIONS]
        later = ids[ids.index(flag_id) + 1 :]
        unanswered = [other for other in ids if self.given[other] is None]
        target = later[:1] or unanswered[:1]
        selector = f"#flag-{target[0]}" if target else "#red-flag-continue"
        self.set_focus(self.query_one(selector))

    @on(RadioSet.Changed, ".yes-no")
    def question_answered(self, event: RadioSet.Changed) -> None:
        """Keep an answer given with the mouse or the arrow keys and space."""
        if event.radio_set.id is not None:
            flag_id = event.radio_set.id.removeprefix("flag-")
            self.given[flag_id] = event.pressed.id == f"flag-{flag_id}-yes"
            self.query_one("#red-flag-error").display = False

    @on(Button.Pressed, "#red-flag-continue")
    def continue_pressed(self, event: Button.Pressed) -> None:
        """Finish when every answer is no; show the advice after any yes."""
        event.stop()
        answers = self.answers()
        unanswered = [flag_id for flag_id, answer in answers.items() if answer is None]
        if unanswered:
            error = self.query_one("#red-flag-error", Static)
            error.update("Please answer every question (y or n).")
            error.display = True
            self.query_one(f"#flag-{unanswered[0]}").focus()
            return
        flagged = tuple(flag_id for flag_id, answer in answers.items() if answer)
        if flagged:
            self.show_advice(flagged)
        else:
            self.dismiss({flag_id: bool(answer) for flag_id, answer in answers.items()})

    def show_advice(self, flagged: tuple[str, ...]) -> None:
        """Replace the questions with the advice for the ``flagged`` answers: where to go and
        how soon for the most urgent tier hit comes first."""
        self.flagged = flagged
        self.advice_shown = True
        self.refresh_bindings()
        tier = tier_of(flagged) or "soon"
        advice = ADVICE[tier]
        self.query_one("#red-flag-title", Static).update(advice.title)
        self.query_one("#red-flag-lead", Static).update(Text.styled(advice.lead, "bold"))
        said = "; ".join(label(flag) for flag in flagged)
        self.query_one("#red-flag-summary", Static).update(
            Text(f"You said yes to: {said}. {advice.then}")
        )
        urgent, soon = self.content.urgent, self.content.see_soon
        sections = (
            [(URGENT_SIGNS, urgent), (SOON_SIGNS, soon)]
            if tier == "urgent"
            else [(SOON_SIGNS, soon), (URGENT_AS_WELL, urgent)]
        )
        for place, (title, signs) in zip(("first", "then"), sections, strict=True):
            self.query_one(f"#red-flag-{place}-title", Static).update(title)
            self.query_one(f"#red-flag-{place}-list", Static).update(bullet_list(signs))
        self.query_one("#red-flag-questions").display = False
        self.query_one("#red-flag-advice").display = True
        button = self.query_one("#red-flag-understood", Button)
        button.disabled = True
        self.query_one("#red-flag-advice-hint", Static).update("Please read this first.")
        self.query_one("#red-flag-advice-body").focus()
        self.set_timer(self.UNLOCK_SECONDS, self.unlock)

    def show_more_sign(self) -> None:
        """Say there is more advice below while the end of it is out of view."""
        body = self.query_one("#red-flag-advice-body", VerticalScroll)
        self.query_one("#red-flag-more").display = body.scroll_y < body.max_scroll_y

    def unlock(self) -> None:
        """Let the user close the advice with the button (focus is left where it is)."""
        self.query_one("#red-flag-understood", Button).disabled = False
        self.query_one("#red-flag-advice-hint", Static).update(
            "Read it all, then tab to “I understand” and press enter."
        )

    @on(Button.Pressed, "#red-flag-understood")
    def understood(self, event: Button.Pressed) -> None:
        """Close the advice, returning every answer given."""
        event.stop()
        answers = {flag_id: answer for flag_id, answer in self.given.items() if answer is not None}
        answers.update(dict.fromkeys(self.flagged, True))
        self.dismiss(answers)

    def action_cancel(self) -> None:
        """Go back without recording the outcome."""
        self.dismiss(None)

    def action_stay(self) -> None:
        """Swallow q here so the questions or advice are not lost by accident (ctrl+q quits)."""
