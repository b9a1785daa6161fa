"""The app on files it did not write: it starts, says what it repaired, shows nothing as markup
and sends no control sequence from a file to the screen (issue 10, cases 2, 3 and 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from crampui.ui.app import CrampApp
from crampui.ui.widgets.line_table import LineTable
from tests.waiting import wait_for_app_ready, wait_until

pytestmark = pytest.mark.ui

SIZE = (120, 36)
MARKUP = "[reverse]x[/] [@click=app.quit]q[/]"
HOSTILE_NOTE = "\x1b]52;c;aGVsbG8=\x07copied \x1b[2Jcleared \x9b31mred"


def session(seq: int, saved_at: str, note: str = "") -> dict[str, object]:
    """A stored session document."""
    return {"seq": seq, "saved_at": saved_at, "done": "hydrate", "note": note}


def write_history(db: Path, sessions: dict[str, object], **tables: object) -> None:
    """A schema-1 history with ``sessions`` (and any other ``tables``)."""
    meta = {"1": {"schema_version": 1}}
    db.write_text(json.dumps({"meta": meta, "sessions": sessions, **tables}))


async def test_values_from_files_are_never_rendered_as_markup(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"theme": MARKUP, "colour": MARKUP}))
    db = tmp_path / "history.json"
    db.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, MARKUP: [1]}))
    app = CrampApp(db_path=str(db), settings_file=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await wait_until(
            pilot, lambda: len(app._notifications) >= 2, "the settings and recovery notices"
        )
        notices = list(app._notifications)
        assert all(not notice.markup for notice in notices)
        messages = " ".join(notice.message for notice in notices)
        assert MARKUP in messages  # shown as the literal characters
        assert "could not be read" in messages and ".corrupt-" in messages
        assert app.is_running  # the [@click=app.quit] did nothing


async def test_the_history_tab_shows_stored_control_characters_cleaned(tmp_path: Path) -> None:
    db = tmp_path / "history.json"
    write_history(db, {"1": session(1, "2026-11-25T20:15:30+00:00", HOSTILE_NOTE)})
    app = CrampApp(db_path=str(db), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("4")
        table = app.query_one("#history-table", LineTable)
        await wait_until(pilot, lambda: table.row_count == 1, "the one session in the table")
        cells = " ".join(str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0))
        detail = str(app.query_one("#history-row-detail", Static).render())
        for shown in (cells, detail):
            assert not {"\x1b", "\x07", "\x9b"} & set(shown), repr(shown)
        assert "copied cleared red" in cells + detail


async def test_the_app_starts_on_a_history_with_an_impossible_time(tmp_path: Path) -> None:
    db = tmp_path / "history.json"
    write_history(
        db,
        {
            "1": session(1, "2026-11-25T20:15:30+00:00"),
            "2": session(2, "9999-12-31T23:59:59-05:00"),
        },
    )
    app = CrampApp(db_path=str(db), settings_file=tmp_path / "settings.json")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await wait_until(pilot, lambda: bool(app._notifications), "the recovery notice")
        [notice] = [n for n in app._notifications if n.title == "History"]
        assert "saved_at is out of range" in notice.message
        assert app.store is not None and app.store.count() == 0  # no backup: starts empty
    assert list(tmp_path.glob("history.json.corrupt-*"))
