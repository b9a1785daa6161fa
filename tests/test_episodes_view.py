"""The cramp log in the real app: the Episodes view (delete, undo) and "That was a mistake"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable

from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.episodes import EmptyEpisodes, EpisodesScreen
from crampui.ui.screens.timer import TimerScreen
from crampui.ui.widgets.line_table import LineTable
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.snapshots import SMALL, TINY
from tests.test_help_screen import bound_keys, listed_keys
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_for_workers,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)


def app_on(path: Path) -> CrampApp:
    """The real app on the history at ``path``, its clock at NOW."""
    return CrampApp(
        db_path=str(path),
        settings_file=path.with_name("settings.json"),
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


def history_with_cramps(path: Path) -> HistoryStore:
    """Session #1 a day ago with a timer cramp in it, and a cramp on its own two days ago."""
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)))
    session = store.add_session([ItemRecord("hydrate", "done")])
    store.set_outcome(session.id, Outcome(True, severity=4))
    at = NOW - timedelta(days=1)
    store.add_episode(CrampEpisode(at, 2, "left", 12.4, 30), session.id)
    store.add_episode(CrampEpisode(NOW - timedelta(days=2)))
    return store


def uids(path: Path) -> list[str]:
    """The uids of every stored episode, newest first."""
    return [episode.uid for episode, _ in HistoryStore(path).episodes()]


def episodes_table(app: CrampApp) -> DataTable[object]:
    """The Episodes view's table."""
    return app.screen.query_one("#episodes-table", DataTable)


def rows(app: CrampApp) -> list[list[str]]:
    """The plain text of every row of the Episodes view."""
    table = episodes_table(app)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def open_episodes(pilot: Pilot[int]) -> EpisodesScreen:
    """From start-up: the History tab, then c."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")
    await wait_for_focus(pilot, "#history-table, #history-empty")
    await pilot.press("c")
    screen = await wait_for_screen(pilot, EpisodesScreen)
    await wait_for_workers(pilot)  # the episodes are read in the store's thread
    return screen


async def log_cramp_now(pilot: Pilot[int]) -> CrampingNowScreen:
    """Press F2 and wait until the app has logged the episode (the mistake offer shows)."""
    await pilot.press("f2")
    screen = await wait_for_screen(pilot, CrampingNowScreen)
    await wait_until(pilot, lambda: screen.episode is not None, "the cramp to be logged")
    return screen


async def delete_selected(pilot: Pilot[int]) -> None:
    """Press d and choose Delete."""
    await pilot.press("d")
    await wait_for_screen(pilot, ConfirmScreen)
    await wait_for_focus(pilot, "#confirm-no")
    await pilot.press("left", "enter")
    await wait_for_screen_gone(pilot, ConfirmScreen)


def history_rows(app: CrampApp) -> int:
    """How many rows the History tab's table has."""
    return app.query_one("#history-table", LineTable).row_count


async def test_a_cramp_logged_with_f2_is_in_the_log_and_deleting_it_can_be_undone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)))
    store.set_outcome(store.add_session([ItemRecord("hydrate", "done")]).id, Outcome(False))
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await log_cramp_now(pilot)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        [logged] = uids(path)

        await open_episodes(pilot)
        assert rows(app) == [["Wed 02 Dec 2026 12:30", "on its own", "not recorded", "", "", ""]]
        summary = app.screen.query_one("#episodes-summary")
        assert "1 cramp logged, on its own" in str(summary.render())

        await delete_selected(pilot)
        await wait_until(pilot, lambda: not uids(path), "the cramp to leave the store")
        await wait_until(pilot, lambda: not episodes_table(app).display, "the table to hide")
        assert app.screen.query_one(EmptyEpisodes).display
        assert app.focused is app.screen.query_one(EmptyEpisodes)
        await wait_until(pilot, lambda: history_rows(app) == 1, "History to lose it too")
        assert HistoryStore(path).count() == 1

        await pilot.press("u")
        await wait_until(pilot, lambda: episodes_table(app).row_count == 1, "the cramp back")
        assert uids(path) == [logged]
        assert HistoryStore(path).episodes()[0][1] is None  # still on its own
        assert rows(app)[0][1] == "on its own"
        await wait_until(pilot, lambda: history_rows(app) == 2, "History to list it again")

        await pilot.press("escape")
        await wait_for_screen_gone(pilot, EpisodesScreen)
        assert app.focused is app.query_one("#history-table")


