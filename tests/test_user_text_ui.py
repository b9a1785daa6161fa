"""Text the user typed is shown exactly as typed: never parsed as markup, never a live link."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static

from crampui.content import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.panes.checklist import ChecklistPane
from crampui.panes.history import HistoryPane
from crampui.screens.outcome import OutcomeScreen
from crampui.screens.skip_reason import SkipReasonScreen
from tests.pane_harness import START, Clock, PaneApp

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


async def click_text(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Click on ``text`` where ``widget`` draws it; the text must be on screen."""
    for y, line in enumerate(rendered(widget)):
        if text in line:
            await pilot.click(widget, offset=(line.index(text) + 1, y))
            await pilot.pause()
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
    await pilot.pause()


async def warm_up_highlighted(pilot: Pilot[None], content: Content) -> None:
    """Move the checklist cursor to the warm-up item."""
    index = [item.id for item in content.checklist].index(WARM_UP)
    await pilot.press(*["down"] * index)


@pytest.mark.parametrize("reason", TRICKY)
async def test_skip_reasons_typed_in_the_dialog_stay_literal(
    content: Content, store: HistoryStore, reason: str
) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await warm_up_highlighted(pilot, content)
        await pilot.press("s")
        assert isinstance(app.screen, SkipReasonScreen)
        await type_into(pilot, reason)
        await pilot.press("enter")
        await pilot.pause()
        draft = store.draft()
        assert draft is not None
        assert ItemRecord(WARM_UP, "skipped", reason) in draft.items
        items = app.query_one("#checklist-items", OptionList)
        assert f"    skipped: {reason}" in [line.rstrip() for line in rendered(items)]
        state = app.query_one("#item-state", Static)
        assert f"Skipped: {reason}" in rendered(state)[0]
        await click_text(pilot, state, reason)
        await click_text(pilot, items, reason)  # clicking the row toggles the item...
        assert app.return_code is None  # ...and nothing else: the app is still running
        assert app.query_one(ChecklistPane).records[WARM_UP].state == "done"


@pytest.mark.parametrize("text", TRICKY)
async def test_outcome_text_typed_in_the_dialog_stays_literal(
    content: Content, store: HistoryStore, text: str
) -> None:
    session = store.add_session([ItemRecord(WARM_UP, "done")])
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(HistoryPane).default_focus().focus()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("right", "enter", "5", "tab")
        await type_into(pilot, text)
        await pilot.press("tab")
        await type_into(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "n", "n", "n", "enter")
        await pilot.pause()
        await pilot.pause()
        outcome = store.get(session.id).outcome
        assert outcome is not None
        assert (outcome.where, outcome.note) == (text, text)
        table = app.query_one("#history-table", DataTable)
        assert any(line.rstrip().endswith(text) for line in rendered(table))
        detail = app.query_one("#history-row-detail", Static)
        shown = " ".join(rendered(detail))
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
    store.set_outcome(session.id, Outcome(True, 3, where=text, note=text))
    store.save_draft([ItemRecord(WARM_UP, "skipped", text)])
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one("#history-table", DataTable)
        note_cell = table.get_cell(str(session.id), "note")
        assert str(getattr(note_cell, "plain", note_cell)) == f"{text} · {text}"
        assert any(f"{text} · {text}" in line for line in rendered(table))
        detail = " ".join(rendered(app.query_one("#history-row-detail", Static)))
        assert f"Skipped: Warm up for 5 to 10 minutes ({text})" in detail
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
        await pilot.press("s")
        await type_into(pilot, WITH_CONTROLS)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ChecklistPane).records[WARM_UP].reason == CLEANED
        lines = rendered(app.query_one("#checklist-items", OptionList))
        assert f"    skipped: {CLEANED}" in [line.rstrip() for line in lines]
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
    [saved] = store.sessions()
    assert ItemRecord(WARM_UP, "skipped", CLEANED) in saved.items

    direct = store.add_session([], note=WITH_CONTROLS)
    app = history_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one(HistoryPane).default_focus().focus()
        await pilot.press("o", "right", "enter", "tab")
        await type_into(pilot, WITH_CONTROLS)
        await pilot.press("tab")
        await type_into(pilot, WITH_CONTROLS)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "n", "n", "n", "enter")
        await pilot.pause()
        await pilot.pause()
        outcome = store.get(direct.id).outcome
        assert outcome is not None and (outcome.where, outcome.note) == (CLEANED, CLEANED)
        screen_text = "\n".join(rendered(app.screen))
        assert "\x1b" not in screen_text and "\x07" not in screen_text
        table = app.query_one("#history-table", DataTable)
        assert any(f"{CLEANED} · {CLEANED}" in line for line in rendered(table))
