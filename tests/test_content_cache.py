"""The saved JSON answers of ``causes``, ``cause`` and ``faq`` (crampui.content_cache)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crampui import content_cache
from crampui.content import content_path

ASKED = (
    ["causes", "--json"],
    ["causes", "back", "pain", "--json"],
    ["cause", "3", "--json"],
    ["cause", "dehydration", "--json"],
    ["faq", "how long", "--json"],
    ["faq", "--json"],
)


def crampui(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui ARGV`` (in the isolated user directories of conftest)."""
    return subprocess.run(
        [sys.executable, "-m", "crampui", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_cache_finds_the_same_content_file_as_the_loader() -> None:
    """content_cache reads the file crampui.content loads (without importing it)."""
    assert Path(content_cache.content_file()) == content_path()


@pytest.mark.parametrize("argv", ASKED, ids=" ".join)
def test_a_saved_answer_is_printed_byte_for_byte_again(argv: list[str]) -> None:
    """The first run computes and saves; the second prints the saved text, identical."""
    first = crampui(*argv)
    assert first.returncode == 0, first.stderr
    assert content_cache.cached(argv) == first.stdout.removesuffix("\n")
    second = crampui(*argv)
    assert (second.returncode, second.stdout, second.stderr) == (0, first.stdout, "")
    json.loads(second.stdout)


def test_an_answer_for_other_content_is_not_used() -> None:
    """A cache saved for a different content hash is a miss, then replaced."""
    assert crampui("cause", "3", "--json").returncode == 0
    path = Path(content_cache.cache_file())
    data = json.loads(path.read_text())
    data["answers"] = {key: "[]" for key in data["answers"]}
    data["key"] = "crampui-content-answers-1:0:stale"
    path.write_text(json.dumps(data))
    assert content_cache.cached(["cause", "3", "--json"]) is None
    result = crampui("cause", "3", "--json")
    assert json.loads(result.stdout)["number"] == 3
    assert json.loads(path.read_text())["key"] == content_cache.content_key()


@pytest.mark.parametrize("junk", [b"", b"{", b"[1]", b'{"key": 1, "answers": []}', b"\xff"])
def test_a_broken_cache_file_is_a_miss(junk: bytes) -> None:
    """Whatever is in the cache file, the command still answers correctly."""
    path = Path(content_cache.cache_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(junk)
    result = crampui("causes", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 12


def test_errors_and_other_forms_are_not_cached() -> None:
    """An unknown cause is an error every time; forms with options are never looked up."""
    for _ in range(2):
        result = crampui("cause", "99", "--json")
        assert result.returncode == 2
        assert "unknown cause" in result.stderr
    assert content_cache.question_in(["cause", "--db", "x", "3", "--json"]) is None
    assert content_cache.question_in(["faq", "-x", "--json"]) is None
    assert content_cache.question_in(["causes"]) is None
    assert content_cache.question_in(["history", "--json"]) is None


def test_the_cache_keeps_at_most_max_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Old answers are dropped beyond MAX_ANSWERS."""
    monkeypatch.setattr(content_cache, "MAX_ANSWERS", 3)
    for number in range(5):
        content_cache.save(content_cache.question("faq", [str(number)]), f"[{number}]")
    answers = json.loads(Path(content_cache.cache_file()).read_text())["answers"]
    assert list(answers.values()) == ["[2]", "[3]", "[4]"]
