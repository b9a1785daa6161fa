"""User settings (theme, hold length, repetitions, bell) stored as JSON in the config dir.

Loading never fails on bad content: fields that are missing or invalid fall back to their
defaults and a message says what was ignored; only a regular file of at most
:data:`MAX_SETTINGS_BYTES` is read. Saving is atomic (the history engine's write: temporary
file, fsync, ``os.replace``, directory fsync), and a file that could not be used is first
kept as ``settings.json.corrupt-<UTC>``. The path is always a parameter;
:func:`crampui.locations.settings_path` supplies the real one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from crampui.clock import utc_now
from crampui.history.engine import (
    FileTooLargeError,
    FileTypeError,
    aside_path,
    atomic_write,
    keep_copy,
    read_regular,
    resolve_link,
)
from crampui.hold_limits import MAX_HOLD_SECONDS, MAX_REPETITIONS, MIN_HOLD_SECONDS, MIN_REPETITIONS
from crampui.usertext import shown, terminal_safe

DEFAULT_THEME = "textual-dark"
MAX_THEME_LENGTH = 100
MAX_SETTINGS_BYTES = 1024 * 1024
"""A settings file is a few hundred bytes; anything over this is not one."""
MAX_WEEKLY_TARGET = 21
"""The most sessions a week the target can ask for (three a day)."""
MAX_SESSION_ID = 2**63 - 1
"""The largest session id a setting may name."""
MAX_NAME_LENGTH = 100
"""The longest name the report shows."""


def _whole_number_problem(value: object, low: int, high: int) -> str | None:
    """Describe why ``value`` is not an int (bools excluded) in ``low..high``, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"must be a whole number from {low} to {high}, got {shown(value)}"
    return None


