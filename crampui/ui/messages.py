"""Messages panes post to ask the app to jump somewhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from crampui.settings import Settings

if TYPE_CHECKING:
    from crampui.checklist.timer import StretchResult


@dataclass
class ShowCause(Message):
    """Open a cause in the Causes tab."""

    number: int


@dataclass
class ShowTab(Message):
    """Switch to the tab with id ``tab`` ("causes", "faq", "checklist" or "history")."""

    tab: str


@dataclass
class ShowFaq(Message):
    """Open an FAQ in the FAQ tab (from cause ``from_cause``'s related questions, if set)."""

    number: int
    from_cause: int | None = None


@dataclass
class CrampReported(Message):
    """The user pressed "cramping now": log an episode (with timer details when a hold ran)."""

    repetition: int | None = None
    side: str | None = None
    seconds_into_hold: float | None = None
    hold_seconds: int | None = None
    stretch_id: str | None = None
    """The routine's stretch under way (None outside a routine)."""


@dataclass
class StretchesDone(Message):
    """A routine run ended: how each stretch went (done, skipped, cut short), for the session."""

    results: tuple[StretchResult, ...]


@dataclass
class SettingsChanged(Message):
    """The user changed a setting; the app saves it."""

    settings: Settings
