"""The user's checklist: the built-in items and their own, as they set them up (no Textual).

The effective checklist is the content's items plus the user's own, merged with the stored
:class:`~crampui.history.item_settings.ItemSetting` records and ordered by position. The changes
(:func:`add`, :func:`hide`, :func:`show`, :func:`rename`, :func:`move`) are pure: each returns
the settings to store, or raises ValueError with a message fit to show the user as is.

Ids are stable: renaming keeps the id, hiding keeps the item (and every session that had it),
and own ids are never reused, since an own item is never deleted. An own id is made from the
label it was added with (``own-took-magnesium``), so the same item added on two computers that
share a history is one item once their copies merge, and two different items never collide.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from crampui.content.store import ChecklistItem, Content
from crampui.history.item_settings import (
    MAX_CAUSES,
    MAX_DETAIL_LENGTH,
    MAX_LABEL_LENGTH,
    MAX_POSITION,
    ItemSetting,
)
from crampui.usertext import clean_user_text, shown

OWN_PREFIX = "own-"
"""Own item ids are this followed by words of their first label."""

MAX_SLUG_LENGTH = 32
"""The longest part of an own id taken from its label."""

YOUR_ITEM = "your item"
"""How an item the user added is marked."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of the user's checklist: what it says, and whether it is theirs or hidden.

    ``item`` carries the shown label, detail and causes (a built-in item keeps its cause
    links; an own item has the causes the user gave); ``position`` is 1-based among all items,
    hidden ones included.
    """

    item: ChecklistItem
    position: int
    own: bool = False
    hidden: bool = False

    @property
    def id(self) -> str:
        """The item's stable id."""
        return self.item.id

    @property
    def label(self) -> str:
        """The label shown for the item."""
        return self.item.label

    @property
    def marks(self) -> tuple[str, ...]:
        """ "your item" and "hidden", where they apply."""
        return tuple(m for m, on in ((YOUR_ITEM, self.own), ("hidden", self.hidden)) if on)


def entries(content: Content, settings: Iterable[ItemSetting]) -> list[Entry]:
    """Every item, hidden ones included, in the user's order.

    A built-in item without a setting keeps its place in the content; settings for ids that are
    neither built-in nor own (a built-in item the content no longer has) are ignored.
    """
    by_id = {setting.item_id: setting for setting in settings}
    built_in = {item.id for item in content.checklist}
    ranked: list[tuple[int, int, str, ChecklistItem, ItemSetting | None]] = []
    for index, item in enumerate(content.checklist):
        setting = by_id.get(item.id)
        position = index if setting is None else setting.position
        ranked.append((position, index, item.id, _built_in_item(item, setting), setting))
    for setting in by_id.values():
        if setting.own and setting.item_id not in built_in:
            item = ChecklistItem(
                setting.item_id, 0, setting.label, setting.detail, tuple(setting.causes)
            )
            ranked.append((setting.position, len(built_in), setting.item_id, item, setting))
    ranked.sort(key=lambda row: row[:3])
    return [
        Entry(
            replace(item, order=number),
            number,
            own=setting is not None and setting.own and item.id not in built_in,
            hidden=setting is not None and setting.hidden,
        )
        for number, (_, _, _, item, setting) in enumerate(ranked, start=1)
    ]


def _built_in_item(item: ChecklistItem, setting: ItemSetting | None) -> ChecklistItem:
    """A built-in item with the user's label and detail, if they changed them."""
    if setting is None:
        return item
    return replace(item, label=setting.label or item.label, detail=setting.detail or item.detail)


def visible(content: Content, settings: Iterable[ItemSetting]) -> list[Entry]:
    """The items the checklist shows, in order (hidden ones left out)."""
    return [entry for entry in entries(content, settings) if not entry.hidden]


def label_of(content: Content, settings: Iterable[ItemSetting], item_id: str) -> str:
    """The label of any item id a session may hold, hidden and own ones included.

    An id the checklist does not know (say, an own item added on another computer and not
    merged yet) is shown as the id itself.
    """
    return labels(content, settings).get(item_id, item_id)


