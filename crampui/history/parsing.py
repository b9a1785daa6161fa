"""Parsing a long history a record at a time, so that a thread reading it lets others run."""

from __future__ import annotations

import json
import re
from typing import Any

RECORD_BY_RECORD_FROM = 1 << 20
"""Files this large (bytes), read in a thread, are parsed a record at a time (see
:func:`record_by_record`); on the main thread one call is quicker."""
_SPACE = re.compile(r"[ \t\n\r]*")


def record_by_record(text: str, decoder: json.JSONDecoder) -> Any:
    """Parse a JSON object of objects of records, each record in a call of its own.

    One ``json.loads`` of a long history holds the interpreter lock for the whole file (a
    third of a second at 100,000 sessions), so a thread reading it would freeze the UI; between
    records, other threads run. ValueError or IndexError for anything but such an object (the
    caller then lets ``json.loads`` say what is wrong).
    """
    scan = decoder.raw_decode

    def skip(pos: int) -> int:
        match = _SPACE.match(text, pos)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def members(pos: int, depth: int) -> tuple[dict[str, Any], int]:
        found: dict[str, Any] = {}
        pos = skip(pos + 1)
        if text[pos] == "}":
            return found, pos + 1
        while True:
            key, pos = scan(text, pos)
            pos = skip(pos)
            if not isinstance(key, str) or text[pos] != ":":
                raise ValueError("expected a key")
            pos = skip(pos + 1)
            if depth < 1 and text[pos] == "{":
                found[key], pos = members(pos, depth + 1)
            else:
                found[key], pos = scan(text, pos)
            pos = skip(pos)
            if text[pos] == "}":
                return found, pos + 1
            if text[pos] != ",":
                raise ValueError("expected , or }")
            pos = skip(pos + 1)

    start = skip(0)
    if text[start] != "{":
        raise ValueError("not an object")
    data, end = members(start, 0)
    if skip(end) != len(text):
        raise ValueError("extra data")
    return data
