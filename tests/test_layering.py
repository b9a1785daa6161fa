"""Domain modules never import Textual, so they stay fast and are tested without a UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN_MODULES = (
    "crampui.checklist_items",
    "crampui.cli",
    "crampui.clock",
    "crampui.commands.content_cmds",
    "crampui.commands.episodes_cmds",
    "crampui.commands.history_cmds",
    "crampui.content",
    "crampui.draft_writer",
    "crampui.episodes",
    "crampui.history",
    "crampui.hold_limits",
    "crampui.insights",
    "crampui.locations",
    "crampui.safety_record",
    "crampui.search",
    "crampui.settings",
    "crampui.timer",
    "crampui.usertext",
)

CHECK = (
    "import importlib, sys; importlib.import_module(sys.argv[1]); "
    "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
)


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, module], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", f"{module} pulls in {result.stdout.strip()}"
