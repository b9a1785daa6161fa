"""The non-UI commands never import Textual, so scripts calling crampui stay fast."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

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
    _, modules = run_with_importtime(*command)
    assert "crampui.cli.main" in modules
    textual = [name for name in modules if name == "textual" or name.startswith("textual.")]
    assert textual == []


def run_with_importtime(*command: str) -> tuple[str, list[str]]:
    """Run ``crampui COMMAND`` with ``-X importtime``: its stdout and the modules it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crampui", *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, imported_modules(result.stderr)


ABSENT_HISTORY = str(Path(tempfile.gettempdir()) / "crampui-absent-history.json")
"""A history that does not exist, in a folder that does (reading it creates nothing)."""


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (["causes", "--json"], "crampui.cli.commands.content_cmds"),
        (["--db", "/nonexistent/h.json", "cause", "3"], "crampui.cli.commands.content_cmds"),
        (["faq", "how", "long", "--json"], "crampui.cli.commands.content_cmds"),
        (["history", "--db", ABSENT_HISTORY], "crampui.cli.commands.history_cmds"),
    ],
    ids=" ".join,
)
def test_only_the_chosen_commands_module_is_imported(command: list[str], module: str) -> None:
    """Of the command modules, only the one holding the chosen command is imported."""
    _, modules = run_with_importtime(*command)
    from crampui.cli.main import COMMANDS

    others = {name for name, _ in COMMANDS.values()} - {module}
    assert module in modules
    assert others.isdisjoint(modules)


def test_help_lists_every_command_with_the_tables_help() -> None:
    """``crampui --help`` lists every command of the table, without importing their modules."""
    from crampui.cli.main import COMMANDS

    stdout, modules = run_with_importtime("--help")
    for name, (module, help_text) in COMMANDS.items():
        assert name in stdout
        assert " ".join(help_text.split()[:4]) in " ".join(stdout.split())
        assert module not in modules


def test_help_before_a_command_still_lists_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``crampui --help log`` shows the top-level help, every command listed, though only
    ``log`` was built (the others are added only when the help is shown)."""
    from crampui.cli.main import COMMANDS, run

    with pytest.raises(SystemExit) as leaving:
        run(["--help", "log"])
    assert leaving.value.code == 0
    listed = capsys.readouterr().out.split()
    assert listed[:2] == ["usage:", "crampui"]
    assert set(COMMANDS) <= set(listed)


def test_a_partly_built_parser_parses_like_the_full_one() -> None:
    """Building only the chosen command gives the same arguments as building every command."""
    from crampui.cli.main import COMMANDS, build_parser

    full = build_parser()
    for argv in (
        ["causes", "back", "--json"],
        ["--db", "x.json", "cause", "3"],
        ["faq", "how", "long"],
        ["history", "--db", "x.json", "--csv"],
        ["log", "--done", "water", "--no-cramp"],
        ["report", "--format", "md"],
        ["status", "--json"],
    ):
        assert vars(build_parser(argv).parse_args(argv)) == vars(full.parse_args(argv)), argv
    assert set(COMMANDS) <= set(full.format_help().split())
