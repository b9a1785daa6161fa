"""Edit the stretch routine: add, remove and reorder stretches, change a hold or a count, add an
own stretch.

:mod:`crampui.checklist.routines` works every change out; ``save`` keeps it (the app stores it in
the history) and the screen redraws from what was saved.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content as Text
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from crampui.checklist import routines
from crampui.checklist.routines import Routine, RoutineStep
from crampui.content.store import Content
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.own_stretch_form import OwnStretchScreen
from crampui.ui.screens.stretch_picker import StretchPickerScreen
from crampui.ui.widgets.app_footer import AppFooter

FOOTER_KEPT = ("close", "add", "remove", "move(-1)", "move(1)", "help")
"""The keys that stay in the footer on a narrow terminal, where not all of them fit."""

KEYS_HINT = "+/- hold · >/< reps · s sides · w/W rest · o own stretch"
"""The keys for changing the highlighted stretch (left out of the footer to keep it short)."""

REST_STEP = 5
"""Seconds added or taken away from a rest by w and W."""


NAME_WIDTH = 16
"""Columns kept for a stretch's name in the list (a longer own name pushes its row on)."""

HEADINGS = f"{'Stretch':<{NAME_WIDTH}}hold × reps · sides · rest"
"""The line over the list, naming its columns."""


def step_plan(step: RoutineStep) -> str:
    """A step's dose, short: "5 s × 5 · each side · rest 15 s" (hold 5 s, 5 times)."""
    sides = " · each side" if step.both_sides else ""
    rest = f" · rest {step.rest_seconds} s" if step.rest_seconds else ""
    return f"{step.hold_seconds} s × {step.repetitions}{sides}{rest}"


