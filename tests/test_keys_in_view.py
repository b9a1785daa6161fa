"""Every key reachable at 80x24 and 60x20 (issue 27.7): in the footer, or on a key line."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.ui.app import CrampApp
from crampui.ui.widgets.app_footer import AppFooter
from tests.seeded import seeded_app
from tests.snapshots import SMALL, TINY
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZES = pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])


def in_view(app: CrampApp, selector: str) -> str:
    """The text of a line of keys, if all of it is on screen, wrapped or not ("" if cut)."""
    widget = app.query_one(selector, Static)
    lines = str(widget.render()).splitlines()
    width = widget.content_size.width
    if not widget.display or not width:
        return ""
    rows = sum(max(1, math.ceil(len(line) / width)) for line in lines)
    on_screen = widget.region.bottom <= app.screen.region.bottom - 1  # above the footer
    return " ".join(lines) if widget.content_size.height >= rows and on_screen else ""


def footer(app: CrampApp) -> str:
    """The footer's keys, as "key description" pairs."""
    return " · ".join(
        f"{key.key_display} {key.description.lower()}"
        for key in app.screen.query_one(AppFooter).shown()
    )


async def open_tab(pilot: Pilot[int], key: str, focus: str) -> None:
    """Wait for the app, then open a tab."""
    await wait_for_app_ready(pilot)
    await pilot.press(key)
    await wait_for_focus(pilot, focus)


@SIZES
async def test_every_checklist_key_is_in_view(tmp_path: Path, size: tuple[int, int]) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_tab(pilot, "3", "#checklist-items")
        await wait_until(pilot, lambda: in_view(app, "#checklist-keys"), "the key line")
        shown = footer(app) + " · " + in_view(app, "#checklist-keys")
        for key in ("space tick", "s skip", "ctrl+s save", "o outcome", "t timer", "c customise"):
            assert key in shown, key
        for key in ("e note", "n new run", "f2 cramp now", "? help", "q quit"):
            assert key in shown, key
        assert app.query_one("#checklist-keys").region.height == 1  # one line, never wrapped


@SIZES
async def test_every_history_key_is_in_view_with_a_target(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = seeded_app(tmp_path)
    app.settings = replace(app.settings, weekly_target=3)
    async with app.run_test(size=size) as pilot:
        await open_tab(pilot, "4", "#history-table")
        await wait_until(pilot, lambda: in_view(app, "#history-target"), "the target line")
        shown = footer(app) + " · " + in_view(app, "#history-target")
        for key in ("t/T target", "r report", "c cramp log", "a add past", "/ find"):
            assert key in shown, key
        for key in ("o outcome", "e edit", "d delete", "f2 cramp now", "? help", "q quit"):
            assert key in shown, key
