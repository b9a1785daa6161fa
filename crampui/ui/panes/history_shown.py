"""What the History tab shows, read from the store at one moment: the entries and what is
worked out from them (streaks, trends, heatmap, item counts, patterns), each once and off the
UI thread for a long history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from crampui.checklist import items as checklist_items
from crampui.history import CrampEpisode, Session
from crampui.insights import patterns as insights
from crampui.insights import trends
from crampui.insights.timeline import Entry

HEATMAP_WEEKS = 12
"""Weeks the calendar heatmap shows."""


@dataclass(frozen=True)
class Shown:
    """What the pane draws: the entries, newest first, the day they are counted up to and the
    checklist's item ids; and what is worked out from them, each once (:meth:`work_out` does
    it all, off the UI thread for a long history)."""

    entries: tuple[Entry, ...] = ()
    today: date | None = None
    items: tuple[checklist_items.Entry, ...] = ()
    """The user's checklist, hidden and own items included, in their order."""
    complete: bool = True
    """False for the newest sessions shown while a long history is still being read."""
    revision: tuple[int, int] | None = None
    """The store's revision these entries were read at (None: not read whole from it)."""
    stretch_names: Mapping[str, str] | None = None
    """The stored routine's stretch names, own stretches too (None: the starter set's), read
    with the entries."""

    @property
    def item_ids(self) -> list[str]:
        """The ids of :attr:`items`."""
        return [item.id for item in self.items]

    def label(self, item_id: str) -> str:
        """The label of any item id (an id no longer known is shown as itself)."""
        return next((item.label for item in self.items if item.id == item_id), item_id)

    @cached_property
    def sessions(self) -> list[Session]:
        """The saved sessions among the entries."""
        return [entry for entry in self.entries if isinstance(entry, Session)]

    @cached_property
    def loose(self) -> list[CrampEpisode]:
        """The cramps logged on their own among the entries."""
        return [entry for entry in self.entries if isinstance(entry, CrampEpisode)]

    @cached_property
    def days(self) -> Counter[date]:
        """The sessions counted per local day (for the weekly target)."""
        return insights.session_days(self.sessions)

    @cached_property
    def streaks(self) -> insights.Streaks:
        """The current and best streaks up to :attr:`today`."""
        return insights.streaks(self.sessions, self.day)

    @cached_property
    def weeks(self) -> list[trends.WeekTrend]:
        """Cramps and severity per week."""
        return trends.weekly_trends(self.sessions, self.day, loose=self.loose)

    @cached_property
    def grid(self) -> list[list[int | None]]:
        """The calendar heatmap's cells."""
        return insights.heatmap(self.sessions, self.day, weeks=HEATMAP_WEEKS)

    @cached_property
    def frequencies(self) -> list[insights.ItemFrequency]:
        """How often each item was done."""
        return insights.item_frequency(self.sessions, self.item_ids)

    @cached_property
    def patterns(self) -> insights.Patterns:
        """The ranked item–cramp patterns."""
        safety_checks = insights.safety_check_ids(entry.item for entry in self.items)
        return insights.find_patterns(self.sessions, self.item_ids, safety_checks)

    @cached_property
    def stretch_rates(self) -> list[insights.StretchRate]:
        """Per stretch of a routine: sessions done in, and sessions it had a cramp in."""
        return insights.session_stretch_rates(self.sessions)

    @property
    def day(self) -> date:
        """:attr:`today`, or the local date when none was given."""
        return self.today or date.today()

    def work_out(self) -> Shown:
        """Work out everything the pane shows now (so drawing it later is quick); self."""
        worked_out = ("sessions", "loose", "days", "streaks", "weeks", "grid", "frequencies")
        for name in (*worked_out, "patterns", "stretch_rates"):
            getattr(self, name)
        return self
