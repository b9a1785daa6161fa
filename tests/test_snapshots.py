"""How each screen looks, at 60×20, 80×24 and a larger size (pytest-textual-snapshot)."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from crampui.history import HistoryStore, ItemRecord
from crampui.ui.app import CrampApp
from tests.clocks import FakeWallClock
from tests.seeded import NOW, seed_history, seeded_app
from tests.snapshots import LARGE, SMALL, TINY, SnapCompare, press_then_hold_still

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])
def test_cause_browser(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app(), terminal_size=size, run_before=press_then_hold_still())


@pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])
def test_red_flag_cause(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = press_then_hold_still(*"nerve", "enter")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_cause_filter_without_matches(snap_compare: SnapCompare) -> None:
    run_before = press_then_hold_still(*"xyzzy")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [TINY, SMALL, LARGE], ids=["60x20", "80x24", "120x36"])
def test_faq_with_query(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = press_then_hold_still("2", *"how many seconds")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_faq_empty_query(snap_compare: SnapCompare) -> None:
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=press_then_hold_still("2"))


def test_faq_no_results(snap_compare: SnapCompare) -> None:
    run_before = press_then_hold_still("2", "slash", *"qwxzv jjjj")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [TINY, SMALL], ids=["60x20", "80x24"])
def test_help_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app(), terminal_size=size, run_before=press_then_hold_still("?"))


def app_missing_an_outcome() -> CrampApp:
    """The seeded app whose last session, an hour ago, has no outcome yet."""
    directory = Path(tempfile.mkdtemp(prefix="crampui-notice-"))
    seed_history(directory / "history.json")
    store = HistoryStore(directory / "history.json", clock=FakeWallClock(NOW - timedelta(hours=1)))
    store.add_session([ItemRecord("hydrate", "done")])
    return seeded_app(directory)


@pytest.mark.parametrize("size", [TINY, SMALL], ids=["60x20", "80x24"])
def test_launch_notice_for_a_missing_outcome(
    snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    run_before = press_then_hold_still(*"cold")  # typed keys go on to the tab beneath
    assert snap_compare(app_missing_an_outcome(), terminal_size=size, run_before=run_before)


def test_cause_browser_light_theme(snap_compare: SnapCompare) -> None:
    app = seeded_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SMALL, run_before=press_then_hold_still(*"warm"))
