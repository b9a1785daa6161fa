"""The suite itself: tests wait on conditions, never on time, and every tier is marked."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

TESTS = Path(__file__).parent

WAIT_HELPERS = {TESTS / "waiting.py", TESTS / "e2e" / "tmux.py"}
"""The only modules allowed to sleep: between two checks of a condition, with a deadline."""

TIMED_WAIT = re.compile(r"\b(?:time\.sleep|asyncio\.sleep|pilot\.pause)\(|[\"']wait:\d")
FAULT_INJECTION = "# fault injection, not a wait"
"""Marks a sleep that picks a random moment to kill a process: not synchronisation."""


def suite_modules() -> list[Path]:
    """Every Python file of the test suite except the wait helpers."""
    return sorted(path for path in TESTS.rglob("*.py") if path not in WAIT_HELPERS)


@pytest.mark.parametrize("path", suite_modules(), ids=lambda path: str(path.relative_to(TESTS)))
def test_no_test_waits_on_time(path: Path) -> None:
    """No fixed sleep, pause or "wait:N" key: tests use tests/waiting.py or tests/e2e/tmux.py."""
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if TIMED_WAIT.search(line) and FAULT_INJECTION not in line
    ]
    assert offenders == []


def test_every_module_that_drives_textual_is_marked_ui() -> None:
    """A test module that starts the app or a screen carries the ui marker (make unit skips it)."""
    drives_textual = re.compile(r"run_test\(|snap_compare|PaneApp\(|seeded_app\(")
    unmarked = [
        path.name
        for path in TESTS.glob("test_*.py")
        if path.name != Path(__file__).name
        and drives_textual.search(text := path.read_text())
        and "pytest.mark.ui" not in text
    ]
    assert unmarked == []


def test_undoing_a_tests_own_patches_keeps_the_user_folders_isolated(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that calls ``monkeypatch.undo()`` still writes no real history, setting or cache."""
    monkeypatch.setenv("CRAMPUI_SOMETHING", "1")
    monkeypatch.undo()
    for name in ("CRAMPUI_DB", "CRAMPUI_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        assert Path(os.environ[name]).is_relative_to(isolated_user_dirs), name
