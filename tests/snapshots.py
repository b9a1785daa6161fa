"""What every snapshot test shares: sizes, and a screen held still before it is taken.

A snapshot is taken only once the app has settled (deferred panes built, workers done,
animations finished) and no input cursor is blinking, so the same keys give the same image on
an idle laptop and on a busy CI machine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.waiting import wait_for_app_ready

SnapCompare = Callable[..., bool]
SMALL = (80, 24)
LARGE = (120, 36)
TINY = (60, 20)
PHONE = (42, 40)
"""Columns and rows of a phone held upright (``crampui serve`` in its browser at 16 px)."""

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def hold_still(pilot: Pilot[Any]) -> None:
    """Wait until the app has settled, then stop every cursor blinking (shown, not blinking)."""
    await wait_for_app_ready(pilot)
    await pilot.wait_for_scheduled_animations()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await wait_for_app_ready(pilot)


def press_then_hold_still(*keys: str, before: RunBefore | None = None) -> RunBefore:
    """A run_before hook: wait for start-up, run ``before``, press ``keys``, hold still.

    A key of the form ``"text:..."`` types that text.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for_app_ready(pilot)
        if before is not None:
            await before(pilot)
        for key in keys:
            if key.startswith("text:"):
                await pilot.press(*key.removeprefix("text:"))
            else:
                await pilot.press(key)
        await hold_still(pilot)

    return run_before