def _theme_problem(value: object) -> str | None:
    """Describe why ``value`` is not a plausible theme name, or None."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_THEME_LENGTH:
        return f"must be a theme name, got {shown(value)}"
    return None


def _name_problem(value: object) -> str | None:
    """Describe why ``value`` is not a name for the report (may be empty), or None."""
    if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH or not value.isprintable():
        return f"must be a name of at most {MAX_NAME_LENGTH} characters, got {shown(value)}"
    return None


def _birth_problem(value: object) -> str | None:
    """Describe why ``value`` is not "" or a YYYY-MM-DD date in the past, or None."""
    if value == "":
        return None
    try:
        born = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        born = None
    if born is None or born > date.today():
        return f"must be a date like 1970-03-02, got {shown(value)}"
    return None


def _flag_problem(value: object) -> str | None:
    """Describe why ``value`` is not a bool (ints are rejected too), or None."""
    return None if isinstance(value, bool) else f"must be true or false, got {shown(value)}"


_CHECKS: dict[str, Callable[[object], str | None]] = {
    "theme": _theme_problem,
    "hold_seconds": lambda value: _whole_number_problem(value, MIN_HOLD_SECONDS, MAX_HOLD_SECONDS),
    "repetitions": lambda value: _whole_number_problem(value, MIN_REPETITIONS, MAX_REPETITIONS),
    "bell": _flag_problem,
    "both_sides": _flag_problem,
    "weekly_target": lambda value: _whole_number_problem(value, 0, MAX_WEEKLY_TARGET),
    "snoozed_session": lambda value: _whole_number_problem(value, 0, MAX_SESSION_ID),
    "checked_session": lambda value: _whole_number_problem(value, 0, MAX_SESSION_ID),
    "report_name": _name_problem,
    "report_birth_date": _birth_problem,
    "open_on_causes": _flag_problem,
}
"""One check per Settings field: returns why a value is invalid, or None."""


@dataclass(frozen=True)
class Settings:
    """The user's preferences. Invalid values raise ValueError on construction."""

    theme: str = DEFAULT_THEME
    hold_seconds: int = 30
    repetitions: int = 3
    bell: bool = True
    both_sides: bool = True
    weekly_target: int = 0
    """Sessions a week to aim for; 0 (the default) means no target."""
    snoozed_session: int = 0
    """The session whose missing outcome the user put off with "Later"; 0 means none."""
    checked_session: int = 0
    """The newest session whose advice to get checked the user says has been acted on (the
    nudges to stretch come back); 0 means none."""
    report_name: str = ""
    """A name for the top of the report (optional, for a clinic's records)."""
    report_birth_date: str = ""
    """A date of birth (YYYY-MM-DD) for the top of the report (optional)."""
    open_on_causes: bool = False
    """Always open on Causes; by default the app opens the tab that fits (see launch_tab)."""

    def __post_init__(self) -> None:
        """Validate every field."""
        for name, check in _CHECKS.items():
            problem = check(getattr(self, name))
            if problem:
                raise ValueError(f"{name} {problem}")

    @classmethod
    def from_json(cls, data: object) -> tuple[Settings, list[str]]:
        """Build settings from decoded JSON, keeping defaults for missing or invalid fields.

        Returns the settings and a list of problems (empty when everything was valid).
        """
        if not isinstance(data, dict):
            return cls(), [f"expected a JSON object, got {type(data).__name__}"]
        values: dict[str, Any] = {}  # only values that passed their check
        problems: list[str] = []
        for key, value in data.items():
            check = _CHECKS.get(key)
            if check is None:
                problems.append(f"unknown setting {shown(key)}")
            elif problem := check(value):
                problems.append(f"{key} {problem}")
            else:
                values[key] = value
        return cls(**values), problems

    def as_json(self) -> dict[str, object]:
        """Return the settings as a JSON-ready dict."""
        return asdict(self)

    def with_theme_checked(self, available: Iterable[str]) -> tuple[Settings, str | None]:
        """Fall back to the default theme if ours is not among ``available``.

        Returns the (possibly changed) settings and a message when the theme was replaced.
        """
        if self.theme in set(available):
            return self, None
        message = f"Theme {shown(self.theme)} is not available; using {DEFAULT_THEME!r}."
        return replace(self, theme=DEFAULT_THEME), message


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings from ``path``; never raises for bad content or an unreadable file.

    Returns the settings and None, or a message for the user when something was ignored. A
    missing file gives the defaults and no message. Messages are one line and quote values
    shortened and escaped.
    """
    settings, message = _load(path)
    return settings, None if message is None else terminal_safe(message)


def _load(path: Path) -> tuple[Settings, str | None]:
    """:func:`load_settings` before the message is made safe to show."""
    try:
        raw = read_regular(path, MAX_SETTINGS_BYTES)
    except FileTypeError as error:
        return Settings(), f"{path} is not a settings file ({error.strerror}); using defaults."
    except FileTooLargeError:
        return Settings(), f"{path} is over {MAX_SETTINGS_BYTES:,} bytes; using defaults."
    except OSError as error:
        return Settings(), f"{path} could not be read ({error.strerror or error}); using defaults."
    if raw is None:
        return Settings(), None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Settings(), f"{path} is not UTF-8 text; using defaults."
    except json.JSONDecodeError as error:
        return Settings(), f"{path} is not valid JSON ({error}); using defaults."
    except (RecursionError, ValueError):
        return (
            Settings(),
            f"{path} is not valid JSON (nested too deeply or too large); using defaults.",
        )
    settings, problems = Settings.from_json(data)
    if not problems:
        return settings, None
    if not isinstance(data, dict):
        return settings, f"{path} could not be used ({problems[0]}); using defaults."
    return settings, f"{path}: ignored {'; '.join(problems)}; using defaults for those."


def save_settings(settings: Settings, path: Path) -> None:
    """Write ``settings`` to ``path`` atomically, creating the directory if needed.

    If the file there could not be used as it is (not JSON, wrong values, unknown keys), it is
    first kept as ``<path>.corrupt-<UTC>``, so nothing the user wrote is lost. A symlink is
    followed and its target replaced. Raises OSError
    (the old file unchanged) if the disk refuses or ``path`` is not a regular file.
    """
    path = resolve_link(path)  # a symlinked settings file stays a link to the real one
    path.parent.mkdir(parents=True, exist_ok=True)
    _, problem = _load(path)
    if problem is not None and path.is_file():
        keep_copy(path, aside_path(path, "corrupt", utc_now()))
    text = json.dumps(settings.as_json(), indent=2, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
