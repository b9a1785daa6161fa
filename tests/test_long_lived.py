"""A long history, once read and shown, is left out of later full garbage collections (which
walked all of it on whichever key set one off); a short one is not frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crampui.ui.app import CrampApp
from crampui.ui.long_lived import LONG_HISTORY
from tests.test_history_scale_ui import history_read, long_history

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """What a test froze is handed back to the collector (the worker runs other tests)."""
    yield
    gc.unfreeze()


def collected(thing: object) -> bool:
    """Whether a full collection would walk ``thing`` (frozen objects are in no generation)."""
    return any(candidate is thing for candidate in gc.get_objects())


async def test_a_long_historys_entries_are_left_out_of_full_collections(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    long_history(path, LONG_HISTORY + 10)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        newest, oldest = pane.shown.entries[0], pane.shown.entries[-1]
        assert gc.is_tracked(newest) and gc.is_tracked(oldest)
        assert not collected(newest) and not collected(oldest)
        assert not collected(pane.shown.entries)


async def test_a_short_history_is_not_frozen(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    long_history(path, 50)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    frozen = gc.get_freeze_count()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        assert gc.get_freeze_count() == frozen
        assert collected(pane.shown.entries[0])
