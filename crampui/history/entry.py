"""What a person types about a session or its outcome, parsed once for the dialog and the CLI.

Each rule is written here only: severity is a whole number from 0 to MAX_SEVERITY (blank for
none), "where" and the note are cleaned and bounded, and severity and "where" describe a
cramp. ``names`` lets each caller say how its fields are called ("Severity" in the dialog,
"--severity" on the command line). Errors are ValueError (UserTextError for text) with a
one-line message that quotes at most a short, escaped piece of the input.
"""

from __future__ import annotations

from dataclasses import dataclass

from crampui.history.records import (
    MAX_NOTE_LENGTH,
    MAX_SEVERITY,
    MAX_WHERE_LENGTH,
    NOTES_JOINED_BY,
    REGIONS,
    SIDES,
    SPREADS,
    Outcome,
)
from crampui.usertext import clean_user_text, shown


@dataclass(frozen=True)
class FieldNames:
    """How the caller names the fields in messages."""

    severity: str = "Severity"
    where: str = "Where"
    note: str = "Note"
    cramp_hint: str = "choose Yes"
    """What to do when severity or "where" is given without a cramp."""
    region: str = "Region"
    side: str = "Side"
    spread: str = "Spread"


DIALOG = FieldNames()
"""The outcome dialog's field names."""


def parse_severity(text: str | None, name: str = DIALOG.severity) -> int | None:
    """``text`` as a severity: None when blank or missing, else a whole number 0..10."""
    if text is None or not text.strip():
        return None
    stripped = text.strip()
    if not (len(stripped) <= 3 and stripped.isascii() and stripped.isdigit()) or (
        int(stripped) > MAX_SEVERITY
    ):
        raise ValueError(
            f"{name} must be a whole number from 0 to {MAX_SEVERITY}. You gave {shown(text, 20)}."
        )
    return int(stripped)


def parse_where(text: str, name: str = DIALOG.where) -> str:
    """Where the back cramped, cleaned; UserTextError if it is too long."""
    return clean_user_text(text, field=name, max_length=MAX_WHERE_LENGTH)


def parse_note(text: str, name: str = DIALOG.note) -> str:
    """A session's note, cleaned; UserTextError if it is too long."""
    return clean_user_text(text, field=name, max_length=MAX_NOTE_LENGTH)


def joined_note(note: str, older: str = "") -> str:
    """A session's one note, cleaned: an older session kept a second note in its outcome (the
    ``older``), joined after it (once, if the same) and never dropped."""
    if not older:
        return parse_note(note)  # every session written since
    texts = (parse_note(note), parse_note(older))
    return NOTES_JOINED_BY.join(dict.fromkeys(text for text in texts if text))


def parse_choice(text: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    """``text`` as one of ``allowed`` (None when blank or missing); ValueError naming them."""
    if text is None or not text.strip():
        return None
    choice = text.strip().lower()
    if choice not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}. You gave {shown(text, 20)}.")
    return choice


@dataclass(frozen=True)
class Place:
    """Where it cramped, as chosen: region, side and how far it spread (None: not given)."""

    region: str | None = None
    side: str | None = None
    spread: str | None = None


def parse_place(
    region: str | None, side: str | None, spread: str | None, names: FieldNames = DIALOG
) -> Place:
    """The structured place from typed or chosen values; ValueError for an unknown one."""
    return Place(
        parse_choice(region, REGIONS, names.region),
        parse_choice(side, SIDES, names.side),
        parse_choice(spread, SPREADS, names.spread),
    )


def parse_outcome(
    cramped: bool | None,
    severity: str | None = None,
    where: str = "",
    names: FieldNames = DIALOG,
    place: Place = Place(),
) -> Outcome | None:
    """The outcome described by the typed fields (None when ``cramped`` is not answered).

    ValueError if severity, "where" or the place is given without a cramp.
    """
    level = parse_severity(severity, names.severity)
    own_words = parse_where(where, names.where)
    placed = place != Place()
    if cramped is not True and (level is not None or own_words or placed):
        described = (
            f"{names.severity}, {names.where} and the place"
            if placed
            else (f"{names.severity} and {names.where}")
        )
        raise ValueError(f"{described} describe a cramp: {names.cramp_hint}")
    if cramped is None:
        return None
    return Outcome(
        cramped=cramped,
        severity=level,
        where=own_words,
        region=place.region,
        side=place.side,
        spread=place.spread,
    )
