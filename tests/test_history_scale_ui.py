"""The History tab with a long history: read off the UI thread, listed at once, only the rows
on screen made."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.strip import Strip

from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
from crampui.history.codec import encode, iso, session_to_doc
from crampui.history.versions import derived_uid
from crampui.ui.app import CrampApp
from crampui.ui.messages import CrampReported
from crampui.ui.panes.history import BACKGROUND_FROM, LOADING_MESSAGE, PAGE_ROWS, HistoryPane, Shown
from crampui.ui.widgets.line_table import LineTable
from tests.test_flows_history import confirm_delete, row_text
from tests.waiting import wait_for_app_ready, wait_for_focus, wait_for_workers, wait_until

pytestmark = pytest.mark.ui

SESSIONS = BACKGROUND_FROM + 500
START = datetime(2020, 1, 1, 7, tzinfo=timezone.utc)


def long_history(path: Path, count: int = SESSIONS) -> None:
    """Write ``count`` daily sessions (every third one cramped) straight to ``path``."""
    sessions = {}
    for seq in range(1, count + 1):
        at = START + timedelta(hours=12 * seq)
        outcome = Outcome(seq % 3 == 0, 4 if seq % 3 == 0 else None, recorded_at=at)
        uid = derived_uid("long", seq)
        items = (ItemRecord("hydrate", "done" if seq % 2 else "skipped"),)
        doc = session_to_doc(Session(seq, seq, at, items, f"day {seq}", outcome, uid=uid))
        sessions[uid] = {**doc, "changed_at": iso(at), "device": "aaaaaaaaaaaa"}
    path.write_bytes(encode({"meta": {"1": {"schema_version": 2}}, "sessions": sessions}))


async def history_read(pilot: Pilot[int]) -> HistoryPane:
    """Once the app is ready, show History and wait until the whole history is read."""
    await wait_for_app_ready(pilot)
    await pilot.press("4")
    await wait_for_focus(pilot, "#history-table")
    pane = pilot.app.query_one(HistoryPane)
    await wait_until(pilot, pane.first_load.is_set, "the whole history to be read")
    return pane


def table(app: CrampApp) -> LineTable:
    """The History table."""
    return app.query_one("#history-table", LineTable)


async def test_a_long_history_is_read_in_the_background_and_listed_at_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.json"
    long_history(path)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_app_ready(pilot)
        assert not app.query(HistoryPane), "built only when its tab is first shown"
        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        pane = app.query_one(HistoryPane)
        await wait_until(pilot, pane.first_load.is_set, "the whole history to be read")
        assert table(app).row_count == SESSIONS, "every entry is listed as soon as it is read"
        assert f"day {SESSIONS}" in " ".join(row_text(app, 0))
        summary = str(app.query_one("#history-summary").render())
        assert f"{SESSIONS:,}" in summary or str(SESSIONS) in summary, summary
        await pilot.press("ctrl+end")
        await wait_until(pilot, lambda: table(app).cursor_row == SESSIONS - 1, "the last row")
        assert "day 1" in " ".join(row_text(app, SESSIONS - 1))
        await pilot.press("ctrl+home")
        await confirm_delete(pilot)
        await wait_until(pilot, lambda: HistoryStore(path).count() == SESSIONS - 1, "deleted")
        await wait_until(  # re-read in the background
            pilot, lambda: f"day {SESSIONS - 1}" in " ".join(row_text(app, 0)), "the row to go"
        )
        await pilot.press("u")
        await wait_until(pilot, lambda: HistoryStore(path).count() == SESSIONS, "undone")
        await wait_until(
            pilot, lambda: f"day {SESSIONS}" in " ".join(row_text(app, 0)), "the row back"
        )


def rows_drawn(app: CrampApp) -> set[int]:
    """The rows of the History table drawn and kept since it was last filled."""
    return {row for row, _cursor, _focus in table(app).lines.keys()}  # noqa: SIM118 - not iterable


async def test_only_the_rows_shown_are_made(tmp_path: Path) -> None:
    """Listing a long history makes the cells of the rows on screen only; scrolling to the end
    (as the wheel does) draws the oldest rows and leaves the cursor where it was."""
    path = tmp_path / "history.json"
    long_history(path)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        await wait_until(pilot, lambda: 0 in rows_drawn(app), "the first rows drawn")
        assert len(pane.listed) == SESSIONS
        assert max(rows_drawn(app)) < table(app).size.height, "only the rows on screen"
        table(app).scroll_end(animate=False, immediate=True)
        await wait_until(pilot, lambda: SESSIONS - 1 in rows_drawn(app), "the oldest row drawn")
        assert table(app).cursor_row == 0, "scrolling leaves the cursor where it was"
        assert len(rows_drawn(app)) < 3 * table(app).size.height


async def test_a_cursor_move_draws_only_the_rows_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down draws two rows again (the one left, the one reached), not the whole table."""
    path = tmp_path / "history.json"
    long_history(path, 300)
    drawn: list[int] = []
    render_row = LineTable.render_row

    def counted(widget: LineTable, row: int, cursor: bool) -> Strip:
        drawn.append(row)
        return render_row(widget, row, cursor)

    monkeypatch.setattr(LineTable, "render_row", counted)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await history_read(pilot)
        await pilot.press("down")
        await wait_for_app_ready(pilot)
        drawn.clear()
        await pilot.press("down")
        await wait_until(pilot, lambda: table(app).cursor_row == 2, "a row down")
        await wait_until(pilot, lambda: sorted(drawn) == [1, 2], "the two rows drawn")
        await wait_for_app_ready(pilot)
        assert sorted(drawn) == [1, 2], "only the row left and the row reached"


