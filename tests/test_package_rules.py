"""The packages' import rules: what each package may import, as its docstring says, and no
import circle between modules.

``crampui/`` holds one package per job and a few small shared modules at the top (the clock,
paths, user text, words, settings, the cache). Each package's docstring ends with what it may
import; :data:`MAY_IMPORT` is the same rule in code, checked here on every ``import`` of every
module (those inside functions included), so a new arrow against the rule fails the suite.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "crampui"

MAY_IMPORT = {
    "history": set(),
    "content": {"history"},
    "checklist": {"history", "content"},
    "insights": {"history", "content", "checklist"},
    "web": set(),
    "ui": {"history", "content", "checklist", "insights", "web"},
    "cli": {"history", "content", "checklist", "insights", "web", "ui"},
}
"""Each package and the other packages it may import (every package may import the shared
modules)."""

SHARED_MAY_IMPORT = {"history"}
"""The shared modules build on the store's atomic writer and nothing else above them."""

ENTRY = "crampui.__main__"
"""The entry point, which hands over to the CLI or the app."""


def module_name(path: Path) -> str:
    """The dotted name of the module in ``path`` (a package for ``__init__.py``)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def group(module: str) -> str:
    """The package ``module`` belongs to, or "shared" for a top-level module."""
    parts = module.split(".")
    if len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return "shared"


def imports(path: Path) -> set[str]:
    """Every crampui module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("crampui"):
            if node.module == "crampui":
                found.update(f"crampui.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("crampui"))
    return {name for name in found if name != "crampui.__version__" and name != "crampui"}


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_package_says_what_it_may_import() -> None:
    """Each package of ``crampui/`` is in the rule and its docstring states the rule."""
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert packages == set(MAY_IMPORT)
    for name in packages:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text())) or ""
        assert "may import" in doc.lower(), f"crampui.{name}'s docstring gives no import rule"


@pytest.mark.parametrize("module", sorted(set(MODULES) - {ENTRY}))
def test_module_imports_only_what_its_package_may(module: str) -> None:
    """Every crampui import of ``module`` is its own package, a shared module or a package its
    rule allows."""
    own = group(module)
    allowed = SHARED_MAY_IMPORT if own == "shared" else MAY_IMPORT[own]
    wrong = sorted(
        name for name in imports(MODULES[module]) if group(name) not in {own, "shared", *allowed}
    )
    assert not wrong, f"{module} ({own}) imports {wrong}"


def test_no_import_circle() -> None:
    """No module imports itself through others (the imports inside functions count too)."""
    graph = {
        name: {target for target in imports(path) if target in MODULES}
        for name, path in MODULES.items()
    }
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError(" -> ".join([*trail[trail.index(name) :], name]))
        if name in done:
            return
        for target in graph[name]:
            visit(target, [*trail, name])
        done.add(name)

    for name in graph:
        visit(name, [])
