"""``crampui history --json`` from its cache: the same answer, never a stale or unsafe one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crampui import history_json_cache, locations
from crampui.history import HistoryStore, ItemRecord, journal
from tests.seeded import seed_history
from tests.test_status import crampui, imported

HEAVY = {"crampui.history", "crampui.cli", "argparse", "json", "tinydb"}
"""What an answer from the cache must not need."""


def answer(*args: str) -> str:
    """The output of ``crampui history --json`` with ``args`` (exit status 0)."""
    result = crampui(*args, "history", "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_the_second_answer_comes_from_the_cache_and_is_the_same(isolated_user_dirs: Path) -> None:
    seed_history(locations.history_path())
    first = crampui("history", "--json")
    assert "crampui.history" in imported(first)
    second = crampui("history", "--json")
    assert second.stdout == first.stdout and json.loads(second.stdout)
    assert not HEAVY & imported(second)


def test_every_change_is_seen_at_once(isolated_user_dirs: Path) -> None:
    history = locations.history_path()
    seed_history(history)
    before = json.loads(answer())
    HistoryStore(history).add_session([ItemRecord("hydrate", "done")], note="just now")
    after = json.loads(answer())
    assert len(after) == len(before) + 1 and after[0]["note"] == "just now"
    HistoryStore(history).delete_session(after[0]["id"])
    assert json.loads(answer()) == before


def test_a_save_that_only_appends_to_a_journal_is_seen(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = locations.history_path()
    seed_history(history)
    answer()
    main = history.read_bytes()
    monkeypatch.setattr(journal, "JOURNAL_FROM_BYTES", 1)
    added = HistoryStore(history).add_session([], note="journaled")
    assert history.read_bytes() == main, "only the journal changed"
    assert json.loads(answer())[0]["uid"] == added.uid


def test_another_db_is_never_served_the_default_answer(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    seed_history(locations.history_path())
    default = answer()
    other = tmp_path / "other.json"
    assert answer("--db", str(other)) == "[]\n"
    assert answer() == default
    assert answer("--db", str(other)) == "[]\n"


def test_a_tampered_cache_is_not_printed(isolated_user_dirs: Path) -> None:
    seed_history(locations.history_path())
    fresh = answer()
    path = Path(history_json_cache.cache_file())
    key = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(f'{key}\n["served from the cache"]\n', encoding="utf-8")
    assert answer() == '["served from the cache"]\n', "the key is current: the cache is read"
    for hostile in ('["\x1b]0;pwned\x07"]', '["\x9b31m"]', "not json", '["\u2028"]'):
        path.write_text(f"{key}\n{hostile}\n", encoding="utf-8")
        assert answer() == fresh
    path.write_bytes(b"\xff\xfe garbage")
    assert answer() == fresh


def test_a_conflict_copy_beside_the_history_is_merged_not_hidden(
    isolated_user_dirs: Path,
) -> None:
    history = locations.history_path()
    seed_history(history)
    before = json.loads(answer())
    copy = history.with_name("history.sync-conflict-20261203-101010-ABCDEFG.json")
    copy.write_bytes(history.read_bytes())
    HistoryStore(copy, device="b2b2b2b2b2b2").add_session([], note="in the conflict copy")
    after = json.loads(answer())
    assert len(after) == len(before) + 1 and after[0]["note"] == "in the conflict copy"
