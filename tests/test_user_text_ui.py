"""Text the user typed is shown exactly as typed: never parsed as markup, never a live link."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from crampui.content.safety import QUESTIONS
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.line_table import LineTable
from tests.pane_harness import START, Clock, PaneApp, wait_for_dialog
from tests.waiting import wait_for_focus, wait_for_screen_gone, wait_for_workers, wait_until

SIZE = (120, 36)
TRICKY = ["[bold]x[/]", "[/]", "[x] done", "[@click=app.quit]hi[/]"]
"""Texts that would be styled, break, or run an action if they were parsed as markup."""
WITH_CONTROLS = "red\x1b[31m alert\x07 end"
CLEANED = "red alert end"
WARM_UP = "warm-up"


pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """An empty store with a fixed clock."""
    return HistoryStore(tmp_path / "history.json", clock=Clock())


def checklist_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the Checklist pane."""
    return PaneApp(lambda: ChecklistPane(content, store))


def history_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store, today=lambda: START.date()), tab="History")


def rendered(widget: Widget) -> list[str]:
    """The text of each line ``widget`` draws on screen."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def drawn(pilot: Pilot[None], widget: Widget, text: str) -> list[str]:
    """The lines ``widget`` draws, once they show ``text`` (after any relayout it needs)."""
    await wait_until(
        pilot, lambda: text in " ".join(rendered(widget)), f"{text!r} drawn in {widget!r}"
    )
    return rendered(widget)


async def click_text(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Click on ``text`` where ``widget`` draws it; the text must be on screen.

    The click returns once ``widget`` has handled it (a link in the text would have run).
    """
    for y, line in enumerate(rendered(widget)):
        if text in line:
            await pilot.click(widget, offset=(line.index(text) + 1, y))
            return
    raise AssertionError(f"{text!r} is not on screen in {widget!r}")


