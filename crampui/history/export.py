"""The history as JSON-ready entries, made straight from the stored documents (no Textual).

``crampui history --json`` lists every session and every cramp logged on its own. The
documents were checked when the file was read (the whole-file check, or each journal line as
it was applied), so the entries are made from them without building a record per session:
the same values, text cleaned the same way and in the same order as
:func:`crampui.cli.commands.history_cmds.entry_as_json` of each timeline entry, in a fraction of
the time (no dataclass, no check repeated).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from crampui.history.codec import iso, parse_time, red_flag_answers, stored_text
from crampui.history.entry import joined_note
from crampui.history.records import MAX_SIDE_LENGTH, MAX_WHERE_LENGTH
from crampui.history.stretch_records import stretches_from_doc
from crampui.history.versions import is_deleted

Entry = dict[str, Any]

StretchName = Callable[[str | None], str]
"""The name shown for a cramp's stretch id (None: not recorded); ``history --json`` names them
as the stored routine does, the person's own stretches too, as its record-based reference."""


class Documents(NamedTuple):
    """What the store holds, as read (never changed: a write replaces documents)."""

    sessions: dict[str, Any]
    """Session documents by uid, deleted ones' markers included."""
    episodes: dict[str, Any]
    """Episode documents by uid, deleted ones' markers included."""
    numbers: dict[str, int]
    """This computer's number of every session uid."""
    owners: dict[str, list[str]]
    """The uids of each session's live episodes, by session uid."""


def history_entries(
    documents: Documents, loose_kind: str, stretch_name: StretchName
) -> list[Entry]:
    """Every live session (kind "session") and every cramp on its own (kind ``loose_kind``),
    newest first as the timeline orders them, each cramp's stretch named by ``stretch_name``;
    ValueError if a document is malformed."""
    known = documents.sessions
    sessions: list[tuple[datetime, int, Entry]] = []
    for uid, doc in known.items():
        if not is_deleted(doc):
            number = documents.numbers[uid]
            saved_at = parse_time(doc["saved_at"], "saved_at")
            entry = _session(uid, doc, number, saved_at, documents, stretch_name)
            sessions.append((saved_at, number, entry))
    sessions.sort(key=lambda found: (found[0], found[1]), reverse=True)
    loose = [
        (at, {"kind": loose_kind, **_episode(uid, doc, at, None, stretch_name)})
        for uid, doc in documents.episodes.items()
        if not is_deleted(doc) and doc.get("session") not in known
        for at in (parse_time(doc["at"], "episode time"),)
    ]
    loose.sort(key=lambda found: found[0], reverse=True)
    merged: list[Entry] = []
    next_loose = 0
    for saved_at, _, entry in sessions:
        while next_loose < len(loose) and loose[next_loose][0] > saved_at:
            merged.append(loose[next_loose][1])
            next_loose += 1
        merged.append(entry)
    merged.extend(entry for _, entry in loose[next_loose:])
    return merged


def _session(
    uid: str,
    doc: dict[str, Any],
    number: int,
    saved_at: datetime,
    documents: Documents,
    stretch_name: StretchName,
) -> Entry:
    """A live session document as its entry (its episodes oldest first)."""
    mine = [
        (parse_time(documents.episodes[key]["at"], "episode time"), key)
        for key in documents.owners.get(uid, ())
    ]
    mine.sort(key=lambda found: found[0])
    outcome, note, stretches = doc.get("outcome"), doc.get("note", ""), doc.get("stretches")
    older = outcome.get("note", "") if isinstance(outcome, dict) else ""  # one note since
    return {
        "kind": "session",
        "id": number,
        "uid": uid,
        "seq": number,
        "saved_at": saved_at.isoformat(),
        "local_time": saved_at.astimezone().isoformat(),
        "done": doc.get("done", "").split(),
        "skipped": doc.get("skipped", "").split(),
        "pending": doc.get("pending", "").split(),
        "outcome": None if outcome is None else _outcome(outcome),
        "episodes": [
            _episode(key, documents.episodes[key], at, number, stretch_name) for at, key in mine
        ],
        "stretches": [
            {"id": r.stretch_id, "status": r.status, "reason": r.reason}
            for r in stretches_from_doc(stretches)
        ]
        if stretches
        else [],
        "note": joined_note(note, older) if note or older else "",  # most sessions: none
    }


def _outcome(doc: dict[str, Any]) -> Entry:
    """An outcome document as its entry (red-flag answers: yes ones first)."""
    asked = "red_flag_answers" in doc or doc.get("red_flags")  # most outcomes: none asked
    yes, no = red_flag_answers(doc) if asked else ((), ())
    where = doc.get("where", "")
    return {
        "cramped": doc["cramped"],
        "severity": doc.get("severity"),
        "where": stored_text(where, "where", MAX_WHERE_LENGTH) if where else "",
        "region": doc.get("region"),
        "side": doc.get("side"),
        "spread": doc.get("spread"),
        "red_flags": list(yes),
        "red_flag_answers": dict.fromkeys(yes, "yes") | dict.fromkeys(no, "no") if asked else {},
        "advice_shown": doc.get("advice_shown", False),
    }


def _episode(
    uid: str, doc: dict[str, Any], at: datetime, session: int | None, stretch_name: StretchName
) -> Entry:
    """An episode document as its entry, with its session's number (None: on its own)."""
    side, stretch = doc.get("side"), doc.get("stretch")
    return {
        "uid": uid,
        "at": iso(at),
        "local_time": at.astimezone().isoformat(),
        "session": session,
        "repetition": doc.get("repetition"),
        "side": None if side is None else stored_text(side, "side", MAX_SIDE_LENGTH) or None,
        "seconds_into_hold": doc.get("seconds_into_hold"),
        "hold_seconds": doc.get("hold_seconds"),
        "stretch": stretch,
        "stretch_name": stretch_name(stretch),
    }
