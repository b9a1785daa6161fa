"""How each screen looks, at 80×24 and at a larger size (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from tests.seeded import seeded_app
from tests.snapshots import LARGE, SMALL, SnapCompare, press_then_hold_still

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_cause_browser(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app(), terminal_size=size, run_before=press_then_hold_still())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_red_flag_cause(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = press_then_hold_still(*"nerve", "enter")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_cause_filter_without_matches(snap_compare: SnapCompare) -> None:
    run_before = press_then_hold_still(*"xyzzy")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_faq_with_query(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = press_then_hold_still("2", *"how many seconds")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_faq_empty_query(snap_compare: SnapCompare) -> None:
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=press_then_hold_still("2"))


def test_faq_no_results(snap_compare: SnapCompare) -> None:
    run_before = press_then_hold_still("2", *"qwxzv jjjj")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=press_then_hold_still("?"))


def test_cause_browser_light_theme(snap_compare: SnapCompare) -> None:
    app = seeded_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SMALL, run_before=press_then_hold_still(*"warm"))
