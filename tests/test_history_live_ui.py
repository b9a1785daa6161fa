"""The open app takes in what other computers saved to a synced history, without a restart."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.app import CrampApp
from crampui.ui.widgets.line_table import LineTable
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.history_files import history_bytes
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)
ITEMS = [ItemRecord("hydrate", "done")]


def app_on(path: Path) -> CrampApp:
    """The real app on the history at ``path``, looking for other computers' changes often."""
    app = CrampApp(
        db_path=str(path),
        settings_file=path.with_name("settings.json"),
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )
    app.sync_poll_seconds = 0.05
    return app


def this_computer(path: Path) -> None:
    """One session saved here yesterday (with its outcome, so no launch prompt)."""
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)), device="a" * 12)
    session = store.add_session(ITEMS, note="saved here")
    store.set_outcome(session.id, Outcome(False))


def rows(app: CrampApp) -> int:
    """How many rows the History table shows."""
    return app.query_one("#history-table", LineTable).row_count


def notices(app: CrampApp) -> str:
    """Every notification shown so far."""
    return " ".join(notification.message for notification in app._notifications)


async def test_a_session_another_computer_saved_appears_with_one_notice(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    this_computer(path)
    app = app_on(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: rows(app) == 1, "the History table")
        laptop = HistoryStore(path, clock=FakeWallClock(NOW), device="b" * 12)
        laptop.add_session(ITEMS, note="saved on the laptop")
        await wait_until(pilot, lambda: rows(app) == 2, "the laptop's session on screen")
        await wait_until(pilot, lambda: "From another computer: 1 session" in notices(app), "")
        assert notices(app).count("From another computer") == 1


async def test_a_conflict_copy_that_appears_while_open_is_merged_and_shown(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    this_computer(path)
    copy = tmp_path / "history.sync-conflict-20261202-123000-ABCDEFG.json"
    copy.write_bytes(history_bytes(path))
    app = app_on(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: rows(app) == 1, "the History table")
        apart = tmp_path / "apart.json"
        apart.write_bytes(history_bytes(path))
        laptop = HistoryStore(apart, clock=FakeWallClock(NOW), device="b" * 12)
        laptop.add_session(ITEMS)
        later = copy.with_name(copy.name.replace("123000", "123500"))
        later.write_bytes(history_bytes(apart))  # a conflict copy of an earlier layout
        await wait_until(pilot, lambda: rows(app) == 2, "the copy's session on screen")
        await wait_until(pilot, lambda: "1 session merged from a copy" in notices(app), "")
        assert not list(tmp_path.glob("*sync-conflict*"))  # moved into merged/
