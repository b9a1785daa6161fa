"""clean_user_text: control characters and escape sequences go, markup stays, length is bounded."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.usertext import MAX_USER_TEXT, UserTextError, clean_user_text, shown, terminal_safe


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m back", "red back"),
        ("\x1b[1;38;5;196mbold\x1b[m", "bold"),
        ("\x1b]0;evil title\x07note", "note"),
        ("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b31mred", "red"),
        ("a\x00b\x07c\x08d\x7fe\x85f", "abcde f"),
        ("bell\x1b", "bell"),
        ("tab\tand\nnew\r\nlines", "tab and new lines"),
        ("  padded   out  ", "padded out"),
        ("left \u202eevil\u202c right \u2066iso\u2069", "left evil right iso"),
        ("caf\u00e9 \U0001f600 \u65e5\u672c", "caf\u00e9 \U0001f600 \u65e5\u672c"),
        ("bad \udcff byte", "bad \ufffd byte"),
    ],
)
def test_control_characters_and_escape_sequences_are_removed(raw: str, clean: str) -> None:
    assert clean_user_text(raw) == clean


@pytest.mark.parametrize(
    "markup", ["[bold]x[/]", "[@click=app.quit]hi[/]", "[link=https://x.y]z[/link]", "\\[a]"]
)
def test_markup_is_kept_as_literal_characters(markup: str) -> None:
    assert clean_user_text(markup) == markup


def test_too_long_text_is_refused_with_the_counts_in_the_message() -> None:
    with pytest.raises(UserTextError) as caught:
        clean_user_text("x" * 2345)
    assert str(caught.value) == "note is 2,345 characters; the limit is 2,000"


def test_the_limit_applies_after_cleaning_and_names_the_field() -> None:
    assert clean_user_text("\x1b[0m" * 1000 + "y" * MAX_USER_TEXT) == "y" * MAX_USER_TEXT
    with pytest.raises(UserTextError, match="^where is 11 characters; the limit is 10$"):
        clean_user_text("lower back!", field="where", max_length=10)


def test_non_text_is_refused() -> None:
    with pytest.raises(UserTextError, match="note must be text"):
        clean_user_text(b"bytes")  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_output_is_always_printable_one_line_and_stable(raw: str) -> None:
    clean = clean_user_text(raw, max_length=10_000)
    assert all(unicodedata.category(c) not in ("Cc", "Cs") for c in clean)
    assert not any(c in clean for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert clean == clean.strip() and "  " not in clean
    assert clean_user_text(clean, max_length=10_000) == clean


@given(st.text(max_size=50))
def test_text_that_needs_no_cleaning_comes_back_unchanged(raw: str) -> None:
    clean = clean_user_text(raw, max_length=10_000)
    if clean.isprintable():  # the fast path: no copy, no regular expressions
        assert clean_user_text(clean, max_length=10_000) is clean


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("plain [bold]text[/]", "plain [bold]text[/]"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("osc\x1b]52;c;aGk=\x07", "osc\\x1b]52;c;aGk=\\x07"),
        ("two\nlines\r", "two\\nlines\\r"),
        ("flip\u202e", "flip\\u202e"),
        ("lone \udcff", "lone \\udcff"),
    ],
)
def test_terminal_safe_escapes_every_control_character(raw: str, safe: str) -> None:
    assert terminal_safe(raw) == safe


@given(st.text())
def test_terminal_safe_output_is_always_printable(raw: str) -> None:
    assert terminal_safe(raw).isprintable()


def test_shown_quotes_values_short_and_escaped() -> None:
    assert shown("x" * 5000) == "'" + "x" * 58 + "…"
    assert shown("\x1b[2J") == "'\\x1b[2J'"
    assert shown(7.5) == "7.5"
    assert len(shown(list(range(10_000)))) == 60
    assert shown(b"\x00" * 100).startswith("b'\\x00")
