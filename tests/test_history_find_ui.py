"""Find in history (Pilot): / opens the filter, the table lists what it keeps, the line above
says how many, escape shows everything again; actions work on the filtered rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from crampui.content.store import Content
from crampui.history import HistoryStore, Session
from crampui.insights.history_filter import HistoryFilter, filter_entries
from crampui.insights.timeline import timeline
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.filter_history import FilterHistoryScreen
from crampui.ui.widgets.line_table import LineTable
from tests.pane_harness import START, PaneApp, seed_history, wait_for_dialog
from tests.waiting import wait_for_screen_gone, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)


@pytest.fixture
def seeded(tmp_path: Path, content: Content) -> HistoryStore:
    """26 sessions over six weeks (see tests.pane_harness.seed_history)."""
    store, _clock = seed_history(tmp_path / "history.json", [i.id for i in content.checklist])
    return store


def history_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store, today=START.date), tab="History")


def rows(pilot: Pilot[None]) -> int:
    """How many rows the table lists."""
    return pilot.app.query_one("#history-table", LineTable).row_count


def filter_line(pilot: Pilot[None]) -> str:
    """The filter line ("" while hidden)."""
    line = pilot.app.query_one("#history-filter", Static)
    return str(line.render()) if line.display else ""


async def open_filter(pilot: Pilot[None]) -> FilterHistoryScreen:
    """Press / and wait for the filter dialog, its text box focused."""
    await wait_until(pilot, lambda: rows(pilot), "the table")
    await pilot.press("slash")
    return await wait_for_dialog(pilot, FilterHistoryScreen, "#filter-text")


async def test_text_filter_then_escape_shows_all(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        await open_filter(pilot)
        await pilot.press(*"STIFF drive", "enter")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        await wait_until(pilot, lambda: rows(pilot) == 1, "one row")
        assert filter_line(pilot) == (
            "Showing 1 of 26 · “STIFF drive”  ·  / change · escape shows all"
        )
        listed = pilot.app.query_one(HistoryPane).listed
        assert isinstance(listed[0], Session) and listed[0].id == 8
        assert "#8 " in str(pilot.app.query_one("#history-row-detail", Static).render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: rows(pilot) == 26, "every row")
        assert filter_line(pilot) == ""
        assert pilot.app.query_one(HistoryPane).check_action("clear_filter", ()) is False


async def test_cramp_and_dates_combine(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        dialog = await open_filter(pilot)
        await pilot.click("#filter-cramp-yes")
        await wait_until(pilot, lambda: dialog.cramp() == "yes", "cramp: yes")
        dialog.query_one("#filter-from", Input).value = "2026-11-01"
        dialog.query_one("#filter-to", Input).value = "2026-11-20"
        await pilot.click("#filter-apply")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        wanted = HistoryFilter(cramp="yes", start=date(2026, 11, 1), end=date(2026, 11, 20))
        expected = filter_entries(timeline(seeded.sessions(), seeded.loose_episodes()), wanted)
        assert 0 < len(expected) < 26
        await wait_until(pilot, lambda: rows(pilot) == len(expected), "the filtered rows")
        assert pilot.app.query_one(HistoryPane).listed == expected
        assert filter_line(pilot).startswith(
            f"Showing {len(expected)} of 26 · cramp: yes · 2026-11-01 to 2026-11-20"
        )
        # / again starts from the filter in use; Clear shows everything
        dialog = await open_filter(pilot)
        assert dialog.cramp() == "yes"
        assert dialog.query_one("#filter-from", Input).value == "2026-11-01"
        await pilot.click("#filter-clear")
        await wait_until(pilot, lambda: rows(pilot) == 26, "every row")


async def test_a_bad_date_is_explained(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        dialog = await open_filter(pilot)
        dialog.query_one("#filter-from", Input).value = "1 Nov"
        await pilot.press("enter")
        error = dialog.query_one("#filter-error", Static)
        await wait_until(pilot, lambda: error.display, "the error")
        assert str(error.render()) == "From must be a date like 2026-11-01, got '1 Nov'"
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        assert rows(pilot) == 26 and filter_line(pilot) == ""


async def test_delete_in_a_filtered_table_deletes_the_row_shown(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        await open_filter(pilot)
        await pilot.press(*"stiff", "enter")
        await wait_until(pilot, lambda: rows(pilot) == 1, "one row")
        await pilot.press("d")
        screen = await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
        assert screen.question.startswith("Delete session #8 ")
        await pilot.click("#confirm-yes")
        await wait_until(pilot, lambda: rows(pilot) == 0, "no row left")
        assert 8 not in [session.id for session in seeded.sessions()]
        assert filter_line(pilot).startswith("Showing 0 of 25 · “stiff”")
        await pilot.press("u")
        await wait_until(pilot, lambda: rows(pilot) == 1, "the row back")
    assert seeded.get(8).note == "felt stiff after the drive"


async def test_nothing_matching_keeps_the_tab_usable(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        await open_filter(pilot)
        await pilot.press(*"no such words", "enter")
        await wait_until(pilot, lambda: rows(pilot) == 0, "no rows")
        pane = pilot.app.query_one(HistoryPane)
        assert pane.check_action("edit", ()) is None and pane.check_action("delete", ()) is None
        assert not pilot.app.query_one("#history-row-detail").display
        await pilot.press("escape")
        await wait_until(pilot, lambda: rows(pilot) == 26, "every row")


async def test_find_lists_the_sessions_that_had_an_own_stretch_by_its_name(
    content: Content, seeded: HistoryStore
) -> None:
    from crampui.checklist.routines import add_own_stretch, default_routine
    from crampui.history.stretch_records import StretchRecord

    stretch_id, routine = add_own_stretch(content, default_routine(content), "Brücke")
    seeded.put_routine(routine)  # its id, own-brucke, does not have the word as typed
    had = seeded.add_session([], stretches=[StretchRecord(stretch_id, "done")])
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        await open_filter(pilot)
        pilot.app.screen.query_one("#filter-text", Input).value = "BRÜCKE"
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        await wait_until(pilot, lambda: rows(pilot) == 1, "one row")
        [listed] = pilot.app.query_one(HistoryPane).listed
        assert isinstance(listed, Session) and listed.id == had.id


async def test_find_is_built_once_and_opens_on_the_filter_in_use(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(HistoryPane)
        first = await open_filter(pilot)
        first.query_one("#filter-from", Input).value = "1 Nov"
        await pilot.press(*"stiff", "enter")  # a bad date: the dialog stays, saying why
        await wait_until(pilot, lambda: first.query_one("#filter-error").display, "the error")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        assert pane.wanted == HistoryFilter()
        # reopened: the same dialog, as new: no error, the filter in use, the text selected
        again = await open_filter(pilot)
        assert again is first
        assert not again.query_one("#filter-error").display
        assert again.query_one("#filter-from", Input).value == ""
        await pilot.press(*"stiff", "enter")  # typing replaces what the box held
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        await wait_until(pilot, lambda: rows(pilot) == 1, "one row")
        assert pane.wanted == HistoryFilter(text="stiff")
        pane.wanted = HistoryFilter(text="drive", cramp="yes", start=date(2026, 11, 1))
        await pilot.press("slash")
        again = await wait_for_dialog(pilot, FilterHistoryScreen, "#filter-text")
        assert again is first
        assert again.query_one("#filter-text", Input).value == "drive"
        assert again.query_one("#filter-from", Input).value == "2026-11-01"
        await wait_until(pilot, lambda: again.cramp() == "yes", "cramp: yes")
        await pilot.press(*"STIFF drive", "enter")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        assert pane.wanted == HistoryFilter(
            text="STIFF drive", cramp="yes", start=date(2026, 11, 1)
        )


async def test_find_reopened_after_a_resize_lays_out_for_the_new_height(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=SIZE) as pilot:
        dialog = await open_filter(pilot)
        assert dialog.has_class("-tall")
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, FilterHistoryScreen)
        await pilot.resize_terminal(80, 20)  # while Find is hidden
        await pilot.press("slash")
        again = await wait_for_dialog(pilot, FilterHistoryScreen, "#filter-text")
        assert again is dialog
        await wait_until(pilot, lambda: again.has_class("-short"), "the short layout")
        assert not again.has_class("-tall")
