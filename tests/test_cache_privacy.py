"""No health text outside the history: the user cache is private and holds none of it."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from crampui import cache
from crampui.locations import local_folder, state_dir
from crampui.ui.app import CrampApp
from tests.test_cache import crampui as run_crampui
from tests.waiting import wait_for_app_ready, wait_for_workers

pytestmark = pytest.mark.ui

SECRETS = ("SECRETNOTE", "SECRETPLACE")
"""A note and a place only the history may hold."""


@pytest.fixture
def home(isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's home, with the history in a folder of its own and HOME pointed there too."""
    monkeypatch.setenv("HOME", str(isolated_user_dirs))
    (isolated_user_dirs / "history").mkdir()
    monkeypatch.setenv("CRAMPUI_DB", str(isolated_user_dirs / "history" / "history.json"))
    return isolated_user_dirs


def crampui(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui ARGS`` in the test's environment; it must succeed."""
    result = run_crampui(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def files_holding_secrets(folder: Path) -> list[str]:
    """Every file under ``folder`` whose bytes hold one of :data:`SECRETS`."""
    return [
        str(path)
        for path in folder.rglob("*")
        if path.is_file() and any(secret.encode() in path.read_bytes() for secret in SECRETS)
    ]


def assert_private(folder: Path) -> None:
    """``folder`` is mode 0700 and every file in it 0600 (when it exists)."""
    if not folder.exists():
        return
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.lstat().st_mode) == 0o600, path.name


def log_secret_cramp() -> None:
    """Save a session with a cramp whose note and place are secrets."""
    crampui(
        "log", "--done", "hydrate", "--cramp", "--severity", "7",
        "--where", SECRETS[1], "--note", SECRETS[0],
    )  # fmt: skip


def test_no_command_leaves_health_text_in_the_cache(home: Path) -> None:
    """After each command the cache folder is private and holds no note or place; once the
    history's folder is deleted, neither text is anywhere under the cache or config dirs. The one
    exception is the history's local folder in the state dir (its seen copy,
    :mod:`crampui.history.seen`, and its backup), kept private (0700 folder, 0600 files) even
    when the person made the history readable by others."""
    cache_folder = cache.folder()
    log_secret_cramp()
    (home / "history" / "history.json").chmod(0o644)
    history = crampui("history", "--json")
    assert SECRETS[0] in history.stdout
    for command in (["history", "--json"], ["status"], ["status", "--json"], ["report"]):
        crampui(*command)
        assert files_holding_secrets(cache_folder) == [], command
        assert_private(cache_folder)
    crampui("report", "-o", str(home / "report.html"))
    assert cache_folder.is_dir(), "status and the checked history are cached"
    shutil.rmtree(home / "history")
    (home / "report.html").unlink()
    local = local_folder(home / "history" / "history.json")
    holding = files_holding_secrets(home)
    assert holding and all(Path(name).parent == local for name in holding), holding
    assert not local.is_relative_to(cache_folder), "outside the cache (and the synced folder)"
    assert_private(local)
    assert stat.S_IMODE(state_dir().stat().st_mode) == 0o700


def test_an_old_cache_with_a_copy_of_the_history_is_removed_and_the_folder_made_private(
    home: Path,
) -> None:
    """Earlier versions kept ``history.json-answer`` (every note) in a 0755 folder: the next
    cache write deletes it and makes the folder 0700."""
    folder = cache.folder()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    old = folder / "history.json-answer"
    old.write_text(f'[{{"note": "{SECRETS[0]}"}}]\n')
    log_secret_cramp()
    crampui("status")
    assert not old.exists()
    assert_private(folder)


async def test_using_the_app_leaves_no_health_text_in_the_cache(home: Path) -> None:
    """The app, on a history holding secrets, with every tab and a search: the cache folder
    stays private and holds none of them."""
    log_secret_cramp()
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await wait_for_workers(pilot)
        await pilot.press("2", *"stretch")
        await wait_for_workers(pilot)
    assert cache.folder().is_dir(), "the checked history is noted"
    assert files_holding_secrets(cache.folder()) == []
    assert_private(cache.folder())
