"""``crampui log`` and ``crampui history`` run as a user would: ``python -m crampui``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crampui.content.safety import CLI_WATCH_LINE

NOTE = "[bold]x[/] [@click=app.quit]hi[/] \x1b[31mred"
NOTE_STORED = "[bold]x[/] [@click=app.quit]hi[/] red"


def crampui(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui [--db DB] ARGS`` and capture its output."""
    db_args = ["--db", str(db)] if db is not None else []
    return subprocess.run(
        [sys.executable, "-m", "crampui", *db_args, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


def assert_usage_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit status 2 and exactly one stderr line, starting 'crampui: error:', no traceback."""
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert result.stderr.startswith("crampui: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "h.json"


def history_json(db: Path) -> list[dict[str, object]]:
    result = crampui("history", "--json", db=db)
    assert result.returncode == 0, result.stderr
    parsed: list[dict[str, object]] = json.loads(result.stdout)
    return parsed


def test_log_saves_a_session_with_its_outcome(db: Path) -> None:
    result = crampui(
        "log", "--done", "hydrate", "warm-up", "--skip", "loosen", "--cramp", "--severity", "4",
        "--where", "lower back", db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Saved session #1 (2 done, 1 skipped).\n{CLI_WATCH_LINE}\n"
    assert result.stderr == ""
    [session] = history_json(db)
    assert session["done"] == ["hydrate", "warm-up"] and session["skipped"] == ["loosen"]
    assert "posture" in session["pending"]  # type: ignore[operator]
    assert session["outcome"] == {
        "cramped": True,
        "severity": 4,
        "where": "lower back",
        "region": None,
        "side": None,
        "spread": None,
        "red_flags": [],
        "red_flag_answers": {},
        "advice_shown": False,
    }
    assert str(session["saved_at"]).endswith("+00:00")


def test_log_cramp_says_what_to_watch_for_and_leaves_the_questions_unasked(db: Path) -> None:
    result = crampui(
        "log", "--cramp", "--severity", "8", "--note", "pain and tingling down left leg", db=db
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    saved, advice = result.stdout.splitlines()
    assert saved == "Saved session #1 (0 done, 0 skipped)."
    assert "buttock or leg" in advice and "`crampui cause 9`" in advice
    assert "not asked" in advice
    [session] = history_json(db)
    assert session["outcome"]["red_flag_answers"] == {}  # type: ignore[index]
    assert crampui("log", "--no-cramp", db=db).stdout == "Saved session #2 (0 done, 0 skipped).\n"


def test_log_stores_where_it_cramped_structured(db: Path) -> None:
    result = crampui(
        "log", "--cramp", "--region", "lower", "--side", "left", "--spread", "thigh",
        "--where", "a band", db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Into the leg: See a GP or physiotherapist within the next few days" in result.stdout
    [session] = history_json(db)
    outcome = session["outcome"]
    assert isinstance(outcome, dict)
    assert (outcome["region"], outcome["side"], outcome["spread"]) == ("lower", "left", "thigh")
    assert outcome["where"] == "a band"


def test_status_checked_brings_the_reminders_back(db: Path, tmp_path: Path) -> None:
    from crampui.history import HistoryStore, Outcome

    store = HistoryStore(db)
    flagged = Outcome(True, 7, red_flags=("leg-spread",), advice_shown=True)
    store.add_session([], outcome=flagged)
    line = crampui("status", db=db).stdout
    assert "checked yet? (crampui status --checked)" in line
    answered = crampui("status", "--checked", db=db)
    assert answered.returncode == 0, answered.stderr
    assert "reminders are back" in answered.stdout
    assert "checked yet" not in crampui("status", db=db).stdout
    again = crampui("status", "--checked", db=db)
    assert again.stdout == "No advice to get checked is pausing the reminders.\n"


def test_log_uses_crampui_db_when_there_is_no_db_option(isolated_user_dirs: Path) -> None:
    assert crampui("log", "--no-cramp").returncode == 0
    assert (isolated_user_dirs / "history.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--done", "hydrat"), "unknown checklist item 'hydrat' (did you mean 'hydrate'?)"),
        (("--skip", "stretch-more"), "valid items: hydrate, "),
        (("--done", "x", "hydrate", "--skip", "postur"), "items 'x', 'postur' (did you mean"),
        (("--done", "loosen", "--skip", "loosen"), "loosen: an item cannot be both"),
        (("--cramp", "--severity", "11"), "--severity must be a whole number from 0 to 10"),
        (("--cramp", "--severity", "-1"), "You gave '-1'"),
        (("--cramp", "--severity", "abc"), "You gave 'abc'"),
        (("--cramp", "--severity", "3.5"), "You gave '3.5'"),
        (("--severity", "3"), "add --cramp"),
        (("--no-cramp", "--severity", "3"), "add --cramp"),
        (("--note", "n" * 5001), "--note is 5,001 characters; the limit is 5,000"),
        (("--cramp", "--no-cramp"), "not allowed with argument"),
        (("--cramp", "--spread", "ankle"), "--spread must be one of back, buttock, thigh"),
        (("--cramp", "--region", "neck"), "--region must be one of upper, middle, lower"),
        (("--cramp", "--side", "up"), "--side must be one of left, right, both, middle"),
        (("--no-cramp", "--spread", "thigh"), "add --cramp"),
    ],
)
def test_log_rejects_bad_input_and_stores_nothing(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    result = crampui("log", *args, db=db)
    assert_usage_error(result, message)
    assert not db.exists()


def test_a_rejected_log_leaves_an_existing_history_unchanged(db: Path) -> None:
    crampui("log", "--done", "hydrate", db=db)
    before = db.read_bytes()
    assert_usage_error(crampui("log", "--done", "nope", db=db), "unknown checklist item")
    assert db.read_bytes() == before


def test_notes_are_stored_and_printed_literally_without_escape_codes(db: Path) -> None:
    result = crampui("log", "--cramp", "--where", "=1+1", "--note", NOTE, db=db)
    assert result.returncode == 0, result.stderr
    [session] = history_json(db)
    assert session["note"] == NOTE_STORED
    table = crampui("history", db=db).stdout
    assert NOTE_STORED in table and "\x1b" not in table
    assert "cramped" in table and "0/9" in table


def test_history_csv_parses_back_and_guards_against_formulas(db: Path) -> None:
    crampui("log", "--done", "hydrate", "posture", "--note", "plain", db=db)
    formula = "=cmd|' /C calc'!A0"
    crampui("log", "--cramp", "--severity", "6", "--where", "@SUM(A1)", "--note", formula, db=db)
    assert crampui("log", "--no-cramp", "--note=-2+3", db=db).returncode == 0
    crampui("log", "--done", "hydrate", "--note", '+ok, "quoted"\nnext line', db=db)
    result = crampui("history", "--csv", db=db)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "number", "uid", "saved_at_local", "done", "skipped", "cramped", "severity", "where",
        "note", "kind",
    ]  # fmt: skip
    assert [row["number"] for row in rows] == ["4", "3", "2", "1"]
    assert all(len(row["uid"]) == 32 for row in rows)
    assert {row["kind"] for row in rows} == {"session"}
    assert [row["note"] for row in rows] == [
        '\'+ok, "quoted" next line',
        "'-2+3",
        "'=cmd|' /C calc'!A0",
        "plain",
    ]
    assert rows[1]["cramped"] == "no" and rows[1]["severity"] == ""
    assert rows[2]["where"] == "'@SUM(A1)" and rows[2]["severity"] == "6"
    assert rows[3]["done"] == "hydrate;posture" and rows[3]["cramped"] == ""
    assert len(rows[3]["saved_at_local"]) == len("2026-11-25 20:15:30")


def test_history_json_is_newest_first_with_ids_and_times(db: Path) -> None:
    for note in ("one", "two"):
        crampui("log", "--done", "hydrate", "--note", note, db=db)
    sessions = history_json(db)
    assert [(s["id"], s["seq"], s["note"]) for s in sessions] == [(2, 2, "two"), (1, 1, "one")]
    assert set(sessions[0]) == {
        "kind", "id", "uid", "seq", "saved_at", "local_time", "done", "skipped", "pending",
        "outcome", "episodes", "stretches", "note",
    }  # fmt: skip
    assert sessions[0]["kind"] == "session"
    assert sessions[0]["outcome"] is None and sessions[0]["episodes"] == []


def test_an_empty_history(db: Path) -> None:
    assert crampui("history", db=db).stdout == "No sessions yet.\n"
    assert json.loads(crampui("history", "--json", db=db).stdout) == []
    assert crampui("history", "--csv", db=db).stdout.splitlines() == [
        "number,uid,saved_at_local,done,skipped,cramped,severity,where,note,kind"
    ]
    assert not db.exists()


def test_a_recovered_history_is_reported_on_stderr(db: Path) -> None:
    from crampui.history import HistoryStore

    crampui("log", "--no-cramp", "--note", "in the backup", db=db)
    HistoryStore(db).compact()
    crampui("log", "--no-cramp", "--note", "in the journal", db=db)
    HistoryStore(db).compact()  # the backup holds the first, this computer's journal the second
    db.write_bytes(b'{"sessions": {"1": ')
    result = crampui("history", db=db)
    assert result.returncode == 0
    assert result.stderr.startswith("crampui: warning: ")
    assert ".corrupt-" in result.stderr and "restored" in result.stderr
    assert "in the backup" in result.stdout and "in the journal" in result.stdout


def test_a_history_from_a_newer_version_is_a_clear_error(db: Path) -> None:
    db.write_text('{"meta": {"1": {"schema_version": 3}}}')
    assert_usage_error(crampui("history", db=db), "written by a newer crampui (schema 3)")
    assert_usage_error(crampui("log", "--no-cramp", db=db), "Upgrade crampui")
    assert db.read_text() == '{"meta": {"1": {"schema_version": 3}}}'


def test_cramps_logged_on_their_own_are_listed_and_labelled(db: Path) -> None:
    """An F2 cramp outside a session shows in the table, the JSON and the CSV, at its time."""
    from datetime import datetime, timezone

    from crampui.history import CrampEpisode, HistoryStore

    crampui("log", "--done", "hydrate", "--note", "before", db=db)
    saved_at = HistoryStore(db).sessions()[0].saved_at
    HistoryStore(db).add_episode(CrampEpisode(saved_at.replace(year=saved_at.year + 1)))
    HistoryStore(db).add_episode(CrampEpisode(datetime(2001, 2, 3, 4, 5, tzinfo=timezone.utc)))

    table = crampui("history", db=db).stdout.splitlines()
    assert len(table) == 4
    assert "cramp on its own" in table[1] and "before" in table[2]
    assert "cramp on its own" in table[3] and table[3].startswith("-")

    entries = history_json(db)
    assert [entry["kind"] for entry in entries] == [
        "cramp on its own",
        "session",
        "cramp on its own",
    ]
    assert entries[2]["at"] == "2001-02-03T04:05:00.000000+00:00" and "local_time" in entries[2]

    rows = list(csv.DictReader(io.StringIO(crampui("history", "--csv", db=db).stdout)))
    assert [row["kind"] for row in rows] == ["cramp on its own", "session", "cramp on its own"]
    assert rows[2]["cramped"] == "yes" and rows[2]["done"] == ""


def test_log_at_backfills_a_past_session_in_local_time(db: Path) -> None:
    result = crampui("log", "--done", "hydrate", "--at", "2026-12-01 18:30", db=db)
    assert result.returncode == 0 and result.stdout == "Saved session #1 (1 done, 0 skipped).\n"
    [session] = json.loads(crampui("history", "--json", db=db).stdout)
    assert session["local_time"].startswith("2026-12-01T18:30:00")


@pytest.mark.parametrize(
    ("at", "message"),
    [("2999-01-01 08:00", "is in the future"), ("yesterday", "like 2026-12-01 18:30")],
)
def test_log_at_refuses_the_future_and_other_text(db: Path, at: str, message: str) -> None:
    assert_usage_error(crampui("log", "--done", "hydrate", "--at", at, db=db), message)
    assert not db.exists()


def test_log_help_describes_every_option_and_lists_the_item_ids(db: Path) -> None:
    text = " ".join(crampui("log", "--help").stdout.split())
    for described in (
        "--done ITEM [ITEM ...] items you did",
        "--skip ITEM [ITEM ...] items",
        "--cramp your back cramped",
        "--no-cramp it did not cramp",
        "--at",
    ):
        assert described in text
    assert "Checklist items: hydrate," in text and "no-nerve-symptoms." in text


def test_a_cramp_in_an_own_stretch_is_named_by_the_stored_routine(db: Path) -> None:
    """``history --json`` names a cramp's own stretch (``stretch_name``) and the plain table
    shows the name, as the routine stores it, in a session and on its own."""
    from datetime import datetime, timezone

    from crampui.history import CrampEpisode, HistoryStore

    assert crampui("routine", "own", "Wall sit", db=db).returncode == 0
    assert crampui("log", "--stretches", "Wall sit", "--no-cramp", db=db).returncode == 0
    store = HistoryStore(db)
    at = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    store.add_episode(CrampEpisode(at, 2, "left", 3.0, 5, "own-wall-sit"), 1)
    store.add_episode(CrampEpisode(at, 1, None, 2.0, 5, "own-wall-sit"))
    loose, session = sorted(history_json(db), key=lambda entry: str(entry["kind"]))
    assert loose["kind"] == "cramp on its own"
    assert (loose["stretch"], loose["stretch_name"]) == ("own-wall-sit", "Wall sit")
    episodes = session["episodes"]
    assert isinstance(episodes, list)
    assert [episode["stretch_name"] for episode in episodes] == ["Wall sit"]
    table = crampui("history", db=db)
    assert table.returncode == 0, table.stderr
    assert "Wall sit, rep 1, 2 s into the hold" in table.stdout
    assert "own-wall-sit" not in table.stdout
