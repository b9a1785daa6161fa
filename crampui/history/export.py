"""The history as JSON, written straight from the stored documents (no Textual).

``crampui history --json`` lists every session and every cramp logged on its own. The
documents were checked when the file was read (the whole-file check, or each journal line as
it was applied), so the text is written from them without building a record per session or a
dictionary per entry: byte for byte what ``json.dumps(..., ensure_ascii=False)`` gives for
:func:`crampui.cli.commands.history_cmds.entry_as_json` of each timeline entry (the same
values, text cleaned the same way, the same order), in a fraction of the time. What most
sessions repeat (their items, an outcome without text, the UTC time as stored) is written
once and reused.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
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

_text: Callable[[str], str] = json.encoder.encode_basestring
"""A string as JSON (``ensure_ascii=False``), as ``json.dumps`` writes it."""
_value = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
"""Any JSON-ready value as ``json.dumps(..., ensure_ascii=False)`` writes it."""
_UTC_SUFFIX = "+00:00"
_MAX_KEPT = 256
"""At most this many item lists and plain outcomes are kept as JSON for reuse."""


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


def history_json(documents: Documents, loose_kind: str, stretch_name: StretchName) -> str:
    """Every live session (kind "session") and every cramp on its own (kind ``loose_kind``) as
    one JSON list, newest first as the timeline orders them, each cramp's stretch named by
    ``stretch_name``; ValueError if a document is malformed."""
    known = documents.sessions
    sessions: list[tuple[datetime, int, str]] = []
    for uid, doc in known.items():
        if not is_deleted(doc):
            number = documents.numbers[uid]
            saved_at, utc_text, local_text = _times(doc["saved_at"])
            text = _session(uid, doc, number, utc_text, local_text, documents, stretch_name)
            sessions.append((saved_at, number, text))
    sessions.sort(key=lambda found: (found[0], found[1]), reverse=True)
    loose = [
        (at, _value({"kind": loose_kind, **_episode(uid, doc, at, None, stretch_name)}))
        for uid, doc in documents.episodes.items()
        if not is_deleted(doc) and doc.get("session") not in known
        for at in (parse_time(doc["at"], "episode time"),)
    ]
    loose.sort(key=lambda found: found[0], reverse=True)
    merged: list[str] = []
    next_loose = 0
    for saved_at, _, text in sessions:
        while next_loose < len(loose) and loose[next_loose][0] > saved_at:
            merged.append(loose[next_loose][1])
            next_loose += 1
        merged.append(text)
    merged.extend(text for _, text in loose[next_loose:])
    return "[" + ", ".join(merged) + "]"


def _times(stored: object) -> tuple[datetime, str, str]:
    """A checked stored time as (UTC datetime, its UTC ISO text, its local ISO text), as
    ``isoformat()`` writes them; most stored times are already the UTC text."""
    if isinstance(stored, str) and len(stored) == 32 and stored.endswith(_UTC_SUFFIX):
        canonical = stored[10] == "T" and stored[19:26] != ".000000"  # isoformat() leaves
        moment = datetime.fromisoformat(stored)  # out zero microseconds
    else:
        canonical, moment = False, parse_time(stored, "saved_at")
    utc_text = stored if canonical else moment.isoformat()
    assert isinstance(utc_text, str)
    if time.localtime(moment.timestamp()).tm_gmtoff == 0:  # as astimezone() finds it
        return moment, utc_text, utc_text
    return moment, utc_text, moment.astimezone().isoformat()


@lru_cache(maxsize=_MAX_KEPT)
def _ids(joined: str) -> str:
    """Space-separated ids as a JSON list."""
    return "[" + ", ".join(_text(item_id) for item_id in joined.split()) + "]"


def _session(
    uid: str,
    doc: dict[str, Any],
    number: int,
    utc_text: str,
    local_text: str,
    documents: Documents,
    stretch_name: StretchName,
) -> str:
    """A live session document as its entry's JSON (its episodes oldest first)."""
    mine = documents.owners.get(uid)
    episodes = "[]"
    if mine:
        found = [(parse_time(documents.episodes[key]["at"], "episode time"), key) for key in mine]
        found.sort(key=lambda pair: pair[0])
        episodes = _value(
            [_episode(key, documents.episodes[key], at, number, stretch_name) for at, key in found]
        )
    outcome, note, stretches = doc.get("outcome"), doc.get("note", ""), doc.get("stretches")
    older = outcome.get("note", "") if isinstance(outcome, dict) else ""  # one note since
    return (
        f'{{"kind": "session", "id": {number}, "uid": {_text(uid)}, "seq": {number}, '
        f'"saved_at": {_text(utc_text)}, "local_time": {_text(local_text)}, '
        f'"done": {_ids(doc.get("done", ""))}, "skipped": {_ids(doc.get("skipped", ""))}, '
        f'"pending": {_ids(doc.get("pending", ""))}, '
        f'"outcome": {"null" if outcome is None else _outcome(outcome)}, '
        f'"episodes": {episodes}, "stretches": {_stretches(stretches) if stretches else "[]"}, '
        f'"note": {_text(joined_note(note, older)) if note or older else chr(34) * 2}}}'
    )


_PLAIN_OUTCOME = frozenset(("cramped", "severity", "recorded_at", "advice_shown"))
"""An outcome with no other field holds no text: its JSON is the same for the same values."""


def _outcome(doc: dict[str, Any]) -> str:
    """An outcome document as its entry's JSON (red-flag answers: yes ones first)."""
    if doc.keys() <= _PLAIN_OUTCOME:
        cramped, severity = doc["cramped"], doc.get("severity")
        advice = doc.get("advice_shown", False)
        key = (cramped, type(cramped), severity, type(severity), advice, type(advice))
        known = _PLAIN_OUTCOMES.get(key)
        if known is None:
            known = _plain_outcome(cramped, severity, advice)
            if len(_PLAIN_OUTCOMES) < _MAX_KEPT:
                _PLAIN_OUTCOMES[key] = known
        return known
    asked = "red_flag_answers" in doc or doc.get("red_flags")  # most outcomes: none asked
    yes, no = red_flag_answers(doc) if asked else ((), ())
    where = doc.get("where", "")
    return _value(
        {
            "cramped": doc["cramped"],
            "severity": doc.get("severity"),
            "where": stored_text(where, "where", MAX_WHERE_LENGTH) if where else "",
            "region": doc.get("region"),
            "side": doc.get("side"),
            "spread": doc.get("spread"),
            "red_flags": list(yes),
            "red_flag_answers": dict.fromkeys(yes, "yes") | dict.fromkeys(no, "no")
            if asked
            else {},
            "advice_shown": doc.get("advice_shown", False),
        }
    )


_PLAIN_OUTCOMES: dict[tuple[object, ...], str] = {}
"""The JSON of each plain outcome met, by its values and their types (``True`` is not ``1``)."""


def _plain_outcome(cramped: object, severity: object, advice: object) -> str:
    """The JSON of an outcome with no text and no question asked."""
    return _value(
        {
            "cramped": cramped,
            "severity": severity,
            "where": "",
            "region": None,
            "side": None,
            "spread": None,
            "red_flags": [],
            "red_flag_answers": {},
            "advice_shown": advice,
        }
    )


def _stretches(stored: object) -> str:
    """How each stretch of a routine went, as JSON."""
    return _value(
        [
            {"id": r.stretch_id, "status": r.status, "reason": r.reason}
            for r in stretches_from_doc(stored)
        ]
    )


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
