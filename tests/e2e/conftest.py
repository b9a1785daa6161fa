"""Fixtures for the real-terminal tests: a private tmux server and a private crampui home."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crampui.settings import Settings, save_settings

from .tmux import Tmux

CRAMPUI = Path(sys.executable).parent / "crampui"
"""The installed console script of the environment running the tests."""


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """Environment for crampui: history and settings in a temporary directory; the app opens
    on Causes (the tab that fits is tested with Pilot, in tests/test_launch_tab.py)."""
    save_settings(Settings(open_on_causes=True), tmp_path / "config" / "settings.json")
    return {
        "CRAMPUI_DB": str(tmp_path / "history.json"),
        "CRAMPUI_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }


@pytest.fixture
def terminal(app_env: dict[str, str]) -> Iterator[Tmux]:
    """A 100x32 tmux pane of its own, killed after the test."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; the real-terminal tests need it")
    tmux = Tmux(app_env, width=100, height=32)
    yield tmux
    tmux.kill()
