"""Shared fixtures: no test ever touches the real user data or config directories."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the history database, settings and platformdirs at a temporary directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CRAMPUI_DB", str(home / "history.json"))
    monkeypatch.setenv("CRAMPUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-home"))
    return home
