"""The help screen (Pilot): it scrolls with the keyboard at once and lists every key."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from crampui.ui.app import CrampApp
from crampui.ui.panes.causes import CausesPane
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.faq import FaqPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.help import KEYS, HelpScreen
from crampui.ui.screens.timer import TimerScreen
from tests.waiting import wait_for_app_ready, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

SHOWN_AS = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}
"""How the help writes keys whose Textual names are words."""

WHERE = {
    "Everywhere": CrampApp.BINDINGS,
    "Causes": CausesPane.BINDINGS,
    "FAQ": FaqPane.BINDINGS,
    "Checklist": ChecklistPane.BINDINGS,
    "History": HistoryPane.BINDINGS,
    "Hold timer": TimerScreen.BINDINGS,
    "Cramping now": CrampingNowScreen.BINDINGS,
    "Help": HelpScreen.BINDINGS,
}
"""Each section of the help, and the bindings it must cover."""


def bound_keys(bindings: list[BindingType]) -> set[str]:
    """Every key of ``bindings``, written as the help writes it."""
    keys: set[str] = set()
    for binding in bindings:
        assert isinstance(binding, Binding)
        keys.update(shown_as(key) for key in binding.key.split(","))
    return keys


def shown_as(key: str) -> str:
    """``key`` as the help writes it: alt+1 to alt+4 as one "alt+1…4"."""
    if re.fullmatch(r"alt\+[1-4]", key):
        return "alt+1…4"
    return SHOWN_AS.get(key, key)


def listed_keys(section: str) -> set[str]:
    """The keys the help lists in ``section`` (and everywhere)."""
    rows = [row for title, rows in KEYS if title in (section, "Everywhere") for row in rows]
    return {word for key, _ in rows for word in re.split(r"[\s,]+", key)} - {"or"}


@pytest.mark.parametrize("section", list(WHERE))
def test_help_lists_every_key(section: str) -> None:
    assert section in [title for title, _ in KEYS]
    assert bound_keys(WHERE[section]) <= listed_keys(section)


@pytest.mark.parametrize("key", ["down", "pagedown", "end"])
async def test_help_scrolls_with_the_keyboard_straight_away(key: str) -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        body = help_screen.query_one("#help-body", VerticalScroll)
        await wait_until(pilot, lambda: body.max_scroll_y > 0, "the help to overflow")
        await pilot.press(key)
        await wait_until(pilot, lambda: body.scroll_y > 0, f"{key} to scroll the help")
        await pilot.press("home")
        await wait_until(pilot, lambda: body.scroll_y == 0, "home to scroll back")