async def test_the_newest_rows_show_while_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    long_history(path)
    release = threading.Event()
    read_all = HistoryPane.read_shown

    def held_read(pane: HistoryPane) -> Shown:
        assert release.wait(30), "the test never let the read finish"
        return read_all(pane)

    monkeypatch.setattr(HistoryPane, "read_shown", held_read)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: bool(app.query(HistoryPane)), "the History pane")
        await wait_until(pilot, lambda: table(app).row_count == PAGE_ROWS, "the newest rows")
        assert f"day {SESSIONS}" in " ".join(row_text(app, 0))
        assert LOADING_MESSAGE in str(app.query_one("#history-summary").render())
        pane = app.query_one(HistoryPane)
        assert not pane.first_load.is_set(), "the rest is still being read"
        release.set()
        await wait_until(pilot, pane.first_load.is_set, "the whole history to be read")
        summary = str(app.query_one("#history-summary").render())
        assert LOADING_MESSAGE not in summary and str(SESSIONS) in summary.replace(",", "")


async def test_opening_the_tab_again_reads_the_history_only_if_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    long_history(path)
    reads: list[str] = []
    sessions = HistoryStore.sessions

    def counted(store: HistoryStore, since: datetime | None = None) -> list[Session]:
        reads.append(threading.current_thread().name)
        return sessions(store, since)

    monkeypatch.setattr(HistoryStore, "sessions", counted)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    app.sync_poll_seconds = 3600  # only reopening the tab may read: no poll under a slow run
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        await wait_for_app_ready(pilot)  # the launch checks have read the status too
        assert "MainThread" not in reads, "the UI thread never reads the history"
        before = len(reads)
        await pilot.press("1", "4")
        await wait_for_focus(pilot, "#history-table")
        assert len(reads) == before, (
            "nothing changed: the history read when the tab opened is shown"
        )

        HistoryStore(path).add_session([ItemRecord("hydrate", "done")], note="from the CLI")
        await pilot.press("1", "4")
        await wait_until(
            pilot, lambda: "from the CLI" in " ".join(row_text(app, 0)), "the new session listed"
        )
        assert len(reads) == before + 1 and pane.shown.complete


