"""On launch, the tab that fits (issue 27.14): the Checklist when no run was saved today,
History when the last run has no outcome, Causes for a first launch or by the setting."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Input

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.settings import Settings, load_settings, save_settings
from crampui.ui.app import CrampApp
from crampui.ui.widgets.outcome_notice import OutcomeNotice
from crampui.ui.widgets.tabbed import Tabbed
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.keys import send_burst
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)
SIZE = (100, 32)


def app_with_last_run(tmp_path: Path, ago: timedelta | None, outcome: bool) -> CrampApp:
    """The real app on a history whose last run was ``ago`` before now (None: no runs)."""
    path = tmp_path / "history.json"
    if ago is not None:
        store = HistoryStore(path, clock=FakeWallClock(NOW - ago))
        session = store.add_session([ItemRecord("hydrate", "done")])
        if outcome:
            store.set_outcome(session.id, Outcome(False))
    return CrampApp(
        db_path=str(path),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


@pytest.mark.parametrize(
    ("ago", "outcome", "tab"),
    [
        (None, False, "causes"),  # a first launch: read about the causes
        (timedelta(days=2), True, "checklist"),  # no run today: a workout is likely next
        (timedelta(hours=1), False, "history"),  # a run without its outcome
        (timedelta(hours=1), True, "causes"),  # done for today
    ],
    ids=["first-launch", "no-run-today", "no-outcome", "done-today"],
)
async def test_the_app_opens_on_the_tab_that_fits(
    tmp_path: Path, ago: timedelta | None, outcome: bool, tab: str
) -> None:
    app = app_with_last_run(tmp_path, ago, outcome)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.query_one(Tabbed).active == tab
        if tab == "history":
            assert app.query(OutcomeNotice)  # the outcome prompt is there


async def test_the_setting_keeps_causes(tmp_path: Path) -> None:
    save_settings(Settings(open_on_causes=True), tmp_path / "settings.json")
    app = app_with_last_run(tmp_path, timedelta(days=2), outcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.query_one(Tabbed).active == "causes"
        await app.run_action("toggle_open_on_causes")
    assert load_settings(tmp_path / "settings.json")[0].open_on_causes is False


async def test_typing_before_the_history_is_read_keeps_causes(tmp_path: Path) -> None:
    app = app_with_last_run(tmp_path, timedelta(days=2), outcome=True)
    app.store_lock.acquire()  # the history is still being read while the user types
    try:
        async with app.run_test(size=SIZE) as pilot:
            send_burst(pilot, "nerve")
            box = app.query_one("#cause-filter", Input)
            await wait_until(pilot, lambda: box.value == "nerve", "the filter")
            app.store_lock.release()
            await wait_for_app_ready(pilot)
            assert app.query_one(Tabbed).active == "causes"
    finally:
        if app.store_lock.locked():
            app.store_lock.release()
