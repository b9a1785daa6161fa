"""The user's checklist: their own items, and how built-in ones are renamed, hidden and ordered.

One record per item id, in the ``items`` table. A built-in item needs a record only once the
user changes it; an own item always has one. Ids are never reused: an item is hidden, never
deleted, so the sessions that had it keep their meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crampui.history.codec import Doc, stored_text
from crampui.history.records import check_id, check_int, check_text

MAX_LABEL_LENGTH = 80
"""The longest item label."""

MAX_DETAIL_LENGTH = 500
"""The longest item detail."""

MAX_CAUSES = 12
"""An item relates to at most this many causes."""

MAX_POSITION = 10_000
"""Positions run from 0 to this."""


@dataclass(frozen=True, slots=True)
class ItemSetting:
    """How one checklist item is shown: position, visibility and, if changed, its words.

    ``label`` and ``detail`` are "" for a built-in item the user has not renamed; ``own`` marks
    an item the user added; ``causes`` are the cause numbers an own item relates to.
    """

    item_id: str
    position: int
    hidden: bool = False
    own: bool = False
    label: str = ""
    detail: str = ""
    causes: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        """Reject bad ids, positions, flags, over-long text and bad cause numbers."""
        check_id(self.item_id, "item id")
        check_int(self.position, "position", 0, MAX_POSITION)
        if not isinstance(self.hidden, bool) or not isinstance(self.own, bool):
            raise ValueError("hidden and own must be true or false")
        if len(check_text(self.label, "label")) > MAX_LABEL_LENGTH:
            raise ValueError(f"a label is at most {MAX_LABEL_LENGTH} characters")
        if len(check_text(self.detail, "detail")) > MAX_DETAIL_LENGTH:
            raise ValueError(f"a detail is at most {MAX_DETAIL_LENGTH} characters")
        if self.own and not self.label:
            raise ValueError("an own item needs a label")
        if not isinstance(self.causes, tuple) or len(self.causes) > MAX_CAUSES:
            raise ValueError(f"causes must be a tuple of at most {MAX_CAUSES} cause numbers")
        for number in self.causes:
            check_int(number, "cause number", 1, 99)


def item_setting_to_doc(setting: ItemSetting) -> Doc:
    """The setting as a JSON-ready dictionary (its id is the document's key)."""
    doc: Doc = {"position": setting.position}
    if setting.hidden:
        doc["hidden"] = True
    if setting.own:
        doc["own"] = True
    if setting.label:
        doc["label"] = setting.label
    if setting.detail:
        doc["detail"] = setting.detail
    if setting.causes:
        doc["causes"] = list(setting.causes)
    return doc


def item_setting_from_doc(doc: Mapping[str, Any], item_id: str) -> ItemSetting:
    """Build a setting from :func:`item_setting_to_doc` output; ValueError if malformed."""
    causes = doc.get("causes", [])
    if not isinstance(causes, list):
        raise ValueError("causes must be a list of cause numbers")
    return ItemSetting(
        item_id=item_id,
        position=doc["position"],
        hidden=doc.get("hidden", False),
        own=doc.get("own", False),
        label=stored_text(doc.get("label", ""), "label", MAX_LABEL_LENGTH),
        detail=stored_text(doc.get("detail", ""), "detail", MAX_DETAIL_LENGTH),
        causes=tuple(causes),
    )
