"""Every path crampui reads or writes, with the command-line and environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "crampui"
"""The directory name used under the platform's data and config directories."""

ENV_DB = "CRAMPUI_DB"
"""Environment variable naming the history database file."""

ENV_CONFIG_DIR = "CRAMPUI_CONFIG_DIR"
"""Environment variable naming the settings directory."""


def history_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The history database: ``override`` (``--db``), else ``$CRAMPUI_DB``, else the data dir."""
    if override is not None and str(override):
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_DB, "")
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "history.json"


def config_dir() -> Path:
    """The settings directory: ``$CRAMPUI_CONFIG_DIR``, else the platform's config dir."""
    from_env = os.environ.get(ENV_CONFIG_DIR, "")
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))


def settings_path() -> Path:
    """The user's settings file."""
    return config_dir() / "settings.json"
