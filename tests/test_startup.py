"""Start-up: what the first screen does not need is left for later, and nothing is lost."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widget import Widget

from crampui.history import HistoryStore, ItemRecord
from crampui.ui.app import CrampApp
from crampui.ui.launch import start_app
from crampui.ui.panes.base import tab_content
from crampui.ui.widgets.line_table import LineTable
from tests.tabs import click_tab
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_until

pytestmark = pytest.mark.ui

PANES = Path(__file__).resolve().parent.parent / "crampui" / "ui" / "panes"


def pane_css_loaded(app: CrampApp) -> list[bool]:
    """Whether each tab's own style sheet is in the app's style sheet yet."""
    return [app.stylesheet.has_source(str(PANES / name), "") for name in CSS_NAMES]


CSS_NAMES = ("checklist.tcss", "history.tcss")


def test_start_app_freezes_only_what_the_imports_built(tmp_path: Path) -> None:
    """``start_app`` (what ``crampui`` runs, here in a fresh process) freezes the imports but
    not the app it creates, and leaves collection on."""
    script = (
        "import gc, sys; from crampui.ui.launch import start_app; "
        f"app = start_app({str(tmp_path / 'history.json')!r}); "
        "print(gc.isenabled(), gc.get_freeze_count() > 0, any(o is app for o in gc.get_objects()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr[-2000:]


async def test_the_app_changes_no_process_wide_setting(tmp_path: Path) -> None:
    """Started as ``crampui`` starts it and ready, collection is on and the thread switch
    interval is still Python's default."""
    interval = sys.getswitchinterval()
    app = start_app(str(tmp_path / "history.json"))
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for_app_ready(pilot)
            assert gc.isenabled()
            assert sys.getswitchinterval() == interval
    finally:
        gc.unfreeze()


async def test_tab_styles_are_read_when_their_panes_are_built(tmp_path: Path) -> None:
    """The first screen is styled without the Checklist and History sheets; they are read,
    once, when those panes are built, and their rules then apply."""
    app = CrampApp(db_path=str(tmp_path / "history.json"), settings_file=tmp_path / "s.json")
    assert CrampApp.CSS_PATH == "app.tcss"
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        assert pane_css_loaded(app) == [True, True]
        sources = [key for key in app.stylesheet.source if key[0].endswith(".tcss")]
        assert len(sources) == len(set(sources))
        app.load_pane_css()  # a second call reads nothing again
        assert [key for key in app.stylesheet.source if key[0].endswith(".tcss")] == sources
        await pilot.press("4")
        table = app.query_one("#history-table", LineTable)
        # Only history.tcss sets these on the table.
        assert table.styles.min_height is not None and table.styles.min_height.value == 4
        assert table.styles.scrollbar_gutter == "stable"


NOT_YET_NEEDED = (
    "argparse",  # the command line: a bare `crampui` goes straight to crampui.ui.launch
    "crampui.cli.main",
    "filelock",  # taken by the first save, not by reading the history
    "crampui.ui.screens.help",  # each screen is imported when it is first opened
    "crampui.ui.screens.timer",
    "crampui.ui.screens.cramping",
    "crampui.checklist.timer",  # the settings' limits are in crampui.hold_limits
)
IDLE_APP = f"""
import asyncio, sys
from crampui.ui.launch import start_app

async def idle() -> None:
    app = start_app(sys.argv[1])
    async with app.run_test(size=(100, 32)):
        await app.ready.wait()
        print(sorted(name for name in {NOT_YET_NEEDED!r} if name in sys.modules))

asyncio.run(idle())
"""


def test_the_idle_app_leaves_what_it_does_not_need_unimported(tmp_path: Path) -> None:
    """Started as ``crampui`` starts it, with a history that has a session, the app is ready
    (the history read, the launch checks run, the footer drawn) without the command line,
    the file lock or any screen not opened yet: each costs memory the idle app does not use."""
    path = tmp_path / "h.json"
    HistoryStore(path).add_session([ItemRecord("hydrate", "done")])
    found = subprocess.run(
        [sys.executable, "-c", IDLE_APP, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert found.stdout.strip() == "[]", found.stdout


class FirstFrameRecorder(CrampApp):
    """The app, noting what the hidden tabs hold when the first frame is up."""

    CSS_PATH = str(PANES.parent / "app.tcss")  # a relative path would be read from tests/

    def on_ready(self) -> None:
        """Runs before CrampApp.on_ready (Textual calls each class's handler in turn)."""
        self.at_first_frame = {
            pane: len(self.query_one(f"TabPanel#{pane}").children) for pane in HIDDEN_TABS
        }


HIDDEN_TABS = ("faq", "checklist", "history")


async def test_hidden_tabs_stay_empty_until_first_shown(tmp_path: Path) -> None:
    """No placeholder widgets on the first screen: the FAQ, Checklist and History panes are
    empty until their tab is first shown (still so once the app is ready), then each holds
    its tab content; the later style sheet is read on Ready."""
    app = FirstFrameRecorder(db_path=str(tmp_path / "h.json"), settings_file=tmp_path / "s.json")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        assert app.at_first_frame == dict.fromkeys(HIDDEN_TABS, 0)
        later = Path(__file__).resolve().parent.parent / "crampui" / "ui" / "later.tcss"
        assert app.stylesheet.has_source(str(later), "")
        # FAQ last: its search box takes the focus, and the tab keys are typed there.
        for key, pane in zip("342", ("checklist", "history", "faq"), strict=True):
            assert not app.query_one(f"TabPanel#{pane}").children, pane
            await pilot.press(key)
            tab_pane = app.query_one(f"TabPanel#{pane}")

            def built(tab_pane: Widget = tab_pane) -> bool:
                return tab_content(tab_pane) is not None

            await wait_until(pilot, built, f"the {pane} tab to be built")


class BuildOrderRecorder(CrampApp):
    """The app, noting the order in which it builds the hidden tabs."""

    CSS_PATH = str(PANES.parent / "app.tcss")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.built: list[str] = []

    def checklist_pane(self) -> Widget:
        self.built.append("checklist")
        return super().checklist_pane()

    def history_pane(self) -> Widget:
        self.built.append("history")
        return super().history_pane()


async def test_a_tab_opened_on_the_first_frame_is_the_only_one_built(tmp_path: Path) -> None:
    """4 pressed on the first frame builds the History tab alone, and its table has the
    focus once it arrives."""
    path = tmp_path / "h.json"
    HistoryStore(path).add_session([ItemRecord("hydrate", "done")], note="yesterday's")
    app = BuildOrderRecorder(db_path=str(path), settings_file=tmp_path / "s.json")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        await wait_for_app_ready(pilot)
        assert app.built == ["history"]
        assert app.query_one("#history-table", LineTable).row_count == 1


async def test_clicking_a_tab_shown_for_the_first_time_builds_it(tmp_path: Path) -> None:
    """A click on "3 Checklist" builds the tab once and focuses its list."""
    app = BuildOrderRecorder(db_path=str(tmp_path / "h.json"), settings_file=tmp_path / "s.json")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await click_tab(pilot, "checklist")
        await wait_for_focus(pilot, "#checklist-items")
        await click_tab(pilot, "causes")
        await wait_for_focus(pilot, "#cause-list")
        await click_tab(pilot, "checklist")
        await wait_for_focus(pilot, "#checklist-items")
        assert app.built == ["checklist"]
