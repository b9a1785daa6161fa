"""``crampui status``: the line agrees with the store, the cache never serves a stale answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from crampui import cache, locations
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
from crampui.insights import status_cache
from crampui.insights.status import Status, status, status_json, status_line
from crampui.settings import Settings, save_settings
from tests.seeded import seed_history

UTC = timezone.utc
TODAY = date(2026, 11, 25)  # a Wednesday
NOON = datetime.combine(TODAY, time(12), UTC)


@pytest.fixture(autouse=True)
def isolated_cache(isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the status cache in the test's temporary home."""
    cache = isolated_user_dirs / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def session(day: date, seq: int, outcome: bool = True) -> Session:
    """A session at noon UTC on ``day``, with a no-cramp outcome unless ``outcome`` is False."""
    at = datetime.combine(day, time(12), UTC)
    result = Outcome(False, recorded_at=at) if outcome else None
    return Session(seq, seq, at, (ItemRecord("hydrate", "done"),), outcome=result)


def days_ago(*offsets: int, missing: tuple[int, ...] = ()) -> list[Session]:
    """One session per offset (days before TODAY); offsets in ``missing`` lack an outcome."""
    return [
        session(TODAY - timedelta(days=o), n, o not in missing) for n, o in enumerate(offsets, 1)
    ]


def test_line_with_a_target_and_a_missing_outcome() -> None:
    """As in the issue: 2/3 this week · last session yesterday · no outcome for Mon."""
    state = status(days_ago(2, 1, 9), TODAY, target=3, tz=UTC)
    assert status_line(state) == "2/3 this week · last session yesterday"
    state = status(days_ago(2, 1, 9, missing=(2,)), TODAY, target=3, tz=UTC)
    assert status_line(state) == "2/3 this week · last session yesterday · no outcome for Mon"


def test_line_counts_this_weeks_cramps_as_everywhere() -> None:
    """A cramped session with two timed cramps is 2, a cramped one with none is 1, a lone cramp
    is 1; last week's cramps are not this week's."""
    two_timed = replace(
        session(TODAY, 1),
        outcome=Outcome(True, recorded_at=NOON),
        episodes=(CrampEpisode(at=NOON), CrampEpisode(at=NOON)),
    )
    cramped = replace(session(TODAY - timedelta(days=1), 2), outcome=Outcome(True))
    last_week = replace(session(TODAY - timedelta(days=7), 3), outcome=Outcome(True))
    lone = [CrampEpisode(at=NOON), CrampEpisode(at=NOON - timedelta(days=7))]
    state = status([two_timed, cramped, last_week], TODAY, target=3, tz=UTC, loose=lone)
    assert state.cramps_this_week == 4
    assert status_line(state).startswith("2/3 this week, 4 cramps · last session today")
    assert status_json(state)["cramps_this_week"] == 4
    alone = status([], TODAY, tz=UTC, loose=lone[:1])
    assert status_line(alone) == "no sessions yet"  # no session to count against


def test_line_without_a_target_or_sessions() -> None:
    """No target: a plain count. No sessions: says so, and nothing is due."""
    assert status_line(status([], TODAY)) == "no sessions yet"
    assert status_line(status(days_ago(0), TODAY, tz=UTC)) == (
        "1 session this week · last session today"
    )
    empty = status([], TODAY, target=3)
    assert status_line(empty) == "0/3 this week · no sessions yet"
    assert not empty.due


@pytest.mark.parametrize(
    ("offsets", "target", "due"),
    [
        ((2,), 3, False),  # every 2⅓ days: 2 days is fine
        ((3,), 3, True),
        ((1,), 7, False),
        ((2,), 7, True),
        ((7,), 1, False),
        ((8,), 1, True),
        ((1, 2, 3), 3, False),  # Mon, Tue and last Sun... only Mon, Tue this week
        ((8,), 0, False),  # no target: never due
    ],
)
def test_due(offsets: tuple[int, ...], target: int, due: bool) -> None:
    """A session is due once the gap exceeds 7/target days and this week is not met."""
    state = status(days_ago(*offsets), TODAY, target=target, tz=UTC)
    assert state.due is due
    assert ("a session is due" in status_line(state)) is due


def test_met_week_is_never_due() -> None:
    """Once this week has enough sessions nothing is due, however long ago the last one was."""
    state = Status(
        TODAY,
        this_week=3,
        target=3,
        weeks_met=1,
        last_day=TODAY - timedelta(days=5),
        missing_outcomes=(),
    )
    assert not state.due


def test_json_carries_the_same_facts() -> None:
    """--json has the line and the numbers it is made of."""
    state = status(days_ago(0, 1, 12, missing=(0, 1)), TODAY, target=2, tz=UTC)
    data = status_json(state)
    assert data == {
        "line": "2/2 this week · last session today · no outcome for Wed and 1 more",
        "today": "2026-11-25",
        "this_week": 2,
        "cramps_this_week": 0,
        "target": 2,
        "weeks_met_in_a_row": 1,
        "last_session": "2026-11-25",
        "days_since_last": 0,
        "due": False,
        "advice_to_get_checked": None,
        "missing_outcomes": [
            {"session": 1, "date": "2026-11-25"},
            {"session": 2, "date": "2026-11-24"},
        ],
    }


