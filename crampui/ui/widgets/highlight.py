"""Literal text with the words a search hit matched emphasised."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from crampui.content.search import highlight_spans


def highlighted(text: str, matched: Iterable[str]) -> Content:
    """``text`` as literal content (never markup) with the ``matched`` words emphasised."""
    result = Content(text)
    for start, end in highlight_spans(text, matched):
        result = result.stylize("bold $text-accent underline", start, end)
    return result
