"""Issue 28 in the app: a history path that cannot be used is a notice (the app keeps running),
a missing folder is created only on a yes, and no notice sends a file name's escape sequence
to the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button

from crampui.history import HistoryStore
from crampui.history.syncing import merged_folder
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from tests.waiting import wait_for_app_ready, wait_for_screen, wait_until

pytestmark = pytest.mark.ui

SIZE = (100, 30)


def notices(app: CrampApp) -> str:
    """Every notice shown so far, title and text."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


@pytest.mark.parametrize("kind", ["loop", "name too long", "file as folder"])
async def test_a_history_path_that_cannot_be_used_is_a_notice(tmp_path: Path, kind: str) -> None:
    if kind == "loop":
        db = tmp_path / "loop.json"
        db.symlink_to(db)
        expected = "symlink loop"
    elif kind == "name too long":
        db, expected = tmp_path / ("a" * 300) / "h.json", "too long"
    else:
        (tmp_path / "afile").write_text("x")
        db, expected = tmp_path / "afile" / "h.json", "not a folder"
    app = CrampApp(db_path=str(db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        assert app.store is None and expected in str(app.store_error)
        assert expected in notices(app)
        assert app.is_running


@pytest.mark.parametrize("create", [True, False])
async def test_a_missing_history_folder_is_created_only_on_a_yes(
    tmp_path: Path, create: bool
) -> None:
    db = tmp_path / "Syncthnig" / "crampui" / "history.json"
    app = CrampApp(db_path=str(db))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await wait_for_screen(pilot, ConfirmScreen)
        assert "There is no folder" in dialog.question and "Syncthnig" in dialog.question
        assert not db.parent.exists()
        dialog.query_one("#confirm-yes" if create else "#confirm-no", Button).press()
        await wait_for_app_ready(pilot)
        assert db.parent.is_dir() is create
        assert (app.store is not None) is create
        if not create:
            assert "does not exist" in str(app.store_error) and app.is_running
    assert not (tmp_path / "Syncthnig").exists() or create


async def test_a_conflict_copy_notice_sends_no_escape_sequence(tmp_path: Path) -> None:
    folder = tmp_path / "sync \x1b]0;PWNED\x07"
    folder.mkdir()
    db = folder / "history.json"
    HistoryStore(db).add_session([], "mine", None)
    other = tmp_path / "other.json"
    HistoryStore(other).add_session([], "theirs", None)
    copy = folder / "history (\x1b]0;PWNED\x07's conflicted copy 2026-12-02).json"
    shutil.copyfile(other, copy)
    merged_folder(db).write_text("")  # a file in the way: the notice names the copy it left
    app = CrampApp(db_path=str(db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await wait_until(pilot, lambda: "merged" in notices(app), "the sync notice")
        shown = notices(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\\x1b]0;PWNED\\x07" in shown
