"""The routine editor: add, remove, reorder, change hold and count, add an own stretch
(issue 29), and how it looks."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from crampui.checklist.routines import Routine, default_routine, remove_step
from crampui.content.store import default_content
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.own_stretch_form import OwnStretchScreen
from crampui.ui.screens.routine_editor import RoutineEditorScreen
from crampui.ui.screens.stretch_picker import StretchPickerScreen
from tests.clocks import FakeMonotonic
from tests.test_cramping_screen import Harness, SnapCompare, text_of
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = pytest.mark.ui


def small_routine() -> Routine:
    """The default routine cut to knee-to-chest and pelvic-tilt."""
    routine = default_routine(default_content())
    for step_id in (
        "knee-rolls",
        "bottom-to-heels",
        "cat-camel",
        "back-extension",
        "glute-stretch",
    ):
        routine = remove_step(routine, step_id)
    return routine


class EditorApp(Harness):
    """A harness that opens the editor on a small routine and keeps every routine saved."""

    def __init__(self) -> None:
        """Open the editor on :func:`small_routine`."""
        self.saved: list[Routine] = []  # type: ignore[assignment]

        def make(_clock: FakeMonotonic) -> Screen[Any]:
            return RoutineEditorScreen(default_content(), small_routine(), self.keep)

        super().__init__(make)

    def keep(self, routine: Routine) -> Routine:
        """Record ``routine`` as saved."""
        self.saved.append(routine)
        return routine


def step_ids(app: EditorApp) -> list[str]:
    """The step ids of the routine as last saved."""
    return [step.step_id for step in app.saved[-1].steps]


async def test_add_reorder_change_and_remove_are_saved_at_once() -> None:
    app = EditorApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, RoutineEditorScreen)
        await wait_for_focus(pilot, "#routine-steps")
        assert "Caution." in text_of(app, "#routine-detail")
        await pilot.press("a")
        await wait_for_screen(pilot, StretchPickerScreen)
        await wait_for_focus(pilot, "#stretch-choices")
        await pilot.press("end", "enter")  # the last stretch of the starter set
        await wait_until(pilot, lambda: app.saved, "the routine to be saved")
        assert step_ids(app) == ["knee-to-chest", "pelvic-tilt", "glute-stretch-2"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert step_ids(app) == ["glute-stretch-2", "knee-to-chest", "pelvic-tilt"]
        await pilot.press("plus", "plus", "greater_than_sign", "s", "w")
        glute = app.saved[-1].steps[0]
        assert (glute.hold_seconds, glute.repetitions, glute.both_sides) == (22, 3, False)
        assert glute.rest_seconds == 20
        await pilot.press("down", "d")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")
        await wait_until(pilot, lambda: len(app.saved[-1].steps) == 2, "the stretch removed")
        assert step_ids(app) == ["glute-stretch-2", "pelvic-tilt"]
        assert app.saved[-1].retired[-1] == "knee-to-chest"


async def test_a_hold_out_of_range_is_a_notice_and_nothing_is_saved() -> None:
    app = EditorApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, RoutineEditorScreen)
        await wait_for_focus(pilot, "#routine-steps")
        await pilot.press(*["minus"] * 3)  # knee to chest: 5 s, 4 s, 3 s, 2 s
        assert app.saved[-1].steps[0].hold_seconds == 2
        count = len(app.saved)
        await pilot.press("minus")
        assert len(app.saved) == count
        await wait_until(pilot, lambda: app._notifications, "a notice")
        assert "hold must be from 2 to 60" in next(iter(app._notifications)).message


async def test_an_own_stretch_is_added_with_its_note() -> None:
    app = EditorApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, RoutineEditorScreen)
        await wait_for_focus(pilot, "#routine-steps")
        await pilot.press("o")
        await wait_for_screen(pilot, OwnStretchScreen)
        await wait_for_focus(pilot, "#own-stretch-name")
        await pilot.press(*"Wall sit", "tab", *"Back flat on the wall", "enter")
        await wait_until(pilot, lambda: app.saved, "the routine to be saved")
        assert step_ids(app)[-1] == "own-wall-sit"
        assert app.saved[-1].own_stretches[0].note == "Back flat on the wall"
        options = app.screen.query_one("#routine-steps", OptionList)
        assert options.highlighted == 2
        assert "Back flat on the wall" in text_of(app, "#routine-detail")


async def test_r_in_the_checklist_opens_the_editor_and_the_routine_runs_as_edited() -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await wait_for_focus(pilot, "ChecklistPane *")
        await pilot.press("R")
        editor = await wait_for_screen(pilot, RoutineEditorScreen)
        await wait_for_focus(pilot, "#routine-steps")
        await pilot.press("right_square_bracket")  # knee rolls to second place
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RoutineEditorScreen), "closed")
        assert editor.routine.steps[1].step_id == "knee-rolls"
        assert [s.step_id for s in app.routine().steps][:2] == ["bottom-to-heels", "knee-rolls"]


async def highlight_second(pilot: Pilot[Any]) -> None:
    """Wait for the editor and put the cursor on the second stretch, for snapshots."""
    await wait_for_screen(pilot, RoutineEditorScreen)
    await wait_for_focus(pilot, "#routine-steps")
    await pilot.press("down")


def default_editor() -> Harness:
    """A harness with the editor on the default routine."""
    content = default_content()
    return Harness(lambda _c: RoutineEditorScreen(content, default_routine(content), lambda r: r))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 36)], ids=["60x20", "80x24", "120x36"])
def test_snapshot_routine_editor(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(default_editor(), terminal_size=size, run_before=highlight_second)