async def test_each_row_names_its_session_and_where_in_the_hold_it_came(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history_with_cramps(path)
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await open_episodes(pilot)
        assert rows(app) == [
            ["Tue 01 Dec 2026 12:30", "#1", "not recorded", "2", "left", "12 of 30 s"],
            ["Mon 30 Nov 2026 12:30", "on its own", "not recorded", "", "", ""],
        ]
        summary = str(app.screen.query_one("#episodes-summary").render())
        assert "2 cramps logged, 1 of them on its own" in summary


async def test_undo_puts_a_cramp_back_in_its_session_even_after_reopening(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    history_with_cramps(path)
    before = HistoryStore(path).episodes()
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await open_episodes(pilot)
        await delete_selected(pilot)  # the cramp in session #1
        await wait_until(pilot, lambda: len(uids(path)) == 1, "the deletion")
        assert HistoryStore(path).get(1).episodes == ()
        assert rows(app) == [["Mon 30 Nov 2026 12:30", "on its own", "not recorded", "", "", ""]]

        await pilot.press("escape")
        await wait_for_screen_gone(pilot, EpisodesScreen)
        await pilot.press("c")
        await wait_for_screen(pilot, EpisodesScreen)
        await pilot.press("u")
        await wait_until(pilot, lambda: episodes_table(app).row_count == 2, "the cramp back")
        assert rows(app)[0][1] == "#1"
        assert episodes_table(app).cursor_row == 0
    after = HistoryStore(path).episodes()
    assert [(e.uid, s and s.id) for e, s in after] == [(e.uid, s and s.id) for e, s in before]
    assert after[0][0] == before[0][0]  # same time, rep, side and seconds


async def test_a_cramp_logged_over_the_view_appears_in_it(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history_with_cramps(path)
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await open_episodes(pilot)
        await log_cramp_now(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, EpisodesScreen)
        await wait_until(pilot, lambda: episodes_table(app).row_count == 3, "the new cramp")
        assert rows(app)[0] == [
            "Wed 02 Dec 2026 12:30",
            "on its own",
            "not recorded",
            "",
            "",
            "",
        ]


async def test_the_empty_log_says_how_to_log_a_cramp(tmp_path: Path) -> None:
    app = app_on(tmp_path / "history.json")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_episodes(pilot)
        empty = screen.query_one(EmptyEpisodes)
        assert empty.display and not episodes_table(app).display
        assert "press F2" in str(empty.render())
        assert app.focused is empty
        await pilot.press("d", "u")  # nothing to delete or undo: no dialog, no error
        assert app.screen is screen


async def test_side_text_from_the_file_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    HistoryStore(path).add_episode(CrampEpisode(NOW - timedelta(hours=1), side="[red]x[/]"))
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await open_episodes(pilot)
        assert rows(app)[0][4] == "[red]x[/]"


async def test_that_was_a_mistake_removes_only_the_cramp_just_logged(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history_with_cramps(path)
    kept = HistoryStore(path).episodes()
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        screen = await log_cramp_now(pilot)
        assert screen.query_one("#cramp-mistake", Button).display
        assert len(uids(path)) == 3
        await pilot.press("m")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: len(uids(path)) == 2, "the mistaken cramp to go")
        messages = [notification.message for notification in app._notifications]
        assert "Removed the cramp logged at 12:30." in messages
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        assert history_rows(app) == 2  # session #1 and the older cramp on its own
    assert HistoryStore(path).episodes() == kept
    assert [e.uid for e, _ in HistoryStore(path).episodes()] == [e.uid for e, _ in kept]


async def test_the_mistake_button_removes_the_cramp_too(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    app = app_on(path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await log_cramp_now(pilot)
        await pilot.click("#cramp-mistake")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: not uids(path), "the mistaken cramp to go")


def test_the_help_lists_the_cramp_log_keys() -> None:
    assert bound_keys(EpisodesScreen.BINDINGS) <= listed_keys("Cramp log")


async def test_the_mistake_offer_fits_a_small_terminal(tmp_path: Path) -> None:
    app = app_on(tmp_path / "history.json")
    async with app.run_test(size=TINY) as pilot:
        await wait_for_app_ready(pilot)
        screen = await log_cramp_now(pilot)
        button = screen.query_one("#cramp-mistake", Button)
        hint = screen.query_one("#cramp-hint")
        await wait_until(pilot, lambda: button.region.width > 0, "the button laid out")
        assert screen.region.contains_region(button.region)
        assert screen.region.contains_region(hint.region)
        assert str(hint.render()).endswith("· m")


async def test_a_cramp_during_a_hold_shows_rep_side_and_seconds_and_can_be_a_mistake(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    app = app_on(path)
    monotonic = app.monotonic
    assert isinstance(monotonic, FakeMonotonic)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await pilot.press("t")
        timer = await wait_for_screen(pilot, TimerScreen)
        monotonic.advance(5 + 12)  # the 5 s count-in, then 12 s into the first hold
        timer.refresh_timer()
        await log_cramp_now(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, TimerScreen)
        await pilot.press("escape")  # mid-set: the timer asks first
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")  # Stop
        await wait_for_screen_gone(pilot, TimerScreen)
        await open_episodes(pilot)
        assert rows(app) == [
            [
                "Wed 02 Dec 2026 12:30",
                "on its own",
                "not recorded",
                "1",
                "left",
                "12 of 30 s",
            ]
        ]

        await pilot.press("escape")
        await wait_for_screen_gone(pilot, EpisodesScreen)
        await pilot.press("3")
        await pilot.press("t")
        timer = await wait_for_screen(pilot, TimerScreen)
        monotonic.advance(5 + 3)
        timer.refresh_timer()
        await log_cramp_now(pilot)
        await pilot.press("m")  # back on the timer, the second cramp gone, the first kept
        await wait_for_screen(pilot, TimerScreen)
        await wait_until(pilot, lambda: len(uids(path)) == 1, "the mistaken cramp to go")
        [(episode, _)] = HistoryStore(path).episodes()
        assert episode.seconds_into_hold == 12
