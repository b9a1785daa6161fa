"""Find in history: which sessions and lone cramps a filter keeps (no Textual).

A filter has words (each must appear in the session's note, a skip reason, where it cramped,
the name of a stretch it had or a cramp of it came in; in a lone cramp's side or stretch), a
cramp choice (any, yes, no) and a date range (local dates, both ends included). The History
tab shows what :func:`filter_entries` keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from crampui.checklist.routines import stretch_label
from crampui.history import CrampEpisode
from crampui.insights.timeline import Entry, entry_time
from crampui.usertext import clean_user_text, shown

CrampChoice = Literal["any", "yes", "no"]
CRAMP_CHOICES: tuple[CrampChoice, ...] = ("any", "yes", "no")
DATE_FORMAT = "%Y-%m-%d"
MAX_FILTER_TEXT = 200
"""The longest text a filter searches for."""


@dataclass(frozen=True)
class HistoryFilter:
    """What the History table keeps: words, a cramp choice and a date range (None: open)."""

    text: str = ""
    cramp: CrampChoice = "any"
    start: date | None = None
    end: date | None = None

    @property
    def active(self) -> bool:
        """Whether the filter hides anything at all."""
        return self != HistoryFilter()

    def describe(self) -> str:
        """The filter in words: '"stiff" · cramp: yes · 2026-11-01 to 2026-11-20'."""
        parts = [f"“{self.text}”"] if self.text else []
        if self.cramp != "any":
            parts.append(f"cramp: {self.cramp}")
        if self.start and self.end:
            parts.append(f"{self.start:{DATE_FORMAT}} to {self.end:{DATE_FORMAT}}")
        elif self.start:
            parts.append(f"from {self.start:{DATE_FORMAT}}")
        elif self.end:
            parts.append(f"up to {self.end:{DATE_FORMAT}}")
        return " · ".join(parts)


def parse_date(text: str, name: str) -> date | None:
    """``text`` as a date (None when blank); ValueError naming ``name`` if it is not one."""
    if not text.strip():
        return None
    try:
        return datetime.strptime(text.strip(), DATE_FORMAT).date()
    except ValueError:
        raise ValueError(f"{name} must be a date like 2026-11-01, got {shown(text, 20)}") from None


def parse_filter(text: str, cramp: CrampChoice, start: str, end: str) -> HistoryFilter:
    """The filter the typed fields describe; ValueError with a one-line message if they are
    not dates, or the range ends before it starts."""
    words = clean_user_text(text, field="Text", max_length=MAX_FILTER_TEXT)
    if cramp not in CRAMP_CHOICES:
        raise ValueError(f"cramp must be one of {', '.join(CRAMP_CHOICES)}, got {shown(cramp)}")
    first, last = parse_date(start, "From"), parse_date(end, "To")
    if first and last and last < first:
        raise ValueError(f"To ({last:{DATE_FORMAT}}) is before From ({first:{DATE_FORMAT}})")
    return HistoryFilter(words, cramp, first, last)


def searchable(entry: Entry, names: Mapping[str, str] | None = None) -> str:
    """The text a filter searches in ``entry``, casefolded; stretches by their names in
    ``names`` (:func:`~crampui.checklist.routines.stretch_names`; None: the starter set's)."""
    if isinstance(entry, CrampEpisode):
        parts, stretches = [entry.side or ""], [entry.stretch_id]
    else:
        parts = [entry.note, *(item.reason for item in entry.items)]
        if entry.outcome is not None:
            parts.append(entry.outcome.where)
        parts += [record.reason for record in entry.stretches]
        stretches = [record.stretch_id for record in entry.stretches]
        stretches += [episode.stretch_id for episode in entry.episodes]
    parts += [
        stretch_label(names, stretch_id) for stretch_id in dict.fromkeys(stretches) if stretch_id
    ]
    return "\n".join(part for part in parts if part).casefold()


def cramped(entry: Entry) -> bool | None:
    """Whether ``entry`` was a cramp: a lone cramp is, a session is if its outcome says so or
    a cramp was timed in it; None for a session with neither an outcome nor a timed cramp."""
    if isinstance(entry, CrampEpisode) or entry.episodes:
        return True
    return None if entry.outcome is None else entry.outcome.cramped


def matches(entry: Entry, wanted: HistoryFilter, names: Mapping[str, str] | None = None) -> bool:
    """Whether ``wanted`` keeps ``entry`` (``names``: as for :func:`searchable`)."""
    if wanted.cramp != "any" and cramped(entry) is not (wanted.cramp == "yes"):
        return False
    day = entry_time(entry).astimezone().date()
    if (wanted.start and day < wanted.start) or (wanted.end and day > wanted.end):
        return False
    text = searchable(entry, names)
    return all(word in text for word in wanted.text.casefold().split())


def filter_entries(
    entries: Sequence[Entry], wanted: HistoryFilter, names: Mapping[str, str] | None = None
) -> tuple[Entry, ...]:
    """The entries ``wanted`` keeps, in their order (``names``: as for :func:`searchable`)."""
    if not wanted.active:
        return tuple(entries)
    return tuple(entry for entry in entries if matches(entry, wanted, names))
