"""The report builds only the sessions of its period, and those that may hold a leg symptom."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone

import pytest

from crampui.content.store import default_content
from crampui.history import HistoryStore, ItemRecord, Outcome, Session
from crampui.history import codec as history_codec
from crampui.insights.report import build_report, gather
from crampui.insights.report.data import may_hold_symptom

UTC = timezone.utc
UNTIL = date(2026, 11, 25)
SINCE = UNTIL - timedelta(days=20)
NOW = datetime.combine(UNTIL, time(18), UTC)
OLD_NOTE = "tingling down the left leg"


def seeded_store() -> tuple[HistoryStore, list[datetime]]:
    """120 daily sessions up to yesterday; the oldest says a symptom in its note, one a
    cramp into the thigh, the rest nothing but the item done."""
    clock = [NOW]
    store = HistoryStore(os.environ["CRAMPUI_DB"], clock=lambda: clock[0])
    saved = []
    for days in range(120, 0, -1):
        at = NOW - timedelta(days=days)
        clock[0] = at
        note = OLD_NOTE if days == 120 else ""
        outcome = Outcome(True, 5, spread="thigh") if days == 90 else Outcome(False)
        store.add_session([ItemRecord("hydrate", "done")], note, outcome, at=at)
        saved.append(at)
    return store, saved


def test_the_report_builds_only_its_period_and_the_sessions_with_symptoms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Of 120 sessions, a report of the last 21 days builds those days' sessions (and the
    day before, for any time zone) and the two old ones with a symptom, and says what a
    report of every session says: the old symptoms are still listed."""
    store, _saved = seeded_store()
    content = default_content()
    built: list[str] = []
    build = history_codec.session_from_doc

    def counted(*args: object, **kwargs: object) -> Session:
        built.append(str(args[2]))
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("crampui.history.store.session_from_doc", counted)
    fresh = HistoryStore(os.environ["CRAMPUI_DB"])
    page = build_report(fresh, content, SINCE, UNTIL, "md", now=NOW)
    assert 2 + 21 <= len(built) <= 2 + 23
    assert OLD_NOTE in page and "thigh" in page
    every = gather(
        HistoryStore(os.environ["CRAMPUI_DB"]).sessions(),
        content,
        SINCE,
        UNTIL,
        generated=NOW,
        settings=fresh.item_settings(),
        stretch_names=None,
    )
    windowed = gather(
        fresh.sessions(datetime.combine(SINCE, time(), UTC), also=may_hold_symptom),
        content,
        SINCE,
        UNTIL,
        generated=NOW,
        settings=fresh.item_settings(),
        stretch_names=None,
    )
    assert windowed == every


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"done": "hydrate"}, False),
        ({"done": "hydrate", "outcome": {"cramped": False}}, False),
        ({"done": "hydrate", "outcome": {"cramped": True, "severity": 3}}, False),
        ({"note": "x"}, True),
        ({"skipped": "warm-up", "reasons": {"warm-up": "numb foot"}}, True),
        ({"outcome": {"cramped": True, "where": "calf"}}, True),
        ({"outcome": {"cramped": True, "spread": "thigh"}}, True),
        ({"outcome": {"cramped": False, "note": "older second note"}}, True),
        ({"outcome": {"cramped": True, "red_flag_answers": {"numbness": "no"}}}, True),
        ({"outcome": {"cramped": True, "red_flags": ["numbness"]}}, True),
    ],
)
def test_which_documents_may_hold_a_symptom(doc: dict[str, object], expected: bool) -> None:
    """Only a document with no text, place or red-flag answer is passed over."""
    assert may_hold_symptom(doc) is expected
