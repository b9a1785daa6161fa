"""Every path crampui reads or writes, with the command-line and environment overrides."""

from __future__ import annotations

import errno
import os
import stat
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
        return Path(os.path.expanduser(override))
    from_env = os.environ.get(ENV_DB, "")
    if from_env:
        return Path(os.path.expanduser(from_env))
    return Path(platformdirs.user_data_dir(APP_NAME)) / "history.json"


def config_dir() -> Path:
    """The settings directory: ``$CRAMPUI_CONFIG_DIR``, else the platform's config dir."""
    from_env = os.environ.get(ENV_CONFIG_DIR, "")
    if from_env:
        return Path(os.path.expanduser(from_env))
    return Path(platformdirs.user_config_dir(APP_NAME))


ENV_STATE_DIR = "CRAMPUI_STATE_DIR"
"""Environment variable naming crampui's local state directory."""


def state_dir() -> Path:
    """crampui's local state directory (never synced): ``$CRAMPUI_STATE_DIR``, else the
    platform's user state directory."""
    from_env = os.environ.get(ENV_STATE_DIR, "")
    if from_env:
        return Path(os.path.expanduser(from_env))
    return Path(platformdirs.user_state_dir(APP_NAME))


def local_folder(history: Path, *, create: bool = False) -> Path:
    """This computer's folder for the history at ``history``, in the state directory (never
    in the synced folder): its backup, lock, seen copy and merged conflict copies.

    With ``create`` it is made, or kept, private (0700; a new state directory too); OSError
    if it cannot be.
    """
    import hashlib  # here: the status line's cache check (crampui status) needs no hash

    digest = hashlib.sha256(os.fsencode(os.path.abspath(history))).hexdigest()[:32]
    folder = state_dir() / "histories" / digest
    if create:
        folder.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for part in (folder.parent, folder):
            part.mkdir(mode=0o700, exist_ok=True)
            if stat.S_IMODE(os.lstat(part).st_mode) != 0o700:
                os.chmod(part, 0o700)
    return folder


def settings_path() -> Path:
    """The user's settings file."""
    return config_dir() / "settings.json"


def named_history(override: str | os.PathLike[str] | None = None) -> bool:
    """Whether the history was named by the person (``--db`` or ``$CRAMPUI_DB``), not the
    default location (whose folder crampui creates on the first save)."""
    return bool(override is not None and str(override)) or bool(os.environ.get(ENV_DB, ""))


_PATH_PROBLEMS = {
    errno.ELOOP: "it is a symlink loop (too many levels of symbolic links)",
    errno.ENAMETOOLONG: "the path, or a name in it, is too long",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def path_text(path: str | os.PathLike[str], limit: int = 100) -> str:
    """``path`` for a message: escaped (no control sequence reaches the terminal) and, when
    long, cut to its last ``limit`` characters after "…"."""
    from crampui.usertext import terminal_safe

    text = terminal_safe(os.fspath(path))
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def history_location_problem(path: Path, *, named: bool, create: bool = False) -> str | None:
    """Why the history cannot be at ``path`` (one line), or None if it can.

    A symlink loop, a name too long, a file where a folder should be, no permission: each is
    described. A missing folder is a problem only for a ``named`` history (a typo in a sync
    folder's path must not start a second history); with ``create`` it is made (0700).
    """
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            return f"cannot use {path_text(path)}: it is a folder; name a file in it"
        return None
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        return _described(path, error)
    folder = path.parent
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        if not named:
            return None
        if not create:
            return (
                f"the folder {path_text(folder)} does not exist; check the path, or add "
                "--create to start a new history there"
            )
        try:
            folder.mkdir(mode=0o700, parents=True)
        except (OSError, RecursionError) as error:
            return _described(folder, error)
        return None
    except (OSError, ValueError) as error:
        return _described(path, error)
    return (
        None if is_folder else f"cannot use {path_text(path)}: {path_text(folder)} is not a folder"
    )


def folder_missing(path: Path) -> bool:
    """Whether the folder ``path`` would be in does not exist (and nothing else is wrong)."""
    try:
        os.stat(path.parent)
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False
    return False


def _described(path: Path, error: BaseException) -> str:
    """One line saying why ``path`` cannot be used."""
    if isinstance(error, RecursionError):
        reason = "the path is too deep"
    elif isinstance(error, OSError):
        reason = _PATH_PROBLEMS.get(error.errno or 0, error.strerror or str(error))
    else:
        reason = str(error)
    return f"cannot use {path_text(path)}: {reason}"
