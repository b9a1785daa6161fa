"""The content commands: causes by category or by query, hanging bullets, the closing note."""

from __future__ import annotations

import pytest

from crampui.cli.main import run
from crampui.content.store import CATEGORIES, Content


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """What ``crampui ARGS`` prints, checking it exits 0."""
    assert run(list(args)) == 0
    return capsys.readouterr().out


def test_causes_are_grouped_by_category_as_in_the_app(
    capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    text = output(capsys, "causes")
    headings = [text.index(category.upper()) for category in CATEGORIES]
    assert headings == sorted(headings)
    for category, start in zip(CATEGORIES, headings, strict=True):
        for cause in content.causes_in(category):
            assert text.index(f"{cause.number:>2}. {cause.title}") > start


@pytest.mark.parametrize(("query", "first"), [("9", 9), ("nerv", 9), ("dehydraton", 1)])
def test_causes_query_uses_the_filter_ranking(
    capsys: pytest.CaptureFixture[str], query: str, first: int, content: Content
) -> None:
    lines = output(capsys, "causes", query).splitlines()
    assert lines[0].startswith(f"{first:>2}. {content.cause(first).title}")


def test_cause_bullets_wrap_with_a_hanging_indent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    lines = output(capsys, "cause", "2").splitlines()
    steps = lines[lines.index("What to do") + 1 : lines.index("Related questions") - 1]
    assert any(not line.startswith("  - ") for line in steps), "expected a wrapped bullet"
    for line in steps:
        assert line.startswith(("  - ", "    ")) and not line.startswith("    -")


@pytest.mark.parametrize("args", [("cause", "9"), ("faq",), ("faq", "warm", "up")])
def test_plain_output_ends_with_the_disclaimer(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], content: Content
) -> None:
    text = " ".join(output(capsys, *args).split())
    assert text.endswith(content.disclaimer)
    assert "not medical advice" in text[-len(content.disclaimer) :]


@pytest.mark.parametrize("query", [(), ("nerve",), ("zzzzqqqq",)])
def test_causes_end_with_the_not_medical_advice_line(
    capsys: pytest.CaptureFixture[str], query: tuple[str, ...], content: Content
) -> None:
    """``crampui causes`` (all, filtered or with no match) ends with the closing note too."""
    text = " ".join(output(capsys, "causes", *query).split())
    assert text.endswith(content.disclaimer)
