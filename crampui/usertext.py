"""Clean text the user typed before it is stored or shown: no control characters, bounded length.

Notes are one line: every run of whitespace (tabs and line breaks included) becomes one space.
Terminal escape sequences are removed whole, so ``"\\x1b[31mred"`` becomes ``"red"``. Markup such
as ``[bold]x[/]`` is kept as literal characters; displaying it literally is the UI's job.

The same cleaning runs on text read back from files, and :func:`shown` and
:func:`terminal_safe` keep values from files or the command line out of messages as control
sequences or as whole megabytes.
"""

from __future__ import annotations

import re
import sys
import unicodedata

MAX_USER_TEXT = 2000
"""The longest note, reason or place the app accepts, in characters (after cleaning)."""

_ESCAPE_SEQUENCES = re.compile(
    r"""
    (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?            # CSI, e.g. ESC [ 31 m
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                         # OSC, DCS, SOS, PM, APC
      [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?                          # ... up to BEL or ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                  # any other ESC sequence
    """,
    re.VERBOSE,
)
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # C0 and C1 controls and DEL (not whitespace)
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")


class UserTextError(ValueError):
    """Text the user typed cannot be stored (too long, or not text at all)."""


def clean_user_text(text: str, *, field: str = "note", max_length: int = MAX_USER_TEXT) -> str:
    """Return ``text`` safe to store and display, or raise UserTextError if it is too long.

    Removes escape sequences, control characters and bidi overrides, replaces lone surrogates
    (undecodable command-line bytes) with U+FFFD, collapses whitespace to single spaces and
    strips both ends. ``field`` names the text in the error message.
    """
    if not isinstance(text, str):
        raise UserTextError(f"{field} must be text, not {type(text).__name__}")
    if text.isprintable() and text == text.strip(" ") and "  " not in text:
        return _bounded(text, field, max_length)  # the common case: nothing to clean
    text = _ESCAPE_SEQUENCES.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    return _bounded(" ".join(text.split()), field, max_length)


def refuse_undecoded(text: str, field: str) -> str:
    """``text`` unchanged; UserTextError if it holds bytes the locale could not decode (lone
    surrogates, from a command line read with an ASCII-only locale), which storing would garble.
    """
    if _SURROGATES.search(text):
        raise UserTextError(
            f"{field} has characters your locale's encoding ({sys.getfilesystemencoding()}) "
            "cannot read, so it would be stored garbled; nothing was saved. Use a UTF-8 locale "
            "(for example LANG=C.UTF-8)"
        )
    return text


def _bounded(text: str, field: str, max_length: int) -> str:
    """``text``, or UserTextError naming ``field`` if it is longer than ``max_length``."""
    if len(text) > max_length:
        raise UserTextError(f"{field} is {len(text):,} characters; the limit is {max_length:,}")
    return text


def terminal_safe(text: str) -> str:
    """``text`` with every non-printable character (controls, line breaks, bidi) escaped.

    For messages that may carry a path or value from outside: the result is one line and sends
    the terminal no control sequence.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def shown(value: object, limit: int = 60) -> str:
    """``value`` as a short quoted literal for a message: ``repr`` cut to about ``limit``."""
    text = repr(value[: limit + 1] if isinstance(value, (str, bytes)) else value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return terminal_safe(text)


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide characters (CJK, most emoji) two,
    combining marks and format characters none, the rest one."""
    if text.isascii():
        return len(text)
    return sum(
        0
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns (for aligned tables)."""
    return text + " " * (width - display_width(text))
