"""Records to JSON documents and back, and the file's bytes to tables and back.

Reading is strict: anything crampui would not have written (NaN, 1e400, nesting too deep for
Python, lone surrogates, control characters beyond what cleaning removes, out-of-range times)
raises ValueError or :class:`UnreadableError`, never anything else. Text read back is cleaned
exactly as typed text is, so nothing from a file reaches a terminal as a control sequence.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, cast

from crampui.history.entry import joined_note, parse_note
from crampui.history.errors import HistoryError, UnreadableError
from crampui.history.parsing import RECORD_BY_RECORD_FROM, record_by_record
from crampui.history.records import (
    MAX_SIDE_LENGTH,
    MAX_WHERE_LENGTH,
    CrampEpisode,
    Draft,
    ItemRecord,
    ItemState,
    Outcome,
    Session,
    item,
    unique_items,
    utc,
)
from crampui.history.stretch_records import stretch_field, stretches_doc, stretches_from_doc
from crampui.usertext import MAX_USER_TEXT, clean_user_text, shown, terminal_safe

EARLIER_RED_FLAGS = ("numbness", "leg-pain", "weakness", "severe-pain")
"""The questions asked before answers were stored one by one (``red_flags`` held the yes ids
and was saved only once all four were answered, so any yes means the others were a no)."""
PLACES = ("region", "side", "spread")  # the structured "where it cramped" of an outcome
EPISODE_TIMER_FIELDS = ("repetition", "side", "seconds_into_hold", "hold_seconds")

STORED_ORDER: tuple[ItemState, ...] = ("done", "skipped", "pending")
"""The item states as stored, each a string of space-separated ids."""

Doc = dict[str, Any]

FIELD_GROUPS = {field: "items" for field in (*STORED_ORDER, "reasons")}
"""Fields merged as one (:mod:`crampui.history.fieldmerge`): the items' states and reasons."""


