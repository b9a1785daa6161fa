"""``crampui episodes`` and the episodes in ``crampui history --json``, run as a user would."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.history import CrampEpisode, HistoryStore, ItemRecord
from tests.clocks import FakeWallClock
from tests.test_cli_imports import run_with_importtime
from tests.test_history_cli import assert_usage_error, crampui

NOW = datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history (local time UTC) with session #1 holding a timer cramp, and one on its own."""
    monkeypatch.setenv("TZ", "UTC")
    path = tmp_path / "h.json"
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(hours=1)))
    session = store.add_session([ItemRecord("hydrate", "done")])
    store.add_episode(CrampEpisode(NOW - timedelta(minutes=50), 2, "=left", 12.4, 30), session.id)
    store.add_episode(CrampEpisode(NOW - timedelta(days=1)))
    return path


def stored(db: Path) -> list[tuple[str, int | None]]:
    """Every stored episode's uid and session number, newest first."""
    return [(e.uid, None if s is None else s.id) for e, s in HistoryStore(db).episodes()]


def test_the_table_lists_every_cramp_with_its_session_or_on_its_own(db: Path) -> None:
    result = crampui("episodes", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "When              Session     Stretch       Rep  Side   Into the hold",
        "2026-12-02 11:40  #1          not recorded  2    =left  12 of 30 s",
        "2026-12-01 12:30  on its own  not recorded",
    ]


def test_an_empty_history_says_so(tmp_path: Path) -> None:
    result = crampui("episodes", db=tmp_path / "none.json")
    assert (result.returncode, result.stdout) == (0, "No cramps logged yet.\n")
    assert not (tmp_path / "none.json").exists()


def test_json_has_each_cramps_uid_and_session_number(db: Path) -> None:
    result = crampui("episodes", "--json", db=db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["uid"], row["session"]) for row in rows] == stored(db)
    assert stored(db)[1][1] is None  # the cramp on its own: session null
    assert rows[0] | {"uid": ""} == {
        "uid": "",
        "at": "2026-12-02T11:40:00.000000+00:00",
        "local_time": "2026-12-02T11:40:00+00:00",
        "session": 1,
        "repetition": 2,
        "side": "=left",
        "seconds_into_hold": 12.4,
        "hold_seconds": 30,
        "stretch": None,
        "stretch_name": "stretch not recorded",
    }
    assert rows[1]["repetition"] is None and rows[1]["seconds_into_hold"] is None


def test_csv_keeps_a_formula_like_side_as_text(db: Path) -> None:
    result = crampui("episodes", "--csv", db=db)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "local_time", "session", "repetition", "side", "seconds_into_hold", "hold_seconds", "uid",
        "stretch",
    ]  # fmt: skip
    uids = [uid for uid, _ in stored(db)]
    assert rows[1:] == [
        ["2026-12-02 11:40:00", "1", "2", "'=left", "12.4", "30", uids[0], ""],
        ["2026-12-01 12:30:00", "", "", "", "", "", uids[1], ""],
    ]


def test_history_json_lists_each_sessions_cramps_and_episodes_the_loose_ones(db: Path) -> None:
    result = crampui("history", "--json", db=db)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    [session] = [entry for entry in entries if entry["kind"] == "session"]
    [(in_session, _), (loose, _)] = stored(db)
    assert [episode["uid"] for episode in session["episodes"]] == [in_session]
    assert session["episodes"][0]["session"] == 1
    assert session["episodes"][0]["seconds_into_hold"] == 12.4
    [on_its_own] = [entry for entry in entries if entry["kind"] == "cramp on its own"]
    assert (on_its_own["uid"], on_its_own["session"]) == (loose, None)
    listed = json.loads(crampui("episodes", "--json", db=db).stdout)
    assert {row["uid"] for row in listed} == {in_session, loose}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "--csv"], "not allowed with argument"),
        (["--yaml"], "unrecognized arguments: --yaml"),
        (["3"], "unrecognized arguments: 3"),
    ],
    ids=" ".join,
)
def test_bad_options_are_one_line_and_exit_2(db: Path, args: list[str], message: str) -> None:
    assert_usage_error(crampui("episodes", *args, db=db), message)


def test_a_history_from_a_newer_crampui_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    before = path.read_bytes()
    assert_usage_error(crampui("episodes", db=path), "newer")
    assert path.read_bytes() == before


def test_only_the_episodes_module_is_imported(tmp_path: Path) -> None:
    _, modules = run_with_importtime("episodes", "--db", str(tmp_path / "none.json"))
    from crampui.cli.main import COMMANDS

    assert "crampui.cli.commands.episodes_cmds" in modules
    others = {module for module, _ in COMMANDS.values()} - {"crampui.cli.commands.episodes_cmds"}
    assert others.isdisjoint(modules)
    assert not [name for name in modules if name == "textual" or name.startswith("textual.")]
