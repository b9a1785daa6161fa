"""The cramp log's words and numbers (crampui.insights.episodes), without a UI."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crampui.history import CrampEpisode, ItemRecord, Session
from crampui.insights.episodes import (
    count_line,
    episode_as_json,
    episode_cells,
    episode_csv_row,
    hold_text,
    session_label,
)

pytestmark = pytest.mark.usefixtures("utc")

AT = datetime(2026, 12, 2, 12, 30, 5, tzinfo=timezone.utc)
SESSION = Session(7, 7, AT, (ItemRecord("hydrate", "done"),))
UID = "0" * 32


@pytest.mark.parametrize(
    ("episode", "text"),
    [
        (CrampEpisode(AT), ""),
        (CrampEpisode(AT, seconds_into_hold=3.6), "4 s"),
        (CrampEpisode(AT, 1, "left", 12.4, 30), "12 of 30 s"),
        (CrampEpisode(AT, 1, "left", None, 30), ""),
    ],
)
def test_hold_text_is_blank_without_the_timer(episode: CrampEpisode, text: str) -> None:
    assert hold_text(episode) == text


def test_cells_name_the_session_or_say_on_its_own() -> None:
    episode = CrampEpisode(AT, 2, "right", 0.0, 45)
    assert session_label(None) == "on its own"
    assert episode_cells(episode, SESSION) == (
        "Wed 02 Dec 2026 12:30", "#7", "not recorded", "2", "right", "0 of 45 s",
    )  # fmt: skip
    assert episode_cells(CrampEpisode(AT), None) == (
        "Wed 02 Dec 2026 12:30",
        "on its own",
        "not recorded",
        "",
        "",
        "",
    )
    in_routine = CrampEpisode(AT, 2, None, 3.0, 5, stretch_id="pelvic-tilt")
    assert episode_cells(in_routine, SESSION)[2] == "Pelvic tilt"
    own = CrampEpisode(AT, 1, None, 3.0, 20, stretch_id="own-wall-sit")
    assert episode_cells(own, SESSION)[2] == "own-wall-sit", "not known here: its id"
    assert episode_cells(own, SESSION, {"own-wall-sit": "Wall sit"})[2] == "Wall sit"


def test_json_and_csv_carry_the_uid_and_the_session_number() -> None:
    episode = CrampEpisode(AT, 2, "+1", 5.5, 30, uid=UID)
    assert episode_as_json(episode, SESSION) == {
        "uid": UID,
        "at": "2026-12-02T12:30:05.000000+00:00",
        "local_time": "2026-12-02T12:30:05+00:00",
        "session": 7,
        "repetition": 2,
        "side": "+1",
        "seconds_into_hold": 5.5,
        "hold_seconds": 30,
        "stretch": None,
        "stretch_name": "stretch not recorded",
    }
    assert episode_as_json(episode)["session"] is None
    assert episode_csv_row(episode, SESSION) == (
        "2026-12-02 12:30:05", "7", "2", "'+1", "5.5", "30", UID, "",
    )  # fmt: skip
    tilt = CrampEpisode(AT, 2, None, 3.0, 5, uid=UID, stretch_id="pelvic-tilt")
    assert episode_as_json(tilt)["stretch"] == "pelvic-tilt"
    assert episode_as_json(tilt)["stretch_name"] == "Pelvic tilt"
    assert episode_csv_row(tilt, None)[-1] == "pelvic-tilt"


@pytest.mark.parametrize(
    ("sessions", "line"),
    [
        ([], "No cramps logged yet."),
        ([None], "1 cramp logged, on its own"),
        ([None, None], "2 cramps logged, all on their own"),
        ([SESSION], "1 cramp logged, during a session"),
        ([SESSION, SESSION], "2 cramps logged, all in sessions"),
        ([SESSION, None], "2 cramps logged, 1 of them on its own"),
        ([SESSION, None, None], "3 cramps logged, 2 of them on their own"),
    ],
)
def test_count_line(sessions: list[Session | None], line: str) -> None:
    assert count_line([(CrampEpisode(AT), session) for session in sessions]) == line
