"""The non-UI commands never import Textual, so scripts calling crampui stay fast."""

from __future__ import annotations

import subprocess
import sys

import pytest


def imported_modules(importtime_log: str) -> list[str]:
    """Module names from the ``-X importtime`` lines of ``importtime_log``."""
    return [
        line.rsplit("|", 1)[-1].strip()
        for line in importtime_log.splitlines()
        if line.startswith("import time:") and "|" in line
    ]


@pytest.mark.parametrize(
    "command", [["causes"], ["faq", "x"], ["cause", "1"], ["history"]], ids=" ".join
)
def test_command_does_not_import_textual(command: list[str]) -> None:
    """``crampui COMMAND`` exits 0 without importing any ``textual`` module."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crampui", *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = imported_modules(result.stderr)
    assert "crampui.cli" in modules
    textual = [name for name in modules if name == "textual" or name.startswith("textual.")]
    assert textual == []
