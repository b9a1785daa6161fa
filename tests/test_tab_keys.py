"""Tab keys never wait for the history when the tab reads none of it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from crampui.ui.app import CrampApp
from tests.waiting import wait_for_focus, wait_until

pytestmark = pytest.mark.ui


async def test_the_faq_opens_while_the_history_is_still_being_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    opening = threading.Event()
    open_store = CrampApp.open_store

    def slow_open(app: CrampApp) -> object:
        opening.set()
        release.wait(30)
        return open_store(app)

    monkeypatch.setattr(CrampApp, "open_store", slow_open)
    app = CrampApp(db_path=str(tmp_path / "history.json"))
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_until(pilot, opening.is_set, "the launch checks to open the history")
            await pilot.press("2")
            await wait_for_focus(pilot, "#faq-results")
            assert not app.ready.is_set(), "the history is still being opened"
            release.set()
            await wait_until(pilot, app.ready.is_set, "the launch checks to finish")
    finally:
        release.set()
