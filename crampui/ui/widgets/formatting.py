"""Helpers that turn literal strings into styled Textual content, never parsing markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content


def bullet_list(lines: Iterable[str]) -> Content:
    """Lines as a bulleted block of literal text."""
    return Content("\n").join(Content.assemble(("• ", "$accent"), line) for line in lines)
