"""How the Checklist and History tabs and their dialogs look (pytest-textual-snapshot)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from crampui.content.store import default_content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.red_flags import RedFlagsScreen
from tests.pane_harness import START, Clock, PaneApp, seed_history
from tests.snapshots import LARGE, SMALL, TINY, RunBefore, SnapCompare, press_then_hold_still

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
SMALL_SIZES = pytest.mark.parametrize("size", [TINY, SMALL], ids=["60x20", "80x24"])
"""The dialogs at the smallest supported terminal and at 80x24."""


pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@pytest.fixture(autouse=True)
def advice_stays_locked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the red-flag advice button locked for the whole snapshot."""
    monkeypatch.setattr(RedFlagsScreen, "UNLOCK_SECONDS", 1000.0)


def checklist_app(tmp_path: Path) -> PaneApp:
    """The Checklist tab, with one earlier session that has no outcome yet."""
    store = HistoryStore(tmp_path / "history.json", clock=Clock(START))
    store.add_session([ItemRecord(item.id, "done") for item in default_content().checklist])
    return PaneApp(lambda: ChecklistPane(default_content(), store))


def history_app(tmp_path: Path, loose_cramp: bool = False) -> PaneApp:
    """The History tab on 26 seeded sessions over six weeks (and a cramp logged on its own
    after the last one, if ``loose_cramp``)."""
    ids = [item.id for item in default_content().checklist]
    store, _clock = seed_history(tmp_path / "history.json", ids)
    if loose_cramp:
        store.add_episode(CrampEpisode(START - timedelta(hours=2), side="left"))
    pane = HistoryPane(default_content(), store, today=lambda: START.date())
    return PaneApp(lambda: pane, tab="History")


async def focus_pane(pilot: Pilot[Any]) -> None:
    """Focus the pane's main widget, as the app does when its tab is shown."""
    for pane in pilot.app.query("ChecklistPane, HistoryPane"):
        assert isinstance(pane, (ChecklistPane, HistoryPane))
        pane.default_focus().focus()


def keys(*pressed: str) -> RunBefore:
    """A run_before hook: focus the pane, press ``pressed`` ("text:..." types text), hold still."""
    return press_then_hold_still(*pressed, before=focus_pane)


MID_RUN = ("space", "down", "space", "down", "s", "text:no time", "enter", "down", "space", "up")
"""Two items done, warm-up skipped with a reason, one more done, cursor on the skipped item."""


@pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])
def test_checklist_mid_run(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = checklist_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=keys(*MID_RUN))


def test_checklist_red_flag_item(snap_compare: SnapCompare, tmp_path: Path) -> None:
    run_before = keys(*["down"] * (len(default_content().checklist) - 1))
    assert snap_compare(checklist_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


@SMALL_SIZES
def test_skip_reason_dialog(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("down", "down", "s", "text:no time")
    assert snap_compare(checklist_app(tmp_path), terminal_size=size, run_before=run_before)


@SMALL_SIZES
def test_outcome_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    # yes, 7, lower back, left, spread into the thigh (the nerve advice shows at once)
    place = ("tab", "right", "right", "tab", "space", "tab", "right", "right")
    run_before = keys("o", "y", "tab", "7", *place, "tab", "text:a band")
    assert snap_compare(checklist_app(tmp_path), terminal_size=size, run_before=run_before)


@SMALL_SIZES
def test_red_flag_questions(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("o", "y", "tab", "7", "enter", "n", "y")
    assert snap_compare(checklist_app(tmp_path), terminal_size=size, run_before=run_before)


@SMALL_SIZES
def test_red_flag_advice(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    answers = ("n",) * 5 + ("y",) + ("n",) * 4  # down one leg: the soon tier
    run_before = keys("o", "y", "tab", "7", "enter", *answers, "enter")
    assert snap_compare(checklist_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])
def test_history(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = history_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=keys())


@SMALL_SIZES
def test_history_delete_confirmation(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = keys("down", "d")
    assert snap_compare(history_app(tmp_path), terminal_size=size, run_before=run_before)


@SMALL_SIZES
def test_history_cramp_on_its_own(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A cramp logged with F2 outside a session: its row, highlighted, and how to take it back."""
    app = history_app(tmp_path, loose_cramp=True)
    assert snap_compare(app, terminal_size=size, run_before=keys("down"))