async def test_the_rows_kept_stay_bounded_as_cramps_are_logged(tmp_path: Path) -> None:
    """A history replaced by another computer (through a sync tool) is read afresh, every entry
    new; the table keeps only rows drawn since, however many times that happens."""
    path = tmp_path / "history.json"
    long_history(path, BACKGROUND_FROM + 100)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        for total in range(BACKGROUND_FROM + 101, BACKGROUND_FROM + 104):
            long_history(path, total)  # one more cramp, synced in from another computer
            app.reload_history()
            await wait_until(pilot, lambda: len(pane.shown.entries) == total, "the synced one")  # noqa: B023 - awaited here
            await wait_for_workers(pilot)
            assert len(table(app).lines) <= 2 * table(app).size.height
        assert not hasattr(pane, "cell_cache"), "the pane keeps no cells of its own"


async def test_a_cursor_move_rebuilds_the_footer_only_when_its_keys_change(
    tmp_path: Path,
) -> None:
    """Down from one session to the next leaves the footer as it is (rebuilding it took most
    of a move's time); onto a session from a cramp logged on its own, o and e come back."""
    path = tmp_path / "history.json"
    long_history(path, 300)
    newest = START + timedelta(hours=12 * 301)
    HistoryStore(path).add_episode(CrampEpisode(newest, side="left"))  # the top row
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        assert isinstance(pane.selected_entry(), CrampEpisode)
        updates: list[object] = []
        app.screen.bindings_updated_signal.subscribe(pane, updates.append)
        await pilot.press("down")
        await wait_until(pilot, lambda: updates, "the footer to offer o and e")
        assert pane.selected_session() is not None
        updates.clear()
        await pilot.press(*["down"] * 20)
        await wait_until(pilot, lambda: table(app).cursor_row == 21, "twenty rows down")
        assert updates == [], "the footer's keys are the same on every session"


async def test_the_rows_kept_stay_bounded_as_many_cramps_are_logged_in_the_app(
    tmp_path: Path,
) -> None:
    """Each cramp logged (F2) re-reads the history: the table keeps only the rows drawn since,
    never more than two screens' worth."""
    path = tmp_path / "history.json"
    long_history(path, 300)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await history_read(pilot)
        for logged in range(1, 31):
            app.post_message(CrampReported(side="left"))
            await wait_until(pilot, lambda: len(pane.shown.loose) == logged, "the cramp")  # noqa: B023 - awaited here
            await wait_for_workers(pilot)
            assert len(table(app).lines) <= 2 * table(app).size.height
        assert len(pane.shown.entries) == 330


async def test_a_change_while_another_tab_is_shown_is_read_when_history_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save elsewhere (here: another process, then the app told of it) re-reads nothing
    while History is hidden; showing it reads once and lists the new session."""
    path = tmp_path / "history.json"
    long_history(path, 300)
    reads: list[str] = []
    sessions = HistoryStore.sessions

    def counted(store: HistoryStore, since: datetime | None = None) -> list[Session]:
        reads.append(threading.current_thread().name)
        return sessions(store, since)

    monkeypatch.setattr(HistoryStore, "sessions", counted)
    app = CrampApp(db_path=str(path), settings_file=tmp_path / "settings.json")
    app.sync_poll_seconds = 3600  # only the test tells the app of the change
    async with app.run_test(size=(100, 30)) as pilot:
        await history_read(pilot)
        await pilot.press("1")
        await wait_for_focus(pilot, "#cause-list")
        HistoryStore(path).add_session([ItemRecord("hydrate", "done")], note="while away")
        before = len(reads)
        app.reload_history()
        await wait_for_workers(pilot)
        assert len(reads) == before, "a hidden History tab reads nothing"
        await pilot.press("4")
        await wait_until(
            pilot, lambda: "while away" in " ".join(row_text(app, 0)), "the new session listed"
        )
        assert len(reads) == before + 1
