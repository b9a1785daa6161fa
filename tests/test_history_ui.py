"""The History tab on a seeded store: table, delete and undo, outcomes, streaks and insights."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.insights import patterns as insights
from crampui.insights.patterns import CHANGED_TOGETHER
from crampui.ui.panes.history import FEWER_WITH, MORE_WITH, NOT_ENOUGH_DATA, NOT_PROOF, HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.widgets.heatmap import CELL, Heatmap, month_labels
from crampui.ui.widgets.line_table import LineTable
from tests.pane_harness import START, Clock, PaneApp, seed_history, wait_for_dialog
from tests.waiting import wait_for_focus, wait_for_screen_gone, wait_for_workers, wait_until

WIDE = (120, 36)
NARROW = (80, 24)
TODAY = START.date()


pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@pytest.fixture
def seeded(tmp_path: Path, content: Content) -> HistoryStore:
    """26 sessions over six weeks (see tests.pane_harness.seed_history)."""
    store, _clock = seed_history(tmp_path / "history.json", [i.id for i in content.checklist])
    return store


def history_app(content: Content, store: HistoryStore, today: date = TODAY) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store, today=lambda: today), tab="History")


def pane(pilot: Pilot[None]) -> HistoryPane:
    """The pane under test."""
    return pilot.app.query_one(HistoryPane)


def table(pilot: Pilot[None]) -> LineTable:
    """The session table."""
    return pilot.app.query_one("#history-table", LineTable)


def row(pilot: Pilot[None], index: int) -> list[str]:
    """The plain text of each cell in table row ``index``."""
    return [str(getattr(cell, "plain", cell)) for cell in table(pilot).get_row_at(index)]


def text_of(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows."""
    return str(pilot.app.query_one(selector, Static).render())


def labels(pilot: Pilot[None]) -> list[str]:
    """The table's column headings."""
    return [str(column.label) for column in table(pilot).columns.values()]


async def wait_for_note_column(pilot: Pilot[None]) -> None:
    """Wait until the table has its note column (sized once the layout is known)."""
    await wait_until(pilot, lambda: "Note" in labels(pilot), "the note column")


