"""Nothing wraps or is cut at 60x20 (a phone's width too), 80x24 or 120x36: the Checklist's key
line, the outcome dialog's fields and buttons, the timer's Done line and footer; and the
Checklist's o works wherever focus is in the pane, with the keys typed behind it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.widgets.app_footer import AppFooter
from tests.seeded import seeded_app
from tests.snapshots import LARGE, SMALL, TINY
from tests.test_one_note import send_keys
from tests.test_timer_keys import make_app, open_timer
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZES = pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])


def fits_on_one_line(widget: Static) -> bool:
    """Whether ``widget`` shows its whole text on one line."""
    text = str(widget.render())
    return widget.region.height == 1 and len(text) <= widget.content_size.width


async def open_checklist(pilot: Pilot[int]) -> None:
    """Wait for the app, then open the Checklist tab."""
    await wait_for_app_ready(pilot)
    await pilot.press("3")
    await wait_for_focus(pilot, "#checklist-items")


@SIZES
async def test_the_checklist_key_line_is_one_whole_line(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_checklist(pilot)
        keys = app.query_one("#checklist-keys", Static)
        await wait_until(pilot, lambda: keys.region.height, "the key line")
        assert fits_on_one_line(keys), str(keys.render())
        for key in ("o outcome", "t timer", "c customise", "e note", "n new run"):
            assert key in str(keys.render())


@SIZES
async def test_the_outcome_dialog_leaves_the_rows_to_its_fields(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_checklist(pilot)
        await pilot.press("o")
        dialog = await wait_for_screen(pilot, OutcomeScreen)
        fields = dialog.query_one("#outcome-fields")
        await wait_until(pilot, lambda: fields.region.height, "the fields")
        save = dialog.query_one("#outcome-save", Button)
        rows = size[1]
        assert save.region.height == (1 if rows < 24 else 3)  # one-line buttons when short
        assert fields.region.height >= rows // 2  # at least half the screen for the questions
        hint = dialog.query_one(".dialog-hint", Static)
        assert fits_on_one_line(hint)


@SIZES
async def test_the_timers_done_line_and_footer_keep_every_key(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        timer = await open_timer(app, pilot)
        while not timer.hold_timer.finished:
            await pilot.press("n")
        status = timer.query_one("#timer-status", Static)
        await wait_until(pilot, lambda: "esc close" in str(status.render()), "the Done line")
        assert fits_on_one_line(status)
        footer = {key.key_display for key in timer.query_one(AppFooter).shown()}
        assert {"o", "esc", "f2"} <= footer


@pytest.mark.parametrize("focus", ["#checklist-detail", "#checklist-items"])
async def test_the_checklists_o_works_wherever_focus_is_in_the_pane(
    tmp_path: Path, focus: str
) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=TINY) as pilot:
        await open_checklist(pilot)
        pane = app.query_one(ChecklistPane)
        pane.query_one(focus).focus()
        await wait_for_focus(pilot, focus)
        last = pane.store.last_session()
        assert last is not None
        send_keys(pilot, "o")
        await wait_for_screen(pilot, OutcomeScreen)
        send_keys(pilot, "n", "tab", "end", *" xyz", "enter")  # typed in one go
        await wait_until(
            pilot, lambda: pane.store.get(last.id).note.endswith("xyz"), "the note to be saved"
        )
        saved = pane.store.get(last.id).outcome
        assert saved is not None and not saved.cramped