def iso(moment: datetime) -> str:
    """``moment`` as UTC ISO-8601 with microseconds, e.g. 2026-11-25T20:15:30.123456+00:00."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_time(text: object, what: str) -> datetime:
    """Parse a stored timestamp (aware ISO-8601) into UTC; ValueError if it is not one."""
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError(f"{what} must be a timestamp string, got {shown(text)}")
    return utc(datetime.fromisoformat(text), what)


def stored_text(value: object, what: str, max_length: int = MAX_USER_TEXT) -> str:
    """Text read from the file, cleaned as if it had just been typed; ValueError if too long."""
    if value == "":
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {shown(value)}")
    return clean_user_text(value, field=what, max_length=max_length)


def items_to_doc(items: Sequence[ItemRecord]) -> Doc:
    """Items as space-separated ``done``/``skipped``/``pending`` ids plus ``reasons``.

    Ids never contain spaces, and one string per state instead of a list of strings makes a
    large history parse and serialise about a third faster. Empty fields are left out.
    """
    doc: Doc = {}
    for state in STORED_ORDER:
        ids = " ".join(record.item_id for record in items if record.state == state)
        if ids:
            doc[state] = ids
    reasons = {record.item_id: record.reason for record in items if record.reason}
    if reasons:
        doc["reasons"] = reasons
    return doc


def items_from_doc(doc: Mapping[str, Any]) -> tuple[ItemRecord, ...]:
    """The inverse of :func:`items_to_doc`; items come back grouped done, skipped, pending."""
    ids = tuple(doc.get(state, "") for state in STORED_ORDER)
    for state, joined in zip(STORED_ORDER, ids, strict=True):
        if not isinstance(joined, str):
            raise ValueError(f"{state} must be a string of space-separated item ids")
    reasons = doc.get("reasons")
    if reasons is None:
        return _items_without_reasons(*ids)
    if not isinstance(reasons, dict):
        raise ValueError("reasons must be an object")
    cleaned = {
        key: stored_text(text, f"reason for skipping {key}") for key, text in reasons.items()
    }
    return _build_items(ids, cleaned)


@lru_cache(maxsize=4096)
def _items_without_reasons(done: str, skipped: str, pending: str) -> tuple[ItemRecord, ...]:
    """Items with no skip reasons, shared: most sessions repeat a few combinations."""
    return _build_items((done, skipped, pending), {})


def _build_items(ids: Sequence[str], reasons: Mapping[str, str]) -> tuple[ItemRecord, ...]:
    """ItemRecords from the stored id strings (in ``STORED_ORDER``) and skip reasons."""
    records: list[ItemRecord] = []
    for state, joined in zip(STORED_ORDER, ids, strict=True):
        records.extend(item(item_id, state, reasons.get(item_id, "")) for item_id in joined.split())
    return unique_items(records)


def outcome_to_doc(outcome: Outcome) -> Doc:
    """The outcome as a JSON-ready dictionary, empty fields left out."""
    doc: Doc = {"cramped": outcome.cramped}
    if outcome.severity is not None:
        doc["severity"] = outcome.severity
    texts = ("where", *PLACES)  # left out when empty
    doc.update({name: text for name in texts if (text := getattr(outcome, name))})
    answers = dict.fromkeys(outcome.red_flags, "yes") | dict.fromkeys(outcome.red_flags_no, "no")
    if answers:
        doc["red_flag_answers"] = answers
    if outcome.red_flags:
        doc["red_flags"] = list(outcome.red_flags)  # as older versions read it
    if outcome.advice_shown:
        doc["advice_shown"] = True
    if outcome.recorded_at is not None:
        doc["recorded_at"] = iso(outcome.recorded_at)
    return doc


def red_flag_answers(doc: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The red flags answered (yes, no) in an outcome document of any version; see above."""
    answers, flags = doc.get("red_flag_answers"), doc.get("red_flags", [])
    if answers is None and isinstance(flags, list):
        others = [flag for flag in EARLIER_RED_FLAGS if flag not in flags] if flags else []
        answers = {**dict.fromkeys(flags, "yes"), **dict.fromkeys(others, "no")}
    if not isinstance(answers, dict) or not set(answers.values()) <= {"yes", "no"}:
        raise ValueError(f"red-flag answers must map ids to yes or no, got {shown(answers)}")
    yes = tuple(flag for flag, answer in answers.items() if answer == "yes")
    return yes, tuple(flag for flag, answer in answers.items() if answer == "no")


def outcome_from_doc(doc: Mapping[str, Any]) -> Outcome:
    """Build an outcome from :func:`outcome_to_doc` output; ValueError if it is malformed."""
    recorded = doc.get("recorded_at")
    flags, flags_no = red_flag_answers(doc)
    return Outcome(
        cramped=doc["cramped"],
        severity=doc.get("severity"),
        where=stored_text(doc.get("where", ""), "where", MAX_WHERE_LENGTH),
        red_flags=flags,
        advice_shown=doc.get("advice_shown", False),
        recorded_at=None if recorded is None else parse_time(recorded, "recorded_at"),
        red_flags_no=flags_no,
        **{name: doc.get(name) for name in PLACES},
    )


def episode_to_doc(episode: CrampEpisode) -> Doc:
    """The episode as a JSON-ready dictionary."""
    timer = {name: getattr(episode, name) for name in EPISODE_TIMER_FIELDS}
    return {"at": iso(episode.at), **timer, **stretch_field(episode.stretch_id)}


def episode_from_doc(doc: Mapping[str, Any], uid: str = "") -> CrampEpisode:
    """Build an episode from :func:`episode_to_doc` output; ValueError if it is malformed."""
    side = doc.get("side")
    return CrampEpisode(
        at=parse_time(doc["at"], "episode time"),
        repetition=doc.get("repetition"),
        side=None if side is None else stored_text(side, "side", MAX_SIDE_LENGTH) or None,
        **{name: doc.get(name) for name in EPISODE_TIMER_FIELDS[2:]},
        stretch_id=doc.get("stretch"),
        uid=uid,
    )


