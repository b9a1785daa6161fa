"""Find in history (no Textual): which sessions and lone cramps a filter keeps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from crampui.history import CrampEpisode, ItemRecord, Outcome, Session
from crampui.insights.history_filter import (
    HistoryFilter,
    cramped,
    filter_entries,
    matches,
    parse_filter,
    searchable,
)

pytestmark = pytest.mark.usefixtures("utc")


def session(
    number: int,
    day: int,
    note: str = "",
    outcome: Outcome | None = None,
    reason: str = "",
    episodes: tuple[CrampEpisode, ...] = (),
) -> Session:
    """Session ``number`` saved on 2026-11-``day`` at 18:00 UTC."""
    items = (ItemRecord("warm-up", "skipped", reason), ItemRecord("hydrate", "done"))
    at = datetime(2026, 11, day, 18, tzinfo=timezone.utc)
    return Session(number, number, at, items, note, outcome, episodes)


STIFF = session(1, 2, note="Felt STIFF after the drive", outcome=Outcome(False))
CRAMP = session(2, 10, "massage", outcome=Outcome(True, 6, where="lower back, left"))
REASON = session(3, 15, reason="no time at the gym")
TIMED = session(
    4,
    20,
    outcome=Outcome(False),
    episodes=(CrampEpisode(datetime(2026, 11, 20, 18, 5, tzinfo=timezone.utc)),),
)
LOOSE = CrampEpisode(datetime(2026, 11, 22, 9, tzinfo=timezone.utc), side="Right")
ENTRIES = (LOOSE, TIMED, REASON, CRAMP, STIFF)


def kept(wanted: HistoryFilter) -> list[object]:
    """The entries ``wanted`` keeps."""
    return list(filter_entries(ENTRIES, wanted))


def test_no_filter_keeps_everything_in_order() -> None:
    assert not HistoryFilter().active
    assert kept(HistoryFilter()) == list(ENTRIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stiff", [STIFF]),  # the note, any case
        ("drive felt", [STIFF]),  # every word, in any order
        ("lower back", [CRAMP]),  # where it cramped
        ("massage", [CRAMP]),  # the note written in the outcome dialog
        ("gym", [REASON]),  # a skip reason
        ("right", [LOOSE]),  # a lone cramp's side
        ("stiff gym", []),
        ("warm-up", []),  # item ids are not searched
    ],
)
def test_text_matches_notes_reasons_and_where(text: str, expected: list[object]) -> None:
    assert kept(HistoryFilter(text=text)) == expected


def test_cramp_yes_and_no() -> None:
    assert kept(HistoryFilter(cramp="yes")) == [LOOSE, TIMED, CRAMP]
    assert kept(HistoryFilter(cramp="no")) == [STIFF]  # REASON has no outcome: neither
    assert cramped(REASON) is None
    assert cramped(TIMED) is True  # a timed cramp counts although the outcome said no


def test_date_range_includes_both_ends() -> None:
    assert kept(HistoryFilter(start=date(2026, 11, 10), end=date(2026, 11, 20))) == [
        TIMED,
        REASON,
        CRAMP,
    ]
    assert kept(HistoryFilter(start=date(2026, 11, 21))) == [LOOSE]
    assert kept(HistoryFilter(end=date(2026, 11, 2))) == [STIFF]


def test_local_dates_decide_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # UTC+13 in November
    time.tzset()
    assert matches(STIFF, HistoryFilter(start=date(2026, 11, 3), end=date(2026, 11, 3)))
    assert not matches(STIFF, HistoryFilter(end=date(2026, 11, 2)))


def test_filters_combine() -> None:
    wanted = HistoryFilter(text="back", cramp="yes", start=date(2026, 11, 1))
    assert kept(wanted) == [CRAMP]
    assert kept(HistoryFilter(text="back", cramp="no")) == []


def test_parse_filter_reads_the_fields() -> None:
    assert parse_filter("  stiff\tneck ", "yes", "2026-11-01", "") == HistoryFilter(
        "stiff neck", "yes", date(2026, 11, 1), None
    )
    assert parse_filter("", "any", " ", "") == HistoryFilter()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13-01", "", "From must be a date like 2026-11-01, got '2026-13-01'"),
        ("", "yesterday", "To must be a date like 2026-11-01, got 'yesterday'"),
        ("2026-11-20", "2026-11-01", "To (2026-11-01) is before From (2026-11-20)"),
    ],
)
def test_parse_filter_explains_bad_dates(start: str, end: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_filter("", "any", start, end)
    assert str(error.value) == message


def test_filter_text_is_cleaned_and_bounded() -> None:
    assert parse_filter("\x1b[31mred\x07", "any", "", "").text == "red"
    with pytest.raises(ValueError, match="Text is 201 characters; the limit is 200"):
        parse_filter("x" * 201, "any", "", "")


def test_describe_says_what_is_filtered() -> None:
    assert HistoryFilter("stiff", "yes", date(2026, 11, 1), date(2026, 11, 20)).describe() == (
        "“stiff” · cramp: yes · 2026-11-01 to 2026-11-20"
    )
    assert HistoryFilter(start=date(2026, 11, 1)).describe() == "from 2026-11-01"
    assert HistoryFilter(cramp="no", end=date(2026, 11, 1)).describe() == (
        "cramp: no · up to 2026-11-01"
    )


def test_searchable_text_is_casefolded() -> None:
    assert searchable(STIFF) == "felt stiff after the drive"
    assert searchable(LOOSE) == "right"


def test_find_searches_the_stretches_a_session_had_and_the_stretch_a_cramp_came_in() -> None:
    from crampui.history.stretch_records import StretchRecord

    at = datetime(2026, 11, 25, 18, tzinfo=timezone.utc)
    had_knee = replace(STIFF, id=5, seq=5, stretches=(StretchRecord("knee-to-chest", "done"),))
    cramp_in_knee = CrampEpisode(at, 2, "left", 3.0, 20, stretch_id="knee-to-chest")
    cramped_in_knee = replace(REASON, id=6, seq=6, episodes=(cramp_in_knee,))
    own = replace(
        CRAMP, id=7, seq=7, stretches=(StretchRecord("own-wall-sit", "skipped", "sore knee"),)
    )
    lone = CrampEpisode(at, stretch_id="own-wall-sit")
    entries = (lone, own, cramped_in_knee, had_knee, *ENTRIES)
    names = {"knee-to-chest": "Knee to chest", "own-wall-sit": "Wall sit"}

    def found(text: str, known: dict[str, str] | None = names) -> list[object]:
        return list(filter_entries(entries, HistoryFilter(text), known))

    assert found("KNEE") == [own, cramped_in_knee, had_knee]  # own: its skip reason
    assert found("knee to chest") == [cramped_in_knee, had_knee]
    assert found("wall sit") == [lone, own]
    assert found("own-wall-sit", None) == [lone, own], "an unknown stretch shows as its id"
    assert "not recorded" not in searchable(LOOSE) and found("recorded") == []