async def type_into(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` into the focused input; control characters arrive as a paste would."""
    focused = pilot.app.focused
    if text.isprintable():
        await pilot.press(*text)
    else:
        assert isinstance(focused, Input)
        focused.insert_text_at_cursor(text)


async def warm_up_highlighted(pilot: Pilot[None], content: Content) -> None:
    """Move the checklist cursor to the warm-up item."""
    index = [item.id for item in content.checklist].index(WARM_UP)
    await pilot.press(*["down"] * index)


def warm_up_state(pilot: Pilot[None]) -> str:
    """The warm-up item's state in the Checklist pane."""
    return pilot.app.query_one(ChecklistPane).records[WARM_UP].state


async def skip_warm_up(pilot: Pilot[None], reason: str) -> None:
    """Skip the highlighted warm-up item, typing ``reason`` into the dialog."""
    await pilot.press("s")
    await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
    await type_into(pilot, reason)
    await pilot.press("enter")
    await wait_until(pilot, lambda: warm_up_state(pilot) == "skipped", "warm-up skipped")


async def note_column(pilot: Pilot[None]) -> LineTable:
    """The History table, once it has its note column (sized once the layout is known)."""
    table = pilot.app.query_one("#history-table", LineTable)
    await wait_until(pilot, lambda: "note" in table.columns, "the note column")
    return table


async def answer_outcome(pilot: Pilot[None], severity: str, where: str, note: str) -> None:
    """From the History table: o, a cramp (``severity``, ``where``, ``note``), no red flags."""
    await pilot.press("o")
    await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
    assert isinstance(pilot.app.screen, OutcomeScreen)
    await pilot.press("right", "tab")
    await wait_for_focus(pilot, "#outcome-severity")
    await pilot.press(*severity, "tab", "tab", "tab", "tab")  # past region, side and spread
    await type_into(pilot, where)
    await pilot.press("tab")
    await type_into(pilot, note)
    await pilot.press("enter")
    await wait_for_dialog(pilot, RedFlagsScreen, f"#flag-{QUESTIONS[0].id}")
    await pilot.press(*"n" * len(QUESTIONS), "enter")
    await wait_for_screen_gone(pilot, RedFlagsScreen)
    await wait_for_workers(pilot)


@pytest.mark.parametrize("reason", TRICKY)
async def test_skip_reasons_typed_in_the_dialog_stay_literal(
    content: Content, store: HistoryStore, reason: str
) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await warm_up_highlighted(pilot, content)
        await skip_warm_up(pilot, reason)
        pane = app.query_one(ChecklistPane)
        await wait_until(pilot, lambda: not pane.drafts.pending, "the draft to be written")
        draft = store.draft()
        assert draft is not None
        assert ItemRecord(WARM_UP, "skipped", reason) in draft.items
        items = app.query_one("#checklist-items", OptionList)
        lines = await drawn(pilot, items, f"skipped: {reason}")
        assert f"    skipped: {reason}" in [line.rstrip() for line in lines]
        state = app.query_one("#item-state", Static)
        assert f"Skipped: {reason}" in (await drawn(pilot, state, reason))[0]
        await click_text(pilot, state, reason)
        await click_text(pilot, items, reason)  # clicking the row's text selects it, only...
        assert app.return_code is None  # ...and nothing else: the app is still running
        assert warm_up_state(pilot) == "skipped"


@pytest.mark.parametrize("text", TRICKY)
async def test_outcome_text_typed_in_the_dialog_stays_literal(
    content: Content, store: HistoryStore, text: str
) -> None:
    session = store.add_session([ItemRecord(WARM_UP, "done")])
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        table = await note_column(pilot)
        await answer_outcome(pilot, "5", text, text)
        saved = store.get(session.id)
        assert saved.outcome is not None
        assert (saved.outcome.where, saved.note) == (text, text)
        assert any(line.rstrip().endswith(text) for line in await drawn(pilot, table, text))
        detail = app.query_one("#history-row-detail", Static)
        shown = " ".join(await drawn(pilot, detail, f"Note: {text}"))
        assert f"cramp 5/10, {text}" in shown
        assert f"Note: {text}" in shown
        await click_text(pilot, table, text)
        await click_text(pilot, detail, f"Note: {text}")
        assert app.return_code is None


@pytest.mark.parametrize("text", TRICKY)
async def test_stored_text_is_shown_literally(
    content: Content, store: HistoryStore, text: str
) -> None:
    session = store.add_session([ItemRecord(WARM_UP, "skipped", text)], note=text)
    store.set_outcome(session.id, Outcome(True, 3, where=text))
    store.save_draft([ItemRecord(WARM_UP, "skipped", text)])
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        table = await note_column(pilot)
        note_cell = table.get_row_at(0)[table.get_column_index("note")]  # the only row
        assert str(getattr(note_cell, "plain", note_cell)) == text
        assert any(line.rstrip().endswith(text) for line in await drawn(pilot, table, text))
        skipped = f"Skipped: Warm up for 5 to 10 minutes ({text})"
        detail = " ".join(await drawn(pilot, app.query_one("#history-row-detail"), skipped))
        assert skipped in detail
        await click_text(pilot, table, text)
        assert app.return_code is None
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        items = app.query_one("#checklist-items", OptionList)
        await click_text(pilot, items, f"skipped: {text}")
        assert app.return_code is None


async def test_control_characters_are_removed(content: Content, store: HistoryStore) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await warm_up_highlighted(pilot, content)
        await skip_warm_up(pilot, WITH_CONTROLS)
        assert app.query_one(ChecklistPane).records[WARM_UP].reason == CLEANED
        lines = await drawn(pilot, app.query_one("#checklist-items", OptionList), CLEANED)
        assert f"    skipped: {CLEANED}" in [line.rstrip() for line in lines]
        await pilot.press("ctrl+s")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-yes")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.count() == 1, "the run to be saved")
    [saved] = store.sessions()
    assert ItemRecord(WARM_UP, "skipped", CLEANED) in saved.items

    direct = store.add_session([], note=WITH_CONTROLS)
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        table = await note_column(pilot)
        await answer_outcome(pilot, "", WITH_CONTROLS, "")  # the note, cleaned, is kept
        saved = store.get(direct.id)
        assert saved.outcome is not None and (saved.outcome.where, saved.note) == (CLEANED, CLEANED)
        lines = await drawn(pilot, table, CLEANED)
        screen_text = "\n".join(rendered(app.screen))
        assert "\x1b" not in screen_text and "\x07" not in screen_text
        assert any(line.rstrip().endswith(CLEANED) for line in lines)
