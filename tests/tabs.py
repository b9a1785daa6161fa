"""Choosing a tab with the mouse, as a user does: a click on its name in the tab bar."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import TabbedContent


async def click_tab(pilot: Pilot[Any], tab_id: str, line: int = 0) -> None:
    """Click the middle of tab ``tab_id``'s name (``line`` 1: the underline beneath it)."""
    tab = pilot.app.query_one(TabbedContent).get_tab(tab_id)
    await pilot.click(tab, offset=(tab.size.width // 2, line))