def labels(content: Content, settings: Iterable[ItemSetting]) -> dict[str, str]:
    """Every known item id (hidden and own included) with its label."""
    return {entry.id: entry.label for entry in entries(content, settings)}


def guards_red_flag(content: Content, entry: Entry) -> bool:
    """Whether the item checks for a cause that needs a professional (worth keeping shown)."""
    return any(cause.red_flag for cause in content.causes_for(entry.item))


# -- checking what the user typed ------------------------------------------------------------


def find(content: Content, settings: Iterable[ItemSetting], item_id: str) -> Entry:
    """The item with this id; ValueError with a did-you-mean over every id otherwise."""
    all_entries = entries(content, settings)
    for entry in all_entries:
        if entry.id == item_id:
            return entry
    raise ValueError(unknown_item(item_id, [entry.id for entry in all_entries]))


def unknown_item(item_id: str, valid: Sequence[str]) -> str:
    """The message for an unknown id: the closest valid one as a hint, else the valid ids."""
    close = difflib.get_close_matches(item_id[:100], valid, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"items: {', '.join(valid)}"
    return f"no checklist item {shown(item_id, 40)}; {hint}"


def clean_label(label: str) -> str:
    """``label`` cleaned of control characters; ValueError if empty or too long."""
    cleaned = clean_user_text(label, field="label", max_length=10 * MAX_LABEL_LENGTH)
    if not cleaned:
        raise ValueError("a label cannot be empty")
    if len(cleaned) > MAX_LABEL_LENGTH:
        raise ValueError(
            f"a label is at most {MAX_LABEL_LENGTH} characters; this one has {len(cleaned)}"
        )
    return cleaned


def clean_detail(detail: str) -> str:
    """``detail`` cleaned of control characters; ValueError if too long."""
    cleaned = clean_user_text(detail, field="detail", max_length=10 * MAX_DETAIL_LENGTH)
    if len(cleaned) > MAX_DETAIL_LENGTH:
        raise ValueError(
            f"a detail is at most {MAX_DETAIL_LENGTH} characters; this one has {len(cleaned)}"
        )
    return cleaned


def check_causes(content: Content, numbers: Iterable[int]) -> tuple[int, ...]:
    """The cause numbers, sorted without repeats; ValueError for one the content lacks."""
    known = {cause.number for cause in content.causes}
    unique = sorted(set(numbers))
    bad = [number for number in unique if number not in known]
    if bad:
        noun = "cause" if len(bad) == 1 else "causes"
        raise ValueError(
            f"no {noun} {', '.join(map(str, bad))}: causes are numbered 1 to {len(known)}"
        )
    if len(unique) > MAX_CAUSES:
        raise ValueError(f"an item relates to at most {MAX_CAUSES} causes")
    return tuple(unique)


def parse_causes(content: Content, text: str) -> tuple[int, ...]:
    """Cause numbers typed as "3 5" or "3, 5"; ValueError for anything else."""
    words = text.replace(",", " ").split()
    bad = [word for word in words if not word.isdigit()]
    if bad:
        raise ValueError(f"causes are numbers like 3 5, not {shown(bad[0], 20)}")
    return check_causes(content, (int(word) for word in words))


# -- changes: each returns the settings to store -----------------------------------------------


def _current(content: Content, settings: Sequence[ItemSetting]) -> dict[str, ItemSetting]:
    """Every item's setting as it stands: the stored one, or a default one at its place."""
    current = {setting.item_id: setting for setting in settings}
    for index, item in enumerate(content.checklist):
        current.setdefault(item.id, ItemSetting(item.id, index))
    return current


def own_base_id(label: str) -> str:
    """``own-`` and the words of ``label`` ("Took magnesium" gives ``own-took-magnesium``), or
    a short hash of a label with no Latin letters or digits (the same on every computer)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:MAX_SLUG_LENGTH].strip("-")
    return OWN_PREFIX + (slug or hashlib.sha256(label.encode()).hexdigest()[:8])


def next_own_id(content: Content, settings: Iterable[ItemSetting], label: str) -> str:
    """A new own id from ``label`` ("Took magnesium" gives ``own-took-magnesium``), with a
    number added (``-2``, ...) when another item, hidden ones included, has it already.

    A label with no Latin letters or digits gets a short hash of itself instead, so the same
    label still gives the same id on every computer.
    """
    base = own_base_id(label)
    taken = {setting.item_id for setting in settings} | {item.id for item in content.checklist}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def add(
    content: Content,
    settings: Sequence[ItemSetting],
    label: str,
    detail: str = "",
    causes: Iterable[int] = (),
) -> tuple[str, list[ItemSetting]]:
    """A new own item at the end of the list: its id and the settings to store."""
    last = max((s.position for s in _current(content, settings).values()), default=-1)
    if last >= MAX_POSITION:
        raise ValueError("the checklist cannot take any more items")
    label = clean_label(label)
    refuse_taken_label(content, settings, label)
    setting = ItemSetting(
        next_own_id(content, settings, label),
        position=last + 1,
        own=True,
        label=label,
        detail=clean_detail(detail),
        causes=check_causes(content, causes),
    )
    return setting.item_id, [setting]


def refuse_taken_label(
    content: Content, settings: Sequence[ItemSetting], label: str, item_id: str = ""
) -> None:
    """ValueError naming the item (built-in or own, hidden too) other than ``item_id`` whose
    label is ``label``, ignoring case and spacing."""
    wanted = " ".join(label.casefold().split())
    for entry in entries(content, settings):
        if entry.id != item_id and " ".join(entry.label.casefold().split()) == wanted:
            hint = (
                f"'crampui items show {entry.id}' shows it again"
                if entry.hidden
                else "give this one another label"
            )
            hidden = " (hidden)" if entry.hidden else ""
            raise ValueError(
                f"item {entry.id}{hidden} already has the label {shown(entry.label)}; {hint}"
            )


def hide(content: Content, settings: Sequence[ItemSetting], item_id: str) -> list[ItemSetting]:
    """Settings hiding the item; ValueError if unknown, already hidden or the last one shown."""
    entry = find(content, settings, item_id)
    if entry.hidden:
        raise ValueError(f"{item_id} is already hidden")
    if len(visible(content, settings)) == 1:
        raise ValueError(f"{item_id} is the last item shown; show or add another one first")
    return [replace(_current(content, settings)[item_id], hidden=True)]


def show(content: Content, settings: Sequence[ItemSetting], item_id: str) -> list[ItemSetting]:
    """Settings showing a hidden item again; ValueError if unknown or not hidden."""
    if not find(content, settings, item_id).hidden:
        raise ValueError(f"{item_id} is not hidden")
    return [replace(_current(content, settings)[item_id], hidden=False)]


def rename(
    content: Content, settings: Sequence[ItemSetting], item_id: str, label: str
) -> list[ItemSetting]:
    """Settings giving the item a new label (its id stays); ValueError if unknown or bad."""
    find(content, settings, item_id)
    new_label = clean_label(label)
    refuse_taken_label(content, settings, new_label, item_id)
    built_in = {item.id: item.label for item in content.checklist}
    if built_in.get(item_id) == new_label:
        new_label = ""  # back to the built-in wording, which then follows content updates
    return [replace(_current(content, settings)[item_id], label=new_label)]


def move(
    content: Content, settings: Sequence[ItemSetting], item_id: str, position: int
) -> list[ItemSetting]:
    """Settings putting the item at ``position`` (1-based, hidden items counted).

    Every item whose stored place changes gets a setting; ValueError if unknown or out of range.
    """
    all_entries = entries(content, settings)
    find(content, settings, item_id)
    if not 1 <= position <= len(all_entries):
        raise ValueError(f"position must be from 1 to {len(all_entries)}, got {position}")
    order = [entry.id for entry in all_entries if entry.id != item_id]
    order.insert(position - 1, item_id)
    current = _current(content, settings)
    return [
        replace(current[each], position=index)
        for index, each in enumerate(order)
        if current[each].position != index
    ]
