"""The one parser for what a person types about an outcome: used by the dialog and ``log``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.history import MAX_SEVERITY, Outcome
from crampui.history.entry import FieldNames, parse_note, parse_outcome, parse_severity, parse_where
from crampui.usertext import UserTextError

CLI = FieldNames("--severity", "--where", "--note", cramp_hint="add --cramp")


@pytest.mark.parametrize(
    ("text", "value"), [(None, None), ("", None), ("  ", None), (" 0 ", 0), ("10", 10), ("007", 7)]
)
def test_a_severity_is_blank_or_a_whole_number_up_to_ten(
    text: str | None, value: int | None
) -> None:
    assert parse_severity(text) == value


@pytest.mark.parametrize("text", ["11", "-1", "3.5", "abc", "١", "²", "1e1", "9" * 5000])
def test_anything_else_is_refused_with_a_short_message(text: str) -> None:
    with pytest.raises(
        ValueError, match=r"^Severity must be a whole number from 0 to 10\."
    ) as caught:
        parse_severity(text)
    assert len(str(caught.value)) < 100  # 5,000 digits are not echoed, nor Python's int limit


def test_the_caller_names_its_fields() -> None:
    with pytest.raises(ValueError, match="^--severity must be"):
        parse_severity("x", CLI.severity)
    with pytest.raises(UserTextError, match="^--where is 201 characters; the limit is 200$"):
        parse_where("w" * 201, CLI.where)
    with pytest.raises(ValueError, match="^--severity and --where describe a cramp: add --cramp$"):
        parse_outcome(False, "3", names=CLI)
    with pytest.raises(ValueError, match="describe a cramp: choose Yes$"):
        parse_outcome(None, where="lower back")


def test_an_outcome_is_built_from_cleaned_fields() -> None:
    outcome = parse_outcome(True, " 6 ", " lower\tback \x1b[2J")
    assert outcome == Outcome(True, 6, "lower back")
    assert parse_note("[bold]sore[/]\x07") == "[bold]sore[/]"
    assert parse_outcome(False) == Outcome(False)
    assert parse_outcome(None) is None


@given(st.text(max_size=8))
def test_parsing_never_raises_anything_but_value_error(text: str) -> None:
    try:
        value = parse_severity(text)
    except ValueError as error:
        assert "\n" not in str(error) and "\x1b" not in str(error)
    else:
        assert value is None or 0 <= value <= MAX_SEVERITY
