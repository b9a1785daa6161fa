"""Saved sessions and the cramps logged on their own, in one newest-first list (no Textual).

A cramp logged with F2 outside a recent session belongs to no session; the History tab and
``crampui history`` list it among the sessions, at its own time, labelled as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from crampui.history import CrampEpisode, Session

Entry = Session | CrampEpisode
"""One line of the history: a saved session, or a cramp logged on its own."""

ON_ITS_OWN = "cramp on its own"
"""How a cramp that belongs to no session is labelled."""


def entry_time(entry: Entry) -> datetime:
    """When the session was saved or the cramp logged (UTC)."""
    return entry.saved_at if isinstance(entry, Session) else entry.at


def timeline(sessions: Sequence[Session], loose: Sequence[CrampEpisode]) -> list[Entry]:
    """``sessions`` and the ``loose`` cramps in one list, newest first by date (sessions
    saved at the same moment: highest number first), as the History tab lists them."""
    cramps = sorted(loose, key=lambda episode: episode.at, reverse=True)
    merged: list[Entry] = []
    for session in sorted(sessions, key=lambda s: (s.saved_at, s.id), reverse=True):
        while cramps and cramps[0].at > session.saved_at:
            merged.append(cramps.pop(0))
        merged.append(session)
    return merged + cramps


def episode_details(episode: CrampEpisode, names: Mapping[str, str] | None = None) -> str:
    """In which stretch and where in a set the cramp came, when known: "Knee to chest, rep 2,
    left side, 12 s into the hold" ("stretch not recorded, ..." without a routine; ``names``
    name the stretches, see :func:`crampui.checklist.routines.stretch_label`)."""
    from crampui.checklist.routines import stretch_label

    details: list[str] = [stretch_label(names, episode.stretch_id)]
    if episode.repetition is not None:
        details.append(f"rep {episode.repetition}")
    if episode.side:
        details.append(f"{episode.side} side")
    if episode.seconds_into_hold is not None:
        details.append(f"{episode.seconds_into_hold:.0f} s into the hold")
    return ", ".join(details)
