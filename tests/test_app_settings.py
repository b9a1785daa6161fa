"""Settings applied at start and remembered: the theme chosen in the app survives a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandPalette

from crampui.ui.app import CrampApp
from tests.waiting import wait_for_focus, wait_for_palette_hit, wait_for_screen, wait_until

pytestmark = pytest.mark.ui


async def test_theme_change_is_saved_and_applied_on_next_start(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    app = CrampApp(settings_file=settings_file)
    async with app.run_test():
        app.theme = "textual-light"
    assert json.loads(settings_file.read_text())["theme"] == "textual-light"
    again = CrampApp(settings_file=settings_file)
    async with again.run_test():
        assert again.theme == "textual-light"


async def test_theme_picked_in_the_command_palette_is_remembered(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    app = CrampApp(settings_file=settings_file)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        commands = await wait_for_screen(pilot, CommandPalette)
        await wait_for_focus(pilot, "CommandInput")
        await pilot.press(*"theme")
        await wait_for_palette_hit(pilot, "theme", "Theme")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, CommandPalette)
                and app.screen is not commands
                and app.screen.is_mounted
            ),
            "the theme picker to open",
        )
        await wait_for_focus(pilot, "CommandInput")
        await pilot.press(*"nord")
        await wait_for_palette_hit(pilot, "nord", "nord")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "nord", "the nord theme")
        assert app.theme == "nord"
    assert json.loads(settings_file.read_text())["theme"] == "nord"


async def test_corrupt_settings_fall_back_to_defaults_with_a_message(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    settings_file.write_text("{not json")
    app = CrampApp(settings_file=settings_file)
    async with app.run_test():
        assert app.theme == "textual-dark"
        messages = [notification.message for notification in app._notifications]
        assert any("settings.json" in message for message in messages)


async def test_unknown_theme_falls_back_with_a_message(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"theme": "no-such-theme"}))
    app = CrampApp(settings_file=settings_file)
    async with app.run_test():
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)