class RoutineEditorScreen(Screen[None]):
    """The routine's stretches in order, and the keys that change them."""

    CSS_PATH = "routine_editor.tcss"
    TITLE = "Your stretch routine"
    SUB_TITLE = "saved at once"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("d,delete", "remove", "Remove"),
        Binding("left_square_bracket,shift+up", "move(-1)", "Up", key_display="["),
        Binding("right_square_bracket,shift+down", "move(1)", "Down", key_display="]"),
        Binding("plus,equals_sign", "change('hold', 1)", "Longer", show=False),
        Binding("minus", "change('hold', -1)", "Shorter", show=False),
        Binding("greater_than_sign", "change('reps', 1)", "More reps", show=False),
        Binding("less_than_sign", "change('reps', -1)", "Fewer reps", show=False),
        Binding("w", f"change('rest', {REST_STEP})", "Longer rest", show=False),
        Binding("W", f"change('rest', {-REST_STEP})", "Shorter rest", show=False),
        Binding("s", "sides", "Sides", show=False),
        Binding("o", "own", "Own stretch", show=False),
        Binding("escape", "close", "Done"),
    ]

    def __init__(
        self, content: Content, routine: Routine, save: Callable[[Routine], Routine]
    ) -> None:
        """Edit ``routine``; ``save`` keeps a changed routine and returns it as kept."""
        super().__init__()
        self.content = content
        self.routine = routine
        self.save = save

    def compose(self) -> ComposeResult:
        """The stretches, the highlighted one's caution, the keys, and the footer."""
        yield Header()
        with Vertical(id="routine-body"):
            yield Static(HEADINGS, id="routine-headings", markup=False)
            yield OptionList(id="routine-steps")
            yield Static(id="routine-detail")
            yield Static(KEYS_HINT, id="routine-keys", markup=False)
        yield AppFooter(FOOTER_KEPT)

    def on_mount(self) -> None:
        """Show the routine, the cursor on its first stretch."""
        self.show_routine()
        self.query_one("#routine-steps", OptionList).focus()

    def show_routine(self, keep: str | None = None) -> None:
        """Redraw the list, the cursor on step ``keep`` (or where it was)."""
        option_list = self.query_one("#routine-steps", OptionList)
        current = self.highlighted()
        keep = keep or (current.step_id if current else None)
        names = routines.stretch_names(self.content, self.routine)
        option_list.clear_options()
        option_list.add_options(
            Option(
                Text.assemble(
                    (f"{number:>2}  ", "$text-muted"),
                    (f"{names.get(step.stretch_id, step.stretch_id):<{NAME_WIDTH - 1}} ", "bold"),
                    step_plan(step),
                ),
                id=step.step_id,
            )
            for number, step in enumerate(self.routine.steps, start=1)
        )
        ids = [step.step_id for step in self.routine.steps]
        option_list.highlighted = ids.index(keep) if keep in ids else 0
        self.show_detail()

    def highlighted(self) -> RoutineStep | None:
        """The step under the cursor."""
        index = self.query_one("#routine-steps", OptionList).highlighted
        steps = self.routine.steps
        return None if index is None or index >= len(steps) else steps[index]

    @on(OptionList.OptionHighlighted, "#routine-steps")
    def show_detail(self) -> None:
        """The highlighted stretch's cue and its caution (an own stretch: its note)."""
        step = self.highlighted()
        detail = self.query_one("#routine-detail", Static)
        if step is None:
            detail.update("")
            return
        try:
            stretch = self.content.stretch(step.stretch_id)
        except KeyError:
            own = {o.stretch_id: o for o in self.routine.own_stretches}.get(step.stretch_id)
            note = own.note if own and own.note else routines.OWN_CUE
            detail.update(Text.assemble(("Your stretch. ", "bold"), note))
            return
        detail.update(Text.assemble(stretch.cue, "\n", ("Caution. ", "bold"), stretch.caution))

    def keep(self, routine: Routine, step_id: str | None = None) -> None:
        """Save ``routine`` and show it, the cursor on ``step_id``."""
        self.routine = self.save(routine)
        self.show_routine(step_id)

    def action_add(self) -> None:
        """Choose a stretch and add it at the end with its usual dose."""

        def chosen(stretch_id: str | None) -> None:
            if stretch_id:
                self.change(lambda r: routines.add_step(self.content, r, stretch_id), last=True)

        self.app.push_screen(StretchPickerScreen(self.content, self.routine), chosen)

    def action_own(self) -> None:
        """Add an own stretch (a name and a note) at the end."""

        def apply(name: str, note: str) -> None:
            _stretch_id, routine = routines.add_own_stretch(self.content, self.routine, name, note)
            self.keep(routine, routine.steps[-1].step_id)

        self.app.push_screen(OwnStretchScreen(apply))

    def action_remove(self) -> None:
        """Remove the highlighted stretch, once confirmed."""
        step = self.highlighted()
        if step is None:
            return
        name = routines.stretch_name(self.content, self.routine, step.stretch_id)

        def answered(remove: bool | None) -> None:
            if remove:
                self.change(lambda r: routines.remove_step(r, step.step_id))

        question = f"Remove {name} from the routine?"
        self.app.push_screen(ConfirmScreen(question, "Remove", "Keep", danger=True), answered)

    def action_move(self, step_by: int) -> None:
        """Move the highlighted stretch up or down one place."""
        step = self.highlighted()
        if step is None:
            return
        position = self.routine.steps.index(step) + 1 + step_by
        if 1 <= position <= len(self.routine.steps):
            self.change(lambda r: routines.move_step(r, step.step_id, position))

    def action_change(self, what: str, by: int) -> None:
        """Change the highlighted stretch's ``what`` ("hold", "reps" or "rest") by ``by``."""
        step = self.highlighted()
        if step is None:
            return
        hold = step.hold_seconds + by if what == "hold" else None
        reps = step.repetitions + by if what == "reps" else None
        rest = max(0, step.rest_seconds + by) if what == "rest" else None
        self.change(
            lambda r: routines.set_step(
                r, step.step_id, hold_seconds=hold, repetitions=reps, rest_seconds=rest
            )
        )

    def action_sides(self) -> None:
        """Stretch the highlighted one on each side, or in one position."""
        step = self.highlighted()
        if step is not None:
            self.change(
                lambda r: routines.set_step(r, step.step_id, both_sides=not step.both_sides)
            )

    def change(self, make: Callable[[Routine], Routine], last: bool = False) -> None:
        """Save the routine ``make`` returns (the cursor stays, or goes to the last stretch);
        a refused change is a notice."""
        step = self.highlighted()
        try:
            routine = make(self.routine)
        except ValueError as error:
            self.notify(str(error), title="Not changed", severity="warning", markup=False)
            return
        keep = routine.steps[-1] if last else step
        self.keep(routine, keep.step_id if keep else None)

    def action_close(self) -> None:
        """Back to where the editor was opened from."""
        self.dismiss(None)
