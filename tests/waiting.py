"""One helper for each kind of wait, shared by every test: wait on a condition, never on time.

CI runs on a busy 2-core machine, so nothing here assumes how long anything takes: each helper
checks its condition, lets the app (or the other process) run, and checks again until the
condition holds or a generous deadline passes, then fails naming what it waited for.
Real-terminal waits (screen text in tmux) live in ``tests/e2e/tmux.py``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

DEADLINE = 20.0
"""Seconds to wait for any condition before failing; far beyond what an idle machine needs."""

POLL = 0.01
"""Seconds between two checks of a condition the app cannot announce."""

T = TypeVar("T")
ScreenT = TypeVar("ScreenT", bound=Screen[Any])
WidgetT = TypeVar("WidgetT", bound=Widget)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], T | None], what: str, timeout: float = DEADLINE
) -> T:
    """Let the app run until ``condition()`` is truthy and return its value.

    Fails with ``what`` in the message if it is still falsy after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(POLL)


async def wait_for_workers(pilot: Pilot[Any]) -> None:
    """Wait until the app's workers have finished and their results have been handled.

    A worker waiting for the user's answer to a dialog it opened (``push_screen_wait``) counts
    as idle while that dialog is open: it cannot finish until a key is pressed.
    """

    def idle() -> bool:
        app = pilot.app
        awaiting_answer = len(app.screen_stack) > 1
        return awaiting_answer or not any(worker.is_running for worker in app.workers)

    await wait_until(pilot, idle, "the app's workers to finish")


async def wait_for_screen(pilot: Pilot[Any], screen_type: type[ScreenT]) -> ScreenT:
    """Wait until the active screen is a mounted ``screen_type`` and return it."""

    def active() -> ScreenT | None:
        screen = pilot.app.screen
        return screen if isinstance(screen, screen_type) and screen.is_mounted else None

    return await wait_until(pilot, active, f"a {screen_type.__name__} on screen")


async def wait_for_screen_gone(pilot: Pilot[Any], screen_type: type[Screen[Any]]) -> None:
    """Wait until no ``screen_type`` is left on the screen stack."""
    await wait_until(
        pilot,
        lambda: not any(isinstance(screen, screen_type) for screen in pilot.app.screen_stack),
        f"the {screen_type.__name__} to close",
    )


async def wait_for_widget(
    pilot: Pilot[Any], selector: str | type[WidgetT], expect_type: type[WidgetT] | None = None
) -> WidgetT:
    """Wait until a widget matching ``selector`` is mounted on the active screen; return it."""

    def found() -> Any:
        try:
            if isinstance(selector, str):
                widget = pilot.app.screen.query_one(selector, expect_type or Widget)
            else:
                widget = pilot.app.screen.query_one(selector)
        except NoMatches:
            return None
        return widget if widget.is_mounted else None

    name = selector if isinstance(selector, str) else selector.__name__
    widget: WidgetT = await wait_until(pilot, found, f"{name} to be mounted")
    return widget


async def wait_for_focus(pilot: Pilot[Any], selector: str) -> Widget:
    """Wait until the focused widget matches ``selector``; return it."""

    def focused() -> Widget | None:
        widget = pilot.app.focused
        return widget if widget is not None and widget in pilot.app.screen.query(selector) else None

    return await wait_until(pilot, focused, f"focus on {selector}")


async def wait_for_palette_hit(pilot: Pilot[Any], query: str, hit: str) -> None:
    """Wait until the open command palette has searched for ``query`` and highlights ``hit``.

    The palette searches in a worker; ``hit`` is how the highlighted command's text begins.
    """
    from textual.command import Command, CommandInput, CommandList, CommandPalette

    def highlighted() -> bool:
        palette = pilot.app.screen
        if not isinstance(palette, CommandPalette) or not palette.is_mounted:
            return False
        searching = any(not w.is_finished for w in pilot.app.workers if w.node is palette)
        if searching or palette.query_one(CommandInput).value != query:
            return False
        commands = palette.query_one(CommandList)
        index = commands.highlighted
        option = None if index is None else commands.get_option_at_index(index)
        return isinstance(option, Command) and str(option.hit.text).startswith(hit)

    await wait_until(pilot, highlighted, f"the command palette to offer {hit!r} for {query!r}")


async def wait_for_app_ready(pilot: Pilot[Any]) -> None:
    """Wait until the history is open and the launch checks have run.

    That is the app's own ``ready`` event, then its workers. The hidden tabs are built
    when first shown, not by then.
    """
    ready = pilot.app.ready  # type: ignore[attr-defined]
    await wait_until(pilot, ready.is_set, "the app to be ready (history open, checks run)")
    await wait_for_workers(pilot)


def wait_for(
    condition: Callable[[], T | None],
    what: str,
    timeout: float = DEADLINE,
    interval: float = POLL,
) -> T:
    """Wait (outside an event loop) until ``condition()`` is truthy and return its value.

    Checks every ``interval`` seconds; fails with ``what`` in the message after ``timeout``.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def wait_for_file(
    path: Path,
    condition: Callable[[Path], bool] = Path.exists,
    what: str = "",
    timeout: float = DEADLINE,
) -> None:
    """Wait (outside an event loop) until ``condition(path)`` holds, e.g. a file was written."""
    wait_for(lambda: condition(path), what or str(path), timeout)
