"""How each screen looks, at 80×24 and at a larger size (pytest-textual-snapshot)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.seeded import seeded_app

pytestmark = pytest.mark.ui

SnapCompare = Callable[..., bool]
SMALL = (80, 24)
LARGE = (120, 36)


async def settle(pilot: Pilot[Any]) -> None:
    """Let deferred panes mount and the screen settle."""
    await pilot.pause()
    await pilot.pause()


def keys_then_settle(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A run_before hook that waits for start-up, presses ``keys`` and settles."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_cause_browser(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app(), terminal_size=size, run_before=keys_then_settle())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_red_flag_cause(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = keys_then_settle(*"nerve", "enter")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_cause_filter_without_matches(snap_compare: SnapCompare) -> None:
    run_before = keys_then_settle(*"xyzzy")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_faq_with_query(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run_before = keys_then_settle("2", *"how many seconds")
    assert snap_compare(seeded_app(), terminal_size=size, run_before=run_before)


def test_faq_empty_query(snap_compare: SnapCompare) -> None:
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=keys_then_settle("2"))


def test_faq_no_results(snap_compare: SnapCompare) -> None:
    run_before = keys_then_settle("2", *"qwxzv jjjj")
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=run_before)


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(seeded_app(), terminal_size=SMALL, run_before=keys_then_settle("?"))


def test_cause_browser_light_theme(snap_compare: SnapCompare) -> None:
    app = seeded_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle(*"warm"))
