"""The launch checks read only what they need (issue 26): a second launch on an unchanged
history reads none of it, any change is read again, and what is kept holds no health text."""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from crampui import cache
from crampui.cli.main import run
from crampui.history import HistoryStore, ItemRecord, Outcome
from crampui.history import store as store_module
from crampui.history.reading import LayoutReader
from crampui.insights import launch_cache
from crampui.settings import Settings, save_settings
from crampui.ui.app import CrampApp
from crampui.ui.widgets.outcome_notice import OutcomeNotice
from crampui.ui.widgets.tabbed import Tabbed
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)
SECRET = "SECRET-NOTE-4711"
OLD = 30
"""Sessions saved a year before now: outside every window the launch checks read."""


def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a history store file is read."""
    counted: list[int] = []
    read = LayoutReader._read

    def counting(self: LayoutReader) -> bytes | None:
        counted.append(1)
        return read(self)

    monkeypatch.setattr(LayoutReader, "_read", counting)
    return counted


def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the store builds a session from its document."""
    counted: list[int] = []
    build = store_module.session_from_doc

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(store_module, "session_from_doc", counting)
    return counted


def app(tmp_path: Path, now: bool = False) -> CrampApp:
    """The real app on the history in ``tmp_path``, at :data:`NOW` (``now``: the real time)."""
    return CrampApp(
        db_path=str(tmp_path / "history.json"),
        settings_file=tmp_path / "settings.json",
        clock=None if now else FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


def history(tmp_path: Path) -> HistoryStore:
    """A history of :data:`OLD` old sessions and, an hour ago, one with a note and no
    outcome; a weekly target is set, and the app opens on Causes."""
    path = tmp_path / "history.json"
    old = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(days=365)))
    for _ in range(OLD):
        old.add_session([ItemRecord("hydrate", "done")], outcome=Outcome(False))
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(hours=1)))
    store.add_session([ItemRecord("hydrate", "done")], note=SECRET)
    save_settings(Settings(weekly_target=3, open_on_causes=True), tmp_path / "settings.json")
    return store


async def launched(tmp_path: Path, now: bool = False) -> tuple[bool, str, bool]:
    """Launch the app once (``now``: at the real time): whether it opened the store, the tab
    it chose and whether it offered the missing outcome."""
    crampui = app(tmp_path, now)
    async with crampui.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        return (
            crampui.store is not None,
            crampui.query_one(Tabbed).active,
            bool(crampui.query(OutcomeNotice)),
        )


async def test_a_second_launch_reads_nothing_until_the_history_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = history(tmp_path)
    read = reads(monkeypatch)
    assert await launched(tmp_path) == (True, "causes", True)
    assert read
    read.clear()
    assert await launched(tmp_path) == (False, "causes", True)  # nothing read, same offer
    assert not read
    last = store.last_session()
    assert last is not None
    store.set_outcome(last.id, Outcome(False))  # another process saves
    assert await launched(tmp_path) == (True, "causes", False)  # read again: no offer now
    assert read
    kept = "".join(path.read_text() for path in cache.folder().iterdir())
    assert SECRET not in kept and "hydrate" not in kept


async def test_a_launch_after_crampui_log_reads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(tmp_path)
    monkeypatch.setenv("CRAMPUI_DB", str(tmp_path / "history.json"))
    monkeypatch.setattr("crampui.locations.settings_path", lambda: tmp_path / "settings.json")
    with contextlib.redirect_stdout(io.StringIO()):
        assert run(["log", "--done", "hydrate", "--no-cramp"]) == 0
    read = reads(monkeypatch)
    assert await launched(tmp_path, now=True) == (False, "causes", False)  # logged with one
    assert not read


async def test_a_tab_that_needs_the_history_opens_it_after_a_launch_that_read_none(
    tmp_path: Path,
) -> None:
    history(tmp_path)
    await launched(tmp_path)
    crampui = app(tmp_path)
    async with crampui.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        assert crampui.store is None
        await pilot.press("4")
        await wait_until(pilot, lambda: bool(crampui.query("#history-table")), "History filled")
        assert crampui.store is not None


@pytest.mark.parametrize(
    "kept",
    [
        None,
        [],
        {"key": "k"},
        {"key": "k", "status": [1] * 8, "last": None},
        {"key": "k", "status": ["2026-12-02", 0, 0, 0, None, [], 0, None], "last": [1, 2, 3]},
        {"key": "k", "status": ["2026-12-02", -1, 0, 0, None, [], 0, None], "last": None},
        {"key": "k", "status": ["2026-12-02", 0, 0, 0, None, {}, 0, None], "last": None},
        {
            "key": "k",
            "status": ["2026-12-02", 0, 0, 0, None, [], 0, None],
            "last": [1, "2026-12-02T10:00:00", True],  # not an aware time
        },
    ],
)
def test_anything_unexpected_in_the_kept_facts_is_a_miss(
    kept: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "read", lambda name: kept)
    assert launch_cache.cached("k") is None


def test_the_facts_are_read_from_the_sessions_of_their_window_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(tmp_path)
    built = builds(monkeypatch)
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW))
    facts = launch_cache.read_facts(store, NOW.date(), 3, 0)
    assert facts.last is not None and not facts.last.has_outcome
    assert facts.status.this_week == 1
    assert 1 <= len(built) <= 2  # the last session (and this week's): never the old ones


def test_kept_facts_read_back_as_they_were(tmp_path: Path) -> None:
    store = history(tmp_path)
    facts = launch_cache.read_facts(store, date(2026, 12, 2), 3, 0)
    launch_cache.save("k", facts)
    assert launch_cache.cached("k") == facts
    assert launch_cache.cached("another key") is None
