"""User settings (theme, hold length, repetitions, bell) stored as JSON in the config dir.

Loading never fails on bad content: fields that are missing or invalid fall back to their
defaults and a message says what was ignored. Saving is atomic. The path is always a
parameter; :func:`crampui.locations.settings_path` supplies the real one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from crampui.timer import MAX_HOLD_SECONDS, MAX_REPETITIONS, MIN_HOLD_SECONDS, MIN_REPETITIONS

DEFAULT_THEME = "textual-dark"
MAX_THEME_LENGTH = 100
MAX_WEEKLY_TARGET = 21
"""The most sessions a week the target can ask for (three a day)."""


def _whole_number_problem(value: object, low: int, high: int) -> str | None:
    """Describe why ``value`` is not an int (bools excluded) in ``low..high``, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"must be a whole number from {low} to {high}, got {value!r}"
    return None


def _theme_problem(value: object) -> str | None:
    """Describe why ``value`` is not a plausible theme name, or None."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_THEME_LENGTH:
        return f"must be a theme name, got {value!r}"
    return None


def _flag_problem(value: object) -> str | None:
    """Describe why ``value`` is not a bool (ints are rejected too), or None."""
    return None if isinstance(value, bool) else f"must be true or false, got {value!r}"


_CHECKS: dict[str, Callable[[object], str | None]] = {
    "theme": _theme_problem,
    "hold_seconds": lambda value: _whole_number_problem(value, MIN_HOLD_SECONDS, MAX_HOLD_SECONDS),
    "repetitions": lambda value: _whole_number_problem(value, MIN_REPETITIONS, MAX_REPETITIONS),
    "bell": _flag_problem,
    "both_sides": _flag_problem,
    "weekly_target": lambda value: _whole_number_problem(value, 0, MAX_WEEKLY_TARGET),
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
                problems.append(f"unknown setting {key!r}")
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
        message = f"Theme {self.theme!r} is not available; using {DEFAULT_THEME!r}."
        return replace(self, theme=DEFAULT_THEME), message


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings from ``path``; never raises for bad content or an unreadable file.

    Returns the settings and None, or a message for the user when something was ignored. A
    missing file gives the defaults and no message.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path} could not be read ({error.strerror or error}); using defaults."
    except UnicodeDecodeError:
        return Settings(), f"{path} is not UTF-8 text; using defaults."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Settings(), f"{path} is not valid JSON ({error}); using defaults."
    except RecursionError:
        return Settings(), f"{path} is not valid JSON (nested too deeply); using defaults."
    settings, problems = Settings.from_json(data)
    if not problems:
        return settings, None
    if not isinstance(data, dict):
        return settings, f"{path} could not be used ({problems[0]}); using defaults."
    return settings, f"{path}: ignored {'; '.join(problems)}; using defaults for those."


def save_settings(settings: Settings, path: Path) -> None:
    """Write ``settings`` to ``path`` atomically, creating the directory if needed.

    The JSON goes to a temporary file in the same directory, is flushed to disk, then
    replaces ``path`` in one step, so a crash leaves either the old file or the new one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(settings.as_json(), file, indent=2, sort_keys=True)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
