"""Sessions and cramps logged on their own, merged newest first (pure functions)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crampui.history import CrampEpisode, ItemRecord, Session
from crampui.insights.timeline import episode_details, timeline

START = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


def session(number: int, hours_ago: float) -> Session:
    return Session(number, number, START - timedelta(hours=hours_ago), (ItemRecord("a", "done"),))


def test_cramps_on_their_own_go_between_sessions_by_time() -> None:
    new, old = session(2, 10), session(1, 50)
    latest, middle, oldest = (CrampEpisode(START - timedelta(hours=h)) for h in (1, 20, 90))
    assert timeline([new, old], [oldest, latest, middle]) == [latest, new, middle, old, oldest]
    assert timeline([], [middle, latest]) == [latest, middle]
    assert timeline([new, old], []) == [new, old]


def test_sessions_are_newest_first_by_date_as_the_history_tab_lists_them() -> None:
    """A session backfilled to an earlier time (a higher number) is listed at that time."""
    backfilled = session(2, 30)
    earlier_seq = session(1, 10)
    cramp = CrampEpisode(START - timedelta(hours=20))
    assert timeline([backfilled, earlier_seq], [cramp]) == [earlier_seq, cramp, backfilled]
    same_moment = Session(3, 3, earlier_seq.saved_at, (ItemRecord("a", "done"),))
    assert timeline([earlier_seq, same_moment], []) == [same_moment, earlier_seq]


def test_episode_details() -> None:
    assert episode_details(CrampEpisode(START, 2, "left", 12.4, 30)) == (
        "stretch not recorded, rep 2, left side, 12 s into the hold"
    )
    assert episode_details(CrampEpisode(START)) == "stretch not recorded"
    in_routine = CrampEpisode(START, 2, None, 3.0, 5, stretch_id="pelvic-tilt")
    assert episode_details(in_routine) == "Pelvic tilt, rep 2, 3 s into the hold"
