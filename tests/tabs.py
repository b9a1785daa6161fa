"""Choosing a tab with the mouse, as a user does: a click on its name in the tab bar."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from crampui.ui.widgets.tab_bar import TabBar


async def click_tab(pilot: Pilot[Any], tab_id: str, line: int = 0) -> None:
    """Click the middle of tab ``tab_id``'s name (``line`` 1: the underline beneath it)."""
    bar = pilot.app.query_one(TabBar)
    span = next(span for span in bar.spans if span.tab_id == tab_id)
    await pilot.click(TabBar, offset=((span.start + span.end) // 2, line))
