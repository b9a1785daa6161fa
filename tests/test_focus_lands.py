"""Focus always lands on something that exists and can act (issue 27.3): after a delete, an
undo, a dialog and a tab switch, the keys the footer shows work at once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.app import CrampApp
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.keys import send_burst
from tests.snapshots import SMALL
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)


def app_with_one_session(path: Path) -> CrampApp:
    """The real app on a history holding one session with an outcome."""
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)))
    session = store.add_session([ItemRecord("hydrate", "done")], note="the only one")
    store.set_outcome(session.id, Outcome(False))
    return CrampApp(
        db_path=str(path),
        settings_file=path.with_name("settings.json"),
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


async def test_undo_works_at_once_after_deleting_the_only_session_from_the_stats(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    app = app_with_one_session(path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        app.query_one("#history-insights").focus()  # reading the stats under the table
        await wait_for_focus(pilot, "#history-insights")
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")  # Delete
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the dialog to close")
        await wait_until(pilot, lambda: not HistoryStore(path).count(), "the deletion")
        focused = app.focused
        assert (
            focused is not None
            and focused.display
            and app.query_one(HistoryPane) in focused.ancestors
        )
        send_burst(pilot, "u")
        await wait_until(pilot, lambda: HistoryStore(path).count() == 1, "u to undo the delete")
        await wait_for_focus(pilot, "#history-table")