def session_to_doc(session: Session) -> Doc:
    """The session as a JSON-ready dictionary (its uid is the document's key; its episodes
    are records of their own)."""
    doc: Doc = {"seq": session.seq, "saved_at": iso(session.saved_at)}
    doc.update(items_to_doc(session.items), **stretches_doc(session.stretches))
    if session.note:
        doc["note"] = session.note
    if session.outcome is not None:
        doc["outcome"] = outcome_to_doc(session.outcome)
    return doc


def session_from_doc(
    doc: Mapping[str, Any],
    number: int,
    uid: str = "",
    episodes: tuple[CrampEpisode, ...] = (),
) -> Session:
    """Build session ``number`` from :func:`session_to_doc` output; ValueError if malformed."""
    older = outcome.get("note", "") if isinstance(outcome := doc.get("outcome"), Mapping) else ""
    return Session(
        id=number,
        seq=number,
        saved_at=parse_time(doc["saved_at"], "saved_at"),
        items=items_from_doc(doc),
        note=joined_note(doc.get("note", ""), older),  # the next write stores the one note
        outcome=None if outcome is None else outcome_from_doc(outcome),
        episodes=episodes,
        uid=uid,
        stretches=stretches_from_doc(doc.get("stretches", [])),
    )


def draft_to_doc(draft: Draft) -> Doc:
    """The draft as a JSON-ready dictionary."""
    doc: Doc = {"saved_at": iso(draft.saved_at), **items_to_doc(draft.items)}
    if draft.note:
        doc["note"] = draft.note
    return doc


def draft_from_doc(doc: Mapping[str, Any]) -> Draft:
    """Build a draft from :func:`draft_to_doc` output; ValueError if it is malformed."""
    return Draft(
        items=items_from_doc(doc),
        saved_at=parse_time(doc["saved_at"], "saved_at"),
        note=parse_note(doc.get("note", "")),
    )


def encode(tables: Mapping[str, Any]) -> bytes:
    """Serialise compactly; HistoryError for NaN, infinity or values JSON cannot hold."""
    try:
        text = json.dumps(
            tables, ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":")
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, RecursionError) as error:
        raise HistoryError(
            "Refusing to save a value that JSON cannot store "
            f"({terminal_safe(str(error))}); nothing was written."
        ) from error


def _reject_constant(name: str) -> float:
    """json.loads hook: a stored NaN or Infinity means the file was not written by crampui."""
    raise ValueError(f"it contains {name}, which crampui never writes")


def _finite_float(text: str) -> float:
    """json.loads hook: a number too large for a float (1e400) is malformed, not infinity."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"it contains the number {shown(text, 20)}, too large to store")
    return number


@lru_cache(maxsize=1)
def _decoder() -> json.JSONDecoder:
    """The strict decoder: no NaN or infinity, no float too large to be finite."""
    return json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)


def _parsed(raw: bytes) -> Any:
    """The JSON in ``raw``: record by record if large and read in a thread (anything that
    parser refuses goes to ``json.loads``, which says what is wrong), else in one call."""
    in_thread = threading.current_thread() is not threading.main_thread()
    if in_thread and len(raw) >= RECORD_BY_RECORD_FROM:
        with contextlib.suppress(ValueError, IndexError, RecursionError):
            return record_by_record(raw.decode("utf-8"), _decoder())
    return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)


def decode(raw: bytes) -> dict[str, Any]:
    """Parse the file's bytes into tables; UnreadableError unless a JSON object of objects."""
    if b"\x00" in raw:
        raise UnreadableError("it contains NUL bytes")
    try:
        data = _parsed(raw)
    except RecursionError:
        raise UnreadableError("it is nested too deeply") from None
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise UnreadableError(f"it is not valid JSON: {terminal_safe(str(error))}") from error
    if not isinstance(data, dict):
        raise UnreadableError(f"it holds a JSON {type(data).__name__}, not tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            kind = type(table).__name__
            raise UnreadableError(f"its {shown(name)} table is a JSON {kind}, not records")
    return cast(dict[str, Any], data)
