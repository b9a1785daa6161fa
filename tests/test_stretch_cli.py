"""``crampui stretches`` and ``crampui stretch ID`` (issue 29)."""

from __future__ import annotations

import json

import pytest

from crampui.cli.main import run
from crampui.content.store import Content


def test_stretches_lists_each_with_its_cue_and_dose(
    capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    assert run(["stretches"]) == 0
    text = capsys.readouterr().out
    for stretch in content.stretches:
        assert f"{stretch.id:<16} {stretch.name}" in text
    assert "hold 5 s · 5 reps · each side" in text
    assert "hold 5 s · 8 reps\n" in text
    assert "not medical advice" in text


def test_stretches_json_has_the_caution_and_causes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stretches", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows][:3] == ["knee-rolls", "bottom-to-heels", "knee-to-chest"]
    knee = rows[2]
    assert knee["both_sides"] is True and knee["hold_seconds"] == 5
    assert {"number": 9, "slug": "nerve-compression"} in knee["causes"]
    assert all("leg" in row["caution"] for row in rows)


@pytest.mark.parametrize("key", ["knee-to-chest", "Knee to chest", "  KNEE-TO-CHEST "])
def test_stretch_shows_one_with_its_caution(capsys: pytest.CaptureFixture[str], key: str) -> None:
    assert run(["stretch", key]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Knee to chest  (knee-to-chest)\n")
    assert "Caution\n  Move slowly" in text
    assert "  - 9. Nerve compression" in text


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("knee-to-chst", "unknown stretch 'knee-to-chst' (did you mean 'knee-to-chest'?)"),
        ("cat camel", "(did you mean 'cat-camel'?)"),
        ("zzz", "unknown stretch 'zzz': use one of knee-rolls, bottom-to-heels"),
    ],
)
def test_a_bad_stretch_id_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], key: str, message: str
) -> None:
    assert run(["stretch", key]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and captured.err.count("\n") == 1
