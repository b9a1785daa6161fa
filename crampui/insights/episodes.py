"""The cramp log: every episode with the session it belongs to, as cells and JSON (no Textual).

The Episodes view and ``crampui episodes`` both describe an episode with these functions, so
the app and the command line say the same thing. Times are shown in local time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crampui.checklist.routines import stretch_label
from crampui.history import CrampEpisode, Session, episode_to_doc

Logged = tuple[CrampEpisode, Session | None]
"""An episode and the session it belongs to (None: logged on its own)."""

ON_ITS_OWN = "on its own"
"""The Session column of an episode that belongs to no session."""

COLUMNS = ("When", "Session", "Stretch", "Rep", "Side", "Into the hold")

NOT_RECORDED_CELL = "not recorded"
"""The Stretch cell of a cramp logged without a routine (or before routines existed)."""
"""The column headings of the Episodes view and of ``crampui episodes``."""

CSV_COLUMNS = (
    "local_time", "session", "repetition", "side", "seconds_into_hold", "hold_seconds", "uid",
    "stretch",
)  # fmt: skip
"""The columns of ``crampui episodes --csv``."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may run a cell starting with one of these as a formula."""


def local_when(at: datetime) -> str:
    """``at`` in local time, as the Episodes view shows it: "Wed 02 Dec 2026 12:30"."""
    return at.astimezone().strftime("%a %d %b %Y %H:%M")


def session_label(session: Session | None) -> str:
    """The session column: "#12" for session number 12, "on its own" outside any session."""
    return ON_ITS_OWN if session is None else f"#{session.id}"


def hold_text(episode: CrampEpisode) -> str:
    """How far into the hold the cramp came: "12 of 30 s", "12 s", or "" without the timer."""
    seconds = episode.seconds_into_hold
    if seconds is None:
        return ""
    if episode.hold_seconds is None:
        return f"{seconds:.0f} s"
    return f"{seconds:.0f} of {episode.hold_seconds} s"


def episode_cells(
    episode: CrampEpisode, session: Session | None, names: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The cells of one row, in :data:`COLUMNS` order (blank where the timer did not run);
    ``names`` name the stretches (see :func:`crampui.checklist.routines.stretch_label`), and under
    the Stretch heading, a cramp without one says "not recorded"."""
    repetition = "" if episode.repetition is None else str(episode.repetition)
    stretch = stretch_label(names, episode.stretch_id) if episode.stretch_id else NOT_RECORDED_CELL
    return (
        local_when(episode.at),
        session_label(session),
        stretch,
        repetition,
        episode.side or "",
        hold_text(episode),
    )


def episode_as_json(
    episode: CrampEpisode, session: Session | None = None, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """An episode as a JSON-ready dictionary: its uid, UTC and local time, the session's
    display number (null on its own) and, from the timer, rep, side, seconds and the routine's
    stretch (its id, null when not recorded, and its name)."""
    doc = episode_to_doc(episode)
    return {
        "uid": episode.uid,
        "at": doc.pop("at"),
        "local_time": episode.at.astimezone().isoformat(),
        "session": None if session is None else session.id,
        **doc,
        "stretch": episode.stretch_id,
        "stretch_name": stretch_label(names, episode.stretch_id),
    }


def episode_csv_row(episode: CrampEpisode, session: Session | None) -> tuple[str, ...]:
    """An episode as a CSV row, in :data:`CSV_COLUMNS` order (blank for unknown values).

    A side a spreadsheet would run as a formula is prefixed with ' so it stays text.
    """
    values = episode_as_json(episode, session)
    row = [episode.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")]
    row.extend("" if values[name] is None else str(values[name]) for name in CSV_COLUMNS[1:])
    side = CSV_COLUMNS.index("side")
    if row[side].startswith(FORMULA_PREFIXES):
        row[side] = "'" + row[side]
    return tuple(row)


def count_line(logged: list[Logged]) -> str:
    """A count such as "3 cramps logged, 1 of them on its own" (or "No cramps logged yet.")."""
    if not logged:
        return "No cramps logged yet."
    total = len(logged)
    loose = sum(session is None for _, session in logged)
    noun = "cramp" if total == 1 else "cramps"
    if loose == 0:
        return f"{total} {noun} logged, " + (
            "during a session" if total == 1 else "all in sessions"
        )
    if loose == total:
        return f"{total} {noun} logged, " + ("on its own" if total == 1 else "all on their own")
    return f"{total} {noun} logged, {loose} of them on {'its' if loose == 1 else 'their'} own"