async def test_rows_are_newest_first_with_readable_cells(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        await wait_for_note_column(pilot)
        assert table(pilot).row_count == 26
        assert labels(pilot) == [
            "When",
            "Checklist",
            "Outcome",
            "Cramps",
            "Note",
        ]
        assert row(pilot, 0) == ["Wed 25 Nov 21:00", "8 done · 0 skipped", "—", "", ""]
        assert row(pilot, 1) == ["Tue 24 Nov 20:53", "8 done · 1 skipped", "—", "", ""]
        assert row(pilot, 2) == ["Mon 23 Nov 20:46", "9 done · 0 skipped", "no cramp", "", ""]
        # Session 13 showed red-flag advice, session 8 has a note, session 6 two timed cramps.
        assert row(pilot, 26 - 13)[2] == "cramp 8/10 ⚑ advice shown"
        assert row(pilot, 26 - 8)[4] == "felt stiff after the drive"
        assert row(pilot, 26 - 6)[3] == "2"
        assert row(pilot, 25)[0] == "Wed 14 Oct 18:05"


async def test_row_detail_describes_the_highlighted_session(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        assert text_of(pilot, "#history-row-detail") == (
            "#26 Wed 25 Nov 21:00 · no outcome yet: press o to add it"
        )
        table(pilot).move_cursor(row=26 - 8)
        await wait_until(
            pilot, lambda: text_of(pilot, "#history-row-detail").startswith("#8 "), "#8's detail"
        )
        assert text_of(pilot, "#history-row-detail") == (
            "#8 Fri 23 Oct 18:54 · Skipped: Plan slow 15 to 30 second holds (forgot) · "
            "no cramp · Note: felt stiff after the drive"
        )
        table(pilot).move_cursor(row=26 - 13)
        await wait_until(
            pilot, lambda: text_of(pilot, "#history-row-detail").startswith("#13 "), "#13's detail"
        )
        assert "cramp 8/10, lower back · ⚑ advice shown" in text_of(pilot, "#history-row-detail")


async def test_narrow_screens_drop_the_note_column(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=NARROW) as pilot:
        await wait_until(
            pilot, lambda: table(pilot).scrollable_content_region.width, "the table's layout"
        )
        assert pane(pilot).available_note_width(pane(pilot).columns()) == 0  # no room for it
        assert "Note" not in labels(pilot)
        assert not pane(pilot).has_class("-wide")
        await pilot.resize_terminal(*WIDE)
        await wait_for_note_column(pilot)
        assert pane(pilot).has_class("-wide")
        assert "Note" in labels(pilot)


async def test_delete_asks_then_undo_puts_it_back(content: Content, seeded: HistoryStore) -> None:
    app = history_app(content, seeded)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "d")
        screen = await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
        assert isinstance(app.screen, ConfirmScreen)
        assert screen.question == "Delete session #25 from Tue 24 Nov 20:53?"
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, ConfirmScreen)
        assert seeded.count() == 26

        await pilot.press("d")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
        await pilot.click("#confirm-yes")
        await wait_until(pilot, lambda: table(pilot).row_count == 25, "the row to be deleted")
        assert seeded.count() == 25
        assert 25 not in [s.id for s in seeded.sessions()]
        assert table(pilot).row_count == 25
        assert row(pilot, 1)[0] == "Mon 23 Nov 20:46"
        assert ("Deleted session #25. Press u to undo.", "information") in app.notices

        await pilot.press("u")
        assert seeded.count() == 26
        assert seeded.get(25).saved_at.hour == 20
        assert row(pilot, 1)[0] == "Tue 24 Nov 20:53"
        assert table(pilot).cursor_row == 1
        assert ("Restored session #25.", "information") in app.notices


