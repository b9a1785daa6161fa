"""History flows in the real app: undo after deleting the last session, cramps logged on their
own, and a table laid out for the terminal before its tab is shown."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot

from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.ui.app import CrampApp
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.widgets.line_table import LineTable
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.seeded import seeded_app
from tests.snapshots import LARGE, SMALL
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)


def app_on(path: Path, clock: FakeWallClock) -> CrampApp:
    """The real app on the history at ``path``."""
    return CrampApp(
        db_path=str(path),
        settings_file=path.with_name("settings.json"),
        clock=clock,
        monotonic=FakeMonotonic(),
    )


def one_session(path: Path) -> HistoryStore:
    """A history holding one session (with an outcome, so no launch prompt), saved at NOW."""
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=1)))
    session = store.add_session([ItemRecord("hydrate", "done")], note="the only one")
    store.set_outcome(session.id, Outcome(False))
    return store


def table(app: CrampApp) -> LineTable:
    """The History table."""
    return app.query_one("#history-table", LineTable)


def labels(app: CrampApp) -> list[str]:
    """The History table's column headings."""
    return [str(column.label) for column in table(app).columns.values()]


def footer_keys(pilot: Pilot[int]) -> set[str]:
    """The keys the footer shows right now."""
    return {
        binding.key
        for (_node, binding, enabled, _tooltip) in pilot.app.active_bindings.values()
        if binding.show and enabled
    }


async def test_undo_after_deleting_the_only_session(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    one_session(path)
    app = app_on(path, FakeWallClock(NOW))
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")  # Delete
        await wait_until(pilot, lambda: not HistoryStore(path).count(), "the deletion")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the dialog to close")
        assert "u" in footer_keys(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: HistoryStore(path).count() == 1, "the undo")
        await wait_until(pilot, lambda: table(app).row_count == 1, "the row back")
        assert app.focused is table(app)
    assert [s.note for s in HistoryStore(path).sessions()] == ["the only one"]


def history_pane(app: CrampApp) -> HistoryPane:
    """The History pane (built the first time its tab opens)."""
    return app.query_one(HistoryPane)


async def test_a_hidden_table_follows_resizes_on_another_tab(tmp_path: Path) -> None:
    """Once built, and after a resize on another tab, the table already fits."""
    app = seeded_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        assert "Note" in labels(app)
        await pilot.press("1")
        await wait_for_focus(pilot, "#cause-list")
        assert history_pane(app).has_class("-wide")
        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: "Note" not in labels(app), "the note column to go")
        assert not history_pane(app).has_class("-wide")
        await pilot.resize_terminal(*LARGE)
        await wait_until(pilot, lambda: "Note" in labels(app), "the note column to return")
        assert history_pane(app).has_class("-wide")


async def test_the_first_frame_of_the_tab_has_every_column(tmp_path: Path) -> None:
    """Every layout that shows the History tab shows it complete (no late columns)."""
    app = seeded_app(tmp_path)
    seen: list[tuple[list[str], bool]] = []

    def record(_screen: object) -> None:
        pane = history_pane(app)
        if pane.region.width:
            seen.append((labels(app), pane.has_class("-wide")))

    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, record, immediate=True)
        await pilot.resize_terminal(*LARGE)
        await wait_until(pilot, lambda: app.size.width == LARGE[0], "the resize")
        await pilot.press("4")
        await wait_until(pilot, lambda: seen, "the History tab to be laid out")
    assert seen[0] == (["When", "Checklist", "Outcome", "Cramps", "Note"], True)


def row_text(app: CrampApp, index: int) -> list[str]:
    """The plain text of History table row ``index``."""
    return [str(getattr(cell, "plain", cell)) for cell in table(app).get_row_at(index)]


async def confirm_delete(pilot: Pilot[int]) -> None:
    """Press d, then choose Delete in the confirmation."""
    await pilot.press("d")
    await wait_for_screen(pilot, ConfirmScreen)
    await wait_for_focus(pilot, "#confirm-no")
    await pilot.press("left", "enter")
    await wait_for_screen_gone(pilot, ConfirmScreen)


async def test_a_cramp_logged_on_its_own_is_shown_and_can_be_taken_back(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    one_session(path)  # a day old: an F2 now belongs to no session
    app = app_on(path, FakeWallClock(NOW))
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("f2")
        await wait_for_screen(pilot, CrampingNowScreen)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)
        assert len(HistoryStore(path).loose_episodes()) == 1
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        assert table(app).row_count == 2
        assert row_text(app, 0)[:3] == ["Wed 02 Dec 12:30", "cramp on its own", "cramp"]
        assert "1 cramp on its own" in str(app.query_one("#history-summary").render())

        await confirm_delete(pilot)  # a mistaken F2
        await wait_until(pilot, lambda: table(app).row_count == 1, "the cramp to go")
        assert HistoryStore(path).loose_episodes() == []
        assert HistoryStore(path).count() == 1
        await pilot.press("u")
        assert table(app).row_count == 2
        assert row_text(app, 0)[1] == "cramp on its own"
    assert len(HistoryStore(path).loose_episodes()) == 1
