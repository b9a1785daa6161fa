"""How finding things looks: the cause filter's states, related questions, scrolled results."""

from __future__ import annotations

import pytest

from tests.seeded import seeded_app
from tests.snapshots import LARGE, SMALL, TINY, SnapCompare, press_then_hold_still

pytestmark = pytest.mark.ui

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE, TINY], ids=["80x24", "120x36", "60x20"])


@SIZES
def test_cause_filter_no_match_by_the_box(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The message sits under the filter box and the detail pane is empty."""
    run_before = press_then_hold_still("text:zzqx")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_cause_filter_by_number(snap_compare: SnapCompare) -> None:
    """Typing a cause's number lists that cause."""
    run_before = press_then_hold_still("9")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_related_question_highlighted(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Tab into a cause's related questions, then down: the chosen one is highlighted."""
    run_before = press_then_hold_still("text:overstretch", "enter", "enter", "tab", "down")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])
def test_faq_results_scrolled(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Scrolled results keep every line of a question that wraps to three lines."""
    run_before = press_then_hold_still("2", "text:stretch", *["down"] * 9)
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)