async def test_undo_with_nothing_deleted_does_nothing(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        await pilot.press("u")
        assert seeded.count() == 26
        assert pane(pilot).check_action("undo", ()) is None


async def test_outcome_added_from_history(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        await wait_for_note_column(pilot)
        await pilot.press("o")
        await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        assert isinstance(pilot.app.screen, OutcomeScreen)
        dialog = pilot.app.screen
        assert isinstance(dialog, OutcomeScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: dialog.cramped() is False, "the answer no")
        await pilot.press("tab")  # focus stays put after an answer: the user moves it
        await wait_for_focus(pilot, "#outcome-note")
        await pilot.press(*"all good", "enter")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
        assert row(pilot, 0)[2] == "no cramp"
        assert row(pilot, 0)[4] == "all good"
        assert "25 with an outcome" in text_of(pilot, "#history-summary")
    saved = seeded.get(26)
    assert saved.outcome is not None and not saved.outcome.cramped and saved.note == "all good"


async def test_streaks_in_the_summary(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        assert text_of(pilot, "#history-summary") == (
            "Streak: 3 days · best 5  ·  26 sessions, 24 with an outcome"
        )
    async with history_app(content, seeded, today=date(2026, 11, 28)).run_test() as pilot:
        assert text_of(pilot, "#history-summary").startswith("Streak: 0 days · best 5")


async def test_heatmap_counts_sessions_per_day(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        heatmap = pilot.app.query_one(Heatmap)
        grid = heatmap.grid
        assert len(grid) == 7 and all(len(week_row) == 12 for week_row in grid)
        assert [grid[day][-1] for day in range(7)] == [1, 1, 1, None, None, None, None]
        assert sum(count or 0 for week_row in grid for count in week_row) == 26
        assert grid == insights.heatmap(seeded.sessions(), TODAY)
        drawn = str(heatmap.render())
        assert drawn.count(CELL) == 7 * 12 - 4 + 4  # past days plus the legend
        lines = drawn.splitlines()
        assert lines[0].split() == ["Sep", "Oct", "Nov"]
        assert lines[1].startswith("Mo ")
        assert lines[-1].strip() == "■ 0 ■ 1 ■ 2 ■ 3+  a day"


async def test_item_frequency(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        lines = text_of(pilot, "#item-frequency").splitlines()
        assert lines[0] == "26/26  Drink a glass of water"
        assert lines[2] == "17/26  Warm up for 5 to 10 minutes"
        assert len(lines) == len(content.checklist)


async def test_insights_are_shown_above_the_threshold(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        patterns = text_of(pilot, "#history-patterns")
        assert patterns.startswith(f"{NOT_PROOF} {CHANGED_TOGETHER}")
        assert (
            "Cramped in 12 % of sessions with “Warm up for 5 to 10 minutes” (2 of 16), "
            "100 % without (8 of 8)." in patterns
        )
        assert NOT_ENOUGH_DATA not in patterns


async def test_insights_wait_for_enough_data(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock())
    for cramped in (True, False, True, False):
        session = store.add_session([ItemRecord("warm-up", "done" if cramped else "skipped")])
        store.set_outcome(session.id, Outcome(cramped))
    async with history_app(content, store).run_test(size=WIDE) as pilot:
        assert text_of(pilot, "#history-patterns") == NOT_ENOUGH_DATA


async def test_empty_history_is_friendly(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=Clock())
    async with history_app(content, store).run_test(size=NARROW) as pilot:
        empty = pilot.app.query_one("#history-empty", Static)
        assert empty.display
        assert str(empty.render()) == (
            "No sessions yet. Tick the checklist before your next workout and save it with ctrl+s, "
            "or press a to add one you did earlier."
        )
        assert not pilot.app.query_one("#history-body").display
        await pilot.press("d", "o")
        assert not isinstance(pilot.app.screen, (ConfirmScreen, OutcomeScreen))


async def test_reload_shows_new_sessions(content: Content, seeded: HistoryStore) -> None:
    async with history_app(content, seeded).run_test(size=WIDE) as pilot:
        await wait_for_note_column(pilot)
        seeded.add_session([ItemRecord("hydrate", "done")], note="fresh")
        pane(pilot).reload()  # read in a thread: the new row appears once it is read
        await wait_until(pilot, lambda: table(pilot).row_count == 27, "the new session listed")
        # Rows go by time: the seeded #26 (21:00) is later than the store's clock (18:35).
        assert row(pilot, 1)[:2] == ["Wed 25 Nov 18:35", "1 done · 0 skipped"]
        assert row(pilot, 1)[4] == "fresh"


def test_months_are_labelled_where_they_begin() -> None:
    """1-2 Dec (in the week from Mon 30 Nov) sit under "Dec", not under "Nov"."""
    line = month_labels(date(2026, 12, 2), weeks=12, margin=3)
    last_column = 3 + 2 * 11
    assert line[last_column:].strip() == "Dec"
    assert line.split() == ["Sep", "Oct", "Nov", "Dec"]
    assert line.index("Oct") == 3 + 2 * 2  # the week from Mon 28 Sep holds 1 Oct
    assert line.index("Nov") == 3 + 2 * 6  # the week from Mon 26 Oct holds Sun 1 Nov


async def test_patterns_are_ranked_in_two_kinds_and_in_view_at_80_wide(
    content: Content, seeded: HistoryStore
) -> None:
    async with history_app(content, seeded).run_test(size=NARROW) as pilot:
        lines = text_of(pilot, "#history-patterns").splitlines()
        assert len(lines) == 3
        assert lines[0] == f"{NOT_PROOF} {CHANGED_TOGETHER}"
        assert lines[1] == f"{FEWER_WITH}:"
        assert "“Warm up for 5 to 10 minutes” (2 of 16)" in lines[2]  # against 8 of 8
        # Loosen (3 of 6 against 7 of 18) and plan-holds (5 skipped): under 8 sessions a side
        assert MORE_WITH not in lines
        insights_box = pilot.app.query_one("#history-insights")
        title = pilot.app.query_one("#patterns-box")
        assert insights_box.scroll_y == 0
        assert title.region.y == insights_box.region.y  # first below the table, no scrolling
        assert insights_box.region.bottom <= pilot.app.size.height


async def test_per_stretch_cramp_rates_show_once_a_stretch_has_enough_sessions(
    content: Content, tmp_path: Path
) -> None:
    from crampui.history import CrampEpisode
    from crampui.history.stretch_records import StretchRecord

    store = HistoryStore(tmp_path / "history.json", clock=Clock())
    knee = [StretchRecord("knee-to-chest", "done"), StretchRecord("pelvic-tilt", "skipped")]
    for number in range(9):
        session = store.add_session([ItemRecord("hydrate", "done")])
        store.put_stretches(session.id, knee)
        if number < 4:
            at = session.saved_at
            store.add_episode(CrampEpisode(at, 2, "left", 3.0, 5, "knee-to-chest"), session.id)
    async with history_app(content, store).run_test(size=WIDE) as pilot:
        await wait_until(
            pilot, lambda: "During your stretches" in text_of(pilot, "#history-patterns"), "rates"
        )
        patterns = text_of(pilot, "#history-patterns")
        assert insights.STRETCH_CAUTION in patterns
        assert "Cramped in 4 of 9 sessions during Knee to chest (44 %)." in patterns
        assert "Pelvic tilt" not in patterns, "skipped every time: never done"


async def test_an_own_stretch_is_named_in_rows_detail_and_rates(
    content: Content, tmp_path: Path
) -> None:
    """A stretch of the person's own (stored in their routine) is shown by its name, never its
    id: in a lone cramp's row, in a session's detail and in the per-stretch rates."""
    from datetime import timedelta

    from crampui.checklist.routines import add_own_stretch, default_routine
    from crampui.history import CrampEpisode
    from crampui.history.stretch_records import StretchRecord

    store = HistoryStore(tmp_path / "history.json", clock=Clock())
    stretch_id, routine = add_own_stretch(content, default_routine(content), "Wall sit", "Flat")
    assert stretch_id == "own-wall-sit"
    store.put_routine(routine)
    for number in range(9):
        session = store.add_session([ItemRecord("hydrate", "done")])
        store.put_stretches(session.id, [StretchRecord(stretch_id, "done")])
        if number < 4:
            at = session.saved_at
            store.add_episode(CrampEpisode(at, 2, "left", 3.0, 5, stretch_id), session.id)
    newest = store.get(9).saved_at + timedelta(minutes=1)
    store.add_episode(CrampEpisode(newest, 1, None, 2.0, 5, stretch_id))
    async with history_app(content, store).run_test(size=WIDE) as pilot:
        await wait_for_note_column(pilot)
        assert row(pilot, 0)[4] == "Wall sit, rep 1, 2 s into the hold"
        await wait_until(
            pilot, lambda: "During your stretches" in text_of(pilot, "#history-patterns"), "rates"
        )
        patterns = text_of(pilot, "#history-patterns")
        assert "Cramped in 4 of 9 sessions during Wall sit (44 %)." in patterns
        table(pilot).move_cursor(row=9)  # session #1, the oldest, had a cramp in it
        await wait_until(
            pilot, lambda: text_of(pilot, "#history-row-detail").startswith("#1 "), "#1's detail"
        )
        detail = text_of(pilot, "#history-row-detail")
        assert "Stretches: Wall sit done" in detail
        assert "1 timed cramp (Wall sit, rep 2, left side, 3 s into the hold)" in detail
        assert stretch_id not in detail and stretch_id not in patterns
