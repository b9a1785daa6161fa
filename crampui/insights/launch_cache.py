"""What the app's launch checks found, kept so the next launch need not read the history.

The launch checks (:meth:`crampui.ui.app.CrampApp.launch_checks`) need little: the status
(sessions this week, the weekly target's streak, advice that pauses the nudges) and the last
session's number, local time and whether it has an outcome. Reading that from a long history
means parsing all of it (at 10,000 sessions about 25 MiB more peak memory than the idle app).
So it is kept in the user cache (:mod:`crampui.cache`) under :func:`key`: the history's
:func:`crampui.cache.history_key` (its files' and folder's state, crampui's version, the
environment), the day and the settings the status depends on. While the key matches, the app
opens on what was kept and reads the history only when a tab needs it. Only numbers, dates and
yes/no are kept, never a note, severity, place or red-flag answer (as in the status line);
anything unexpected is a miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crampui import cache
from crampui.insights.status import Status, stored_status

if TYPE_CHECKING:
    from crampui.history import HistoryStore

NAME = "launch"
"""The cache's name in :mod:`crampui.cache`."""


@dataclass(frozen=True)
class LastSession:
    """What the launch needs of the last session saved."""

    id: int
    local_time: datetime
    """When it was saved, in the computer's timezone."""
    has_outcome: bool


@dataclass(frozen=True)
class LaunchFacts:
    """The status and the last session, as the launch checks use them."""

    status: Status
    last: LastSession | None


def key(history: Path, today: date, target: int, checked_session: int) -> str:
    """What the facts about ``history`` on ``today`` depend on (with the weekly ``target``
    and the newest advice answered, ``checked_session``)."""
    return "\t".join(
        (cache.history_key(history), today.isoformat(), str(target), str(checked_session))
    )


def read_facts(store: HistoryStore, today: date, target: int, checked_session: int) -> LaunchFacts:
    """The launch facts of ``store`` (read from it: call it in the store's thread)."""
    last = store.last_session()
    return LaunchFacts(
        stored_status(store, today, target, checked_session),
        None if last is None else LastSession(last.id, last.local_time, last.outcome is not None),
    )


def save(saved_key: str, facts: LaunchFacts) -> None:
    """Keep ``facts`` under ``saved_key`` (worked out *before* the history was read, so a
    change made meanwhile is a miss); failures are ignored."""
    state, last = facts.status, facts.last
    cache.write(
        NAME,
        {
            "key": saved_key,
            "status": [
                state.today.isoformat(),
                state.this_week,
                state.target,
                state.weeks_met,
                None if state.last_day is None else state.last_day.isoformat(),
                [[number, day.isoformat()] for number, day in state.missing_outcomes],
                state.cramps_this_week,
                None if state.advice is None else [state.advice[0], state.advice[1].isoformat()],
            ],
            "last": None
            if last is None
            else [last.id, last.local_time.isoformat(), last.has_outcome],
        },
    )


def cached(wanted_key: str) -> LaunchFacts | None:
    """The facts kept under ``wanted_key``, or None (a miss) on any problem."""
    saved = cache.read(NAME)
    if not isinstance(saved, dict) or saved.get("key") != wanted_key:
        return None
    try:
        return _facts(saved["status"], saved["last"])
    except (KeyError, TypeError, ValueError):
        return None


def _facts(status: object, last: object) -> LaunchFacts:
    """The facts from what :func:`save` wrote; TypeError or ValueError if it is not that."""
    if not isinstance(status, list) or len(status) != 8:
        raise TypeError("not a status")
    today, this_week, target, weeks_met, last_day, missing, cramps, advice = status
    if not isinstance(missing, list):
        raise TypeError("not a list")
    state = Status(
        today=date.fromisoformat(today),
        this_week=_count(this_week),
        target=_count(target),
        weeks_met=_count(weeks_met),
        last_day=None if last_day is None else date.fromisoformat(last_day),
        missing_outcomes=tuple(_numbered_day(pair) for pair in missing),
        cramps_this_week=_count(cramps),
        advice=None if advice is None else _numbered_day(advice),
    )
    if last is None:
        return LaunchFacts(state, None)
    if not isinstance(last, list) or len(last) != 3 or type(last[2]) is not bool:
        raise TypeError("not a last session")
    moment = datetime.fromisoformat(last[1])
    if moment.tzinfo is None:
        raise ValueError("not an aware time")
    return LaunchFacts(state, LastSession(_count(last[0]), moment, last[2]))


def _count(value: object) -> int:
    """``value`` if it is a whole number of at least 0, else ValueError."""
    if type(value) is not int or value < 0:
        raise ValueError("not a count")
    return value


def _numbered_day(pair: object) -> tuple[int, date]:
    """A (session number, date) pair as :func:`save` wrote it."""
    if not isinstance(pair, list) or len(pair) != 2:
        raise TypeError("not a pair")
    return _count(pair[0]), date.fromisoformat(pair[1])


def refresh(store: HistoryStore, history: Path) -> None:
    """After a save to ``history`` from the command line: keep the facts the app's next
    launch needs, so it need not read the history (``crampui log`` has just read it; any
    problem only leaves them stale, a miss)."""
    import contextlib

    from crampui.history import HistoryError
    from crampui.locations import settings_path
    from crampui.settings import load_settings

    settings, _problem = load_settings(settings_path())
    target, checked = settings.weekly_target, settings.checked_session
    today = datetime.now().astimezone().date()
    kept = key(history, today, target, checked)
    with contextlib.suppress(HistoryError, OSError, ValueError):
        if not (store.recovery_notice or store.sync_notice):
            save(kept, read_facts(store, today, target, checked))
