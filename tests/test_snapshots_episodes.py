"""How the cramp log looks: the Episodes view and the cramping-now screen's mistake offer."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from crampui.history import CrampEpisode, HistoryStore
from crampui.ui.app import CrampApp
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.episodes import EpisodesScreen
from tests.seeded import NOW, seed_history, seeded_app
from tests.snapshots import LARGE, SMALL, SnapCompare, hold_still
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])


def app_with_a_loose_cramp() -> CrampApp:
    """The seeded app, plus a cramp logged on its own three hours before its "now"."""
    directory = Path(tempfile.mkdtemp(prefix="crampui-episodes-"))
    seed_history(directory / "history.json")
    HistoryStore(directory / "history.json").add_episode(CrampEpisode(NOW - timedelta(hours=3)))
    return seeded_app(directory)


async def open_episodes(pilot: Pilot[Any]) -> None:
    """History tab, c, then hold still."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")
    await wait_for_focus(pilot, "#history-table, #history-empty")
    await pilot.press("c")
    await wait_for_screen(pilot, EpisodesScreen)
    await hold_still(pilot)


async def offer_the_mistake(pilot: Pilot[Any]) -> None:
    """F2, wait until the cramp is logged and the mistake button shows, then hold still."""
    await wait_for_app_ready(pilot)
    await pilot.press("f2")
    screen = await wait_for_screen(pilot, CrampingNowScreen)
    await wait_until(pilot, lambda: screen.episode is not None, "the cramp to be logged")
    await hold_still(pilot)


@SIZES
def test_episodes_view(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(app_with_a_loose_cramp(), terminal_size=size, run_before=open_episodes)


def test_episodes_view_empty(snap_compare: SnapCompare) -> None:
    app = seeded_app(seed=False)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_episodes)


@SIZES
def test_cramping_now_offers_that_was_a_mistake(
    snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    assert snap_compare(seeded_app(), terminal_size=size, run_before=offer_the_mistake)
