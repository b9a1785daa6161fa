"""A tab switch shows the tab as it was: no pane is built again, and a line whose text did not
change is not laid out again (each layout costs the switch a pass over the screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from crampui.history import HistoryStore
from crampui.ui.app import CrampApp
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.widgets.tabbed import Tabbed
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_workers, wait_until

pytestmark = pytest.mark.ui

TAB_KEYS = (
    ("2", "#faq-results"),
    ("3", "#checklist-items"),
    ("4", "#history-table"),
    ("1", "#cause-list"),
)
"""Each tab key and the widget it focuses."""


async def every_tab(pilot: Pilot[Any]) -> None:
    """Press 2, 3, 4 and 1, each once its tab has focus, then let what they set off finish."""
    for key, focus in TAB_KEYS:
        await pilot.press(key)
        await wait_for_focus(pilot, focus)
        await wait_for_workers(pilot)


def pane_widgets(app: CrampApp) -> list[Widget]:
    """Every widget inside the four tabs' panes."""
    return list(app.query_one(Tabbed).query("TabPanel *"))


def app_with_a_session(tmp_path: Path) -> CrampApp:
    """The app on a history of one session (a last run for the Checklist, a History row)."""
    db = tmp_path / "history.json"
    HistoryStore(db).add_session([])
    return CrampApp(db_path=str(db))


async def test_tab_switches_rebuild_nothing_and_leave_unchanged_lines_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_with_a_session(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await every_tab(pilot)  # each tab built once
        checklist = app.query_one(ChecklistPane)
        await wait_until(pilot, lambda: checklist.last_run is not None, "the last run read")
        built = pane_widgets(app)
        updates: list[str] = []
        for line_id in ("#checklist-last-run", "#checklist-keys"):
            line = checklist.query_one(line_id, Static)
            update = line.update

            def counted(*args: Any, _line_id: str = line_id, _update: Any = update) -> None:
                updates.append(_line_id)
                _update(*args)

            monkeypatch.setattr(line, "update", counted)
        for _round in range(2):
            await every_tab(pilot)
        assert pane_widgets(app) == built, "a tab switch rebuilt widgets"
        assert updates == [], "an unchanged line was laid out again"


async def test_a_tab_switch_does_not_repaint_the_whole_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_with_a_session(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await every_tab(pilot)  # each tab built once
        screen = app.screen
        refreshes: list[tuple[object, ...]] = []
        refresh = screen.refresh

        def counted(*regions: Any, **options: Any) -> Any:
            refreshes.append(regions)
            return refresh(*regions, **options)

        monkeypatch.setattr(screen, "refresh", counted)
        await every_tab(pilot)
        # The focus moved four times; only the widgets that changed were repainted (a
        # repaint of the whole screen went out as a frame of its own before the new tab).
        assert refreshes == []
