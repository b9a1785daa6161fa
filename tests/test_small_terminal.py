"""At 60×20 the app frame, Causes, FAQ, help, timer, cramping-now and launch notice stay usable;
the footer keeps its important keys at 80×24 too."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from crampui.history import HistoryStore, ItemRecord
from crampui.ui.app import CrampApp
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.help import HelpScreen
from crampui.ui.screens.timer import TimerScreen
from tests.clocks import FakeWallClock
from tests.seeded import NOW, seeded_app
from tests.snapshots import TINY
from tests.waiting import wait_for_app_ready, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

WIDTH, HEIGHT = TINY


def screen_lines(app: CrampApp) -> list[str]:
    """The text of every line on the terminal, as drawn."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer(app: CrampApp) -> str:
    """The footer line."""
    return screen_lines(app)[-1]


async def shows(pilot: Pilot[Any], *texts: str) -> list[str]:
    """Wait until every one of ``texts`` is drawn on the terminal; return its lines."""
    app = pilot.app
    assert isinstance(app, CrampApp)
    await wait_until(
        pilot,
        lambda: all(text in "\n".join(screen_lines(app)) for text in texts),
        f"{texts} on the screen",
    )
    return screen_lines(app)


@pytest.mark.parametrize("size", [TINY, (80, 24)], ids=["60x20", "80x24"])
@pytest.mark.parametrize("tab", ["1", "3", "4"])
async def test_header_and_footer_keep_help_quit_and_cramp_now(
    tab: str, size: tuple[int, int]
) -> None:
    """Where not every key fits (the Checklist has nine), keys are left out from the end, never
    these three, and none is cut off the edge."""
    app = seeded_app()
    async with app.run_test(size=size) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press(tab)
        lines = await shows(pilot, "? for help")
        assert "? for help" in lines[0]
        await wait_until(pilot, lambda: "q Quit" in footer(app), "q Quit in the footer")
        assert "? Help" in footer(app) and "f2 Cramp now" in footer(app)
        assert footer(app).rstrip().endswith("q Quit")


async def test_the_timer_keeps_close_cramp_and_help_in_view() -> None:
    app = seeded_app()
    async with app.run_test(size=TINY) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3", "t")
        await wait_for_screen(pilot, TimerScreen)
        lines = await shows(pilot, "esc Close")
        assert "? for help" in lines[0]
        for key in ("esc Close", "f2 Cramp now", "space Pause", "? Help"):
            assert key in footer(app)
        assert any("from the next hold on" in line for line in lines)


async def test_help_wraps_descriptions_beside_their_keys() -> None:
    app = seeded_app()
    async with app.run_test(size=TINY) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        keys = help_screen.query_one("#help-keys", Static)
        await wait_until(pilot, lambda: keys.size.width > 0, "the key table laid out")
        lines = [keys.render_line(y).text.rstrip() for y in range(keys.size.height)]
        ctrl_p = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ctrl+p"))
        description_column = lines[ctrl_p].index("Palette")
        follow_on = lines[ctrl_p + 1]
        assert follow_on[:description_column].strip() == ""  # under the description,
        assert follow_on.strip().startswith("question")  # not back under the key
        assert all(len(line) <= keys.size.width for line in lines)


async def test_the_launch_notice_fits_with_both_buttons(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW - timedelta(hours=3)))
    store.add_session([ItemRecord("hydrate", "done")])
    app = seeded_app(tmp_path, seed=False)
    async with app.run_test(size=TINY) as pilot:
        await wait_for_app_ready(pilot)
        lines = await shows(pilot, "has no outcome yet.", "Add outcome", "Later")
        assert "q Quit" in lines[-1]
        notice = app.query_one("#outcome-notice")
        assert notice.region.height <= 3  # the tabs keep most of the screen
        for button in ("#outcome-notice-add", "#outcome-notice-later"):
            assert app.screen.region.contains_region(app.query_one(button).region)


async def test_cramping_now_keeps_its_close_button_on_screen() -> None:
    app = seeded_app()
    async with app.run_test(size=TINY) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, CrampingNowScreen)
        ok = screen.query_one("#cramp-ok")
        await wait_until(pilot, lambda: ok.region.height > 0, "the button laid out")
        assert screen.region.contains_region(ok.region)
