"""Words for counts, the same everywhere (no Textual)."""

from __future__ import annotations


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and ``noun``, in the plural unless the count is one: "1 session", "3 sessions"."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural_noun or noun + 's'}"