# -- the command and its cache ----------------------------------------------------------------


def crampui(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -X importtime -m crampui ARGS`` in the test's environment."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crampui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=os.environ.copy(),
    )


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Modules the run imported (from its -X importtime log)."""
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def expected_line(path: Path, target: int = 0) -> str:
    """The status computed in-process from the store, for today."""
    sessions = HistoryStore(path).sessions()
    return status_line(status(sessions, datetime.now().astimezone().date(), target))


def test_status_agrees_with_the_store_and_uses_the_cache(isolated_user_dirs: Path) -> None:
    """First run computes (and caches); the second prints the same from the cache, loading no
    history, argparse or Textual; a new session or a new target is seen at once."""
    history = locations.history_path()
    seed_history(history)
    first = crampui("status")
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stdout == expected_line(history) + "\n"
    assert "crampui.history" in imported(first)

    second = crampui("status")
    assert second.stdout == first.stdout
    modules = imported(second)
    assert "crampui.insights.status_cache" in modules
    heavy = {"crampui.history", "crampui.cli.main", "argparse", "tinydb", "textual"}
    assert not heavy & modules
    assert not any(name.startswith("textual") for name in modules)

    HistoryStore(history).add_session([ItemRecord("hydrate", "done")])
    third = crampui("status")
    assert "last session today" in third.stdout
    assert third.stdout == expected_line(history) + "\n"

    save_settings(Settings(weekly_target=4), locations.settings_path())
    fourth = crampui("status", "--json")
    data = json.loads(fourth.stdout)
    assert data["target"] == 4
    assert data["line"] == expected_line(history, target=4)
    assert crampui("status", "--json").stdout == fourth.stdout  # cached JSON is the same
    assert fourth.stdout.isascii()  # valid JSON whatever the terminal's encoding


def test_cache_key_changes_with_the_day_and_files() -> None:
    """Tomorrow, or any write to the history, its journals or the settings, is another key."""
    history, settings = locations.history_path(), locations.settings_path()
    history.parent.mkdir(parents=True, exist_ok=True)
    settings.parent.mkdir(parents=True, exist_ok=True)
    key = status_cache.current_key(today="2026-11-25")
    assert status_cache.current_key(today="2026-11-26") != key
    history.write_text("{}")
    after_write = status_cache.current_key(today="2026-11-25")
    assert after_write != key
    settings.write_text("{}")
    after_settings = status_cache.current_key(today="2026-11-25")
    assert after_settings != after_write
    journal = history.with_name(history.name + ".journal") / "a1a1a1a1a1a1.jsonl"
    journal.parent.mkdir()
    journal.write_text("{}\n")
    after_journal = status_cache.current_key(today="2026-11-25")
    assert after_journal != after_settings, "a save appended to a journal is a change too"
    with journal.open("a") as file:
        file.write("{}\n")
    assert status_cache.current_key(today="2026-11-25") != after_journal


def test_a_stale_or_broken_cache_is_a_miss(isolated_cache: Path) -> None:
    """A cache from another day, or garbage, is never printed."""
    status_cache.save(status_cache.current_key(today="1999-01-01"), "stale line", "{}")
    assert status_cache.cached() is None
    cache.cache_file(status_cache.NAME).write_text("garbage")
    assert status_cache.cached() is None
    status_cache.save(status_cache.current_key(), "fresh", '{"a": 1}')
    assert status_cache.cached() == "fresh"
    assert status_cache.cached(as_json=True) == '{"a": 1}'


def test_db_option_is_not_cached(isolated_user_dirs: Path, tmp_path: Path) -> None:
    """``--db`` picks another history: its answer must not be served for the default one."""
    other = tmp_path / "other.json"
    seed_history(other)
    result = crampui("status", "--db", str(other))
    assert result.returncode == 0 and "last session" in result.stdout
    assert crampui("status").stdout == "no sessions yet\n"


def test_cache_environment_matches_locations() -> None:
    """The cache watches the variables locations.py reads."""
    assert {locations.ENV_DB, locations.ENV_CONFIG_DIR} <= set(cache.ENVIRONMENT)


def test_bad_history_is_one_line_and_exit_2(isolated_user_dirs: Path) -> None:
    """A history from a newer crampui: one line on stderr, status 2, nothing cached."""
    history = locations.history_path()
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    result = crampui("status")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if not line.startswith("import time")]
    assert len(errors) == 1 and errors[0].startswith("crampui: error:")
    assert status_cache.cached() is None


@pytest.mark.parametrize("value", [-1, 22, True, "3", 2.5, None])
def test_weekly_target_setting_rejects_bad_values(value: object) -> None:
    """The target is a whole number from 0 (off, the default) to 21; anything else is ignored."""
    settings, problems = Settings.from_json({"weekly_target": value})
    assert settings.weekly_target == 0
    assert problems and problems[0].startswith("weekly_target must be a whole number from 0")


def test_weekly_target_setting_default_off_and_kept() -> None:
    """Off by default; a valid target survives a JSON round trip."""
    assert Settings().weekly_target == 0
    settings, problems = Settings.from_json(Settings(weekly_target=3).as_json())
    assert settings.weekly_target == 3 and problems == []
