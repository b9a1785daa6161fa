"""Only the UI imports Textual: every other module stays fast and is tested without a UI.

The rule, not a list: every module of the package outside ``app.py``, ``messages.py``,
``providers.py`` and the ``panes``, ``screens`` and ``widgets`` packages is imported in a fresh
interpreter, and Textual must not be among what that import loaded (whatever it imports in
turn included).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "crampui"

UI_MODULES = {"crampui.ui.app", "crampui.ui.messages", "crampui.ui.providers"}
"""The modules outside the UI packages that may import Textual."""

UI_PACKAGES = ("crampui.ui.panes", "crampui.ui.screens", "crampui.ui.widgets")
"""The packages that may import Textual."""


def module_name(path: Path) -> str:
    """The dotted name of the module in ``path`` (a package for ``__init__.py``)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def textual_free_modules() -> list[str]:
    """Every module the rule says must not import Textual."""
    names = (module_name(path) for path in sorted(PACKAGE.rglob("*.py")))
    return [
        name
        for name in names
        if name not in UI_MODULES
        and not any(name == ui or name.startswith(ui + ".") for ui in UI_PACKAGES)
    ]


CHECK = (
    "import importlib, sys; importlib.import_module(sys.argv[1]); "
    "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
)


def test_the_rule_covers_every_module_outside_the_ui() -> None:
    """The rule finds the store, the search, the commands and the small shared modules, and
    leaves out only the UI."""
    found = set(textual_free_modules())
    assert {"crampui", "crampui.cli.main", "crampui.cache", "crampui.history.store"} <= found
    assert {
        "crampui.content.search.query",
        "crampui.cli.commands.report_cmds",
        "crampui.ui.launch",
    } <= found
    assert not found & {
        "crampui.ui.app",
        "crampui.ui.panes.history",
        "crampui.ui.widgets.app_footer",
    }


@pytest.mark.parametrize("module", textual_free_modules())
def test_module_outside_the_ui_does_not_import_textual(module: str) -> None:
    """Importing ``module`` (and all it imports) loads no Textual module."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, module], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", f"{module} pulls in {result.stdout.strip()}"
