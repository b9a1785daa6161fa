"""How each stretch of a routine went in a session: done, skipped or cut short.

Below :mod:`crampui.history.records` (a session holds these), so it checks its own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crampui.usertext import clean_user_text, shown

STRETCH_STATUSES = ("done", "skipped", "cut short")
"""How a stretch of a routine went in a session."""

MAX_STRETCHES = 50
"""A session records at most this many stretches."""

MAX_STRETCH_ID_LENGTH = 100
"""The longest stretch id accepted."""


@dataclass(frozen=True, slots=True)
class StretchRecord:
    """One stretch of a routine in a session: done, skipped (with a reason) or cut short."""

    stretch_id: str
    status: str
    reason: str = ""

    def __post_init__(self) -> None:
        """Reject bad ids, unknown statuses and a reason on a stretch that was done."""
        stretch_id = self.stretch_id
        if not (
            isinstance(stretch_id, str)
            and 0 < len(stretch_id) <= MAX_STRETCH_ID_LENGTH
            and stretch_id.isprintable()
            and " " not in stretch_id
        ):
            raise ValueError(
                f"stretch id must be a non-empty id without spaces, got {shown(stretch_id)}"
            )
        if self.status not in STRETCH_STATUSES:
            raise ValueError(
                f"a stretch is {', '.join(STRETCH_STATUSES)}, got {shown(self.status)}"
            )
        if not isinstance(self.reason, str):
            raise ValueError(f"a stretch's reason must be text, got {shown(self.reason)}")
        if self.reason and self.status == "done":
            raise ValueError("only a stretch skipped or cut short has a reason")


def stretch_to_doc(record: StretchRecord) -> dict[str, Any]:
    """A stretch of a session as a JSON-ready dictionary (no reason when there is none)."""
    doc: dict[str, Any] = {"id": record.stretch_id, "status": record.status}
    if record.reason:
        doc["reason"] = record.reason
    return doc


def stretches_doc(stretches: tuple[StretchRecord, ...]) -> dict[str, Any]:
    """A session's ``stretches`` field ({} when it had none, so none is stored)."""
    return {"stretches": [stretch_to_doc(r) for r in stretches]} if stretches else {}


def stretch_field(stretch_id: str | None) -> dict[str, str]:
    """An episode's ``stretch`` field ({} when not recorded, so none is stored)."""
    return {} if stretch_id is None else {"stretch": stretch_id}


def stretches_from_doc(raw: object) -> tuple[StretchRecord, ...]:
    """The stretches of a session from :func:`stretch_to_doc` outputs; ValueError if bad."""
    if not isinstance(raw, list) or len(raw) > MAX_STRETCHES:
        raise ValueError(f"stretches must be a list of at most {MAX_STRETCHES}")
    return tuple(
        StretchRecord(doc["id"], doc["status"], _stored_reason(doc.get("reason", "")))
        for doc in raw
    )


def _stored_reason(value: object) -> str:
    """A reason read from the file, cleaned as if just typed; ValueError if not text."""
    if not isinstance(value, str):
        raise ValueError(f"a stretch's reason must be text, got {shown(value)}")
    return clean_user_text(value, field="reason for a stretch")
