"""A tab that reads the history switches at once and fills when the history is open."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Static

from crampui.ui.app import CrampApp
from crampui.ui.panes.base import tab_content
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.filter_history import FilterHistoryScreen
from crampui.ui.widgets.deferred import OPENING_MESSAGE, Opening
from crampui.ui.widgets.tabbed import Tabbed
from tests.waiting import wait_for_focus, wait_until

pytestmark = pytest.mark.ui

HOLD_S = 10.0
"""How long the held-back store waits for the test at most (today's code waits it out)."""


@pytest.fixture
def held_store(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The store's opening held back until the test sets the first event; the second is set
    once the opening has begun."""
    release, opening = threading.Event(), threading.Event()
    open_store = CrampApp.open_store

    def held_open(app: CrampApp) -> object:
        opening.set()
        release.wait(HOLD_S)
        return open_store(app)

    monkeypatch.setattr(CrampApp, "open_store", held_open)
    yield release, opening
    release.set()


def placeholder_shown(app: CrampApp, tab: str) -> bool:
    """Whether tab ``tab`` is shown with only its "Opening your history…" placeholder."""
    tabs = app.query_one(Tabbed)
    pane = tabs.get_pane(tab)
    shown = list(pane.children)
    return (
        tabs.active == tab
        and len(shown) == 1
        and isinstance(shown[0], Opening)
        and str(shown[0].render()) == OPENING_MESSAGE
        and shown[0].region.height > 0
    )


@pytest.mark.parametrize(
    ("key", "tab", "content"), [("3", "checklist", ChecklistPane), ("4", "history", HistoryPane)]
)
async def test_a_history_tab_switches_at_once_and_fills_once_the_history_is_open(
    tmp_path: Path,
    held_store: tuple[threading.Event, threading.Event],
    key: str,
    tab: str,
    content: type[Widget],
) -> None:
    release, opening = held_store
    app = CrampApp(db_path=str(tmp_path / "history.json"))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, opening.is_set, "the launch checks to open the history")
        await pilot.press(key)
        await wait_until(pilot, lambda: placeholder_shown(app, tab), f"the {tab} placeholder")
        assert app.store is None, "shown while the history is still being opened"
        await pilot.press("1")
        await wait_for_focus(pilot, "#cause-list")
        assert app.query_one(Tabbed).active == "causes"
        await pilot.press(key)  # again: shown at once, not built a second time
        await wait_until(pilot, lambda: placeholder_shown(app, tab), f"the {tab} placeholder")
        assert app.store is None, "shown again while the history is still being opened"
        assert list(app.filling) == [tab], "one build, however often the tab is shown"
        release.set()
        pane = app.query_one(Tabbed).get_pane(tab)
        await wait_until(
            pilot, lambda: isinstance(tab_content(pane), content), f"the {tab} content"
        )
        assert not pane.query_children(Opening), "the placeholder is gone"
        await wait_until(
            pilot,
            lambda: app.focused is not None and pane in app.focused.ancestors_with_self,
            f"focus in the filled {tab} tab",
        )


async def test_a_history_that_cannot_be_opened_replaces_the_placeholder(
    tmp_path: Path, held_store: tuple[threading.Event, threading.Event]
) -> None:
    release, opening = held_store
    folder = tmp_path / "history.json"
    folder.mkdir()  # a folder where the history file should be: it cannot be opened
    app = CrampApp(db_path=str(folder))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, opening.is_set, "the launch checks to open the history")
        await pilot.press("4")
        await wait_until(pilot, lambda: placeholder_shown(app, "history"), "the placeholder")
        assert app.store_error is None, "shown before the history was tried"
        release.set()
        pane = app.query_one(Tabbed).get_pane("history")

        def says_why() -> bool:
            shown = list(pane.children)
            return (
                len(shown) == 1
                and not isinstance(shown[0], Opening)
                and isinstance(shown[0], Static)
                and "could not be opened" in str(shown[0].render())
            )

        await wait_until(pilot, says_why, "the History tab to say the history cannot be opened")


async def test_quitting_works_while_a_history_tab_waits_for_the_history(
    tmp_path: Path, held_store: tuple[threading.Event, threading.Event]
) -> None:
    release, opening = held_store
    app = CrampApp(db_path=str(tmp_path / "history.json"))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, opening.is_set, "the launch checks to open the history")
        await pilot.press("4")
        await wait_until(pilot, lambda: placeholder_shown(app, "history"), "the placeholder")
        await pilot.press("q")
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")
        assert app.store is None, "quit while the history was still being opened"
        release.set()
    assert app.return_code == 0


async def test_a_palette_action_in_a_history_tab_runs_once_the_tab_is_filled(
    tmp_path: Path, held_store: tuple[threading.Event, threading.Event]
) -> None:
    release, opening = held_store
    app = CrampApp(db_path=str(tmp_path / "history.json"))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, opening.is_set, "the launch checks to open the history")
        await app.run_action("run_in_tab('history', 'filter')")  # Find in history
        await wait_until(pilot, lambda: placeholder_shown(app, "history"), "the placeholder")
        assert len(app.screen_stack) == 1, "not run before the tab is filled"
        release.set()
        await wait_until(
            pilot, lambda: isinstance(app.screen, FilterHistoryScreen), "Find in history"
        )
