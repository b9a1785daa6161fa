"""``status`` reads only the sessions of its window, and says what reading them all would say."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crampui.content.safety import NERVE_CHECK_ID, NERVE_CHECK_YES
from crampui.history import HistoryStore, ItemRecord, Outcome, Session
from crampui.history import codec as history_codec
from crampui.history.codec import encode, iso, session_to_doc
from crampui.history.versions import in_window
from crampui.insights.status import status, stored_status

UTC = timezone.utc
TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime.combine(TODAY, time(18), UTC)
DAY = timedelta(days=1)
paths = itertools.count()

KINDS = ("no outcome", "no cramp", "cramp", "advice", "nerve check yes")


def items(kind: str) -> list[ItemRecord]:
    """A run's items: the nerve check answered yes for that kind, else one item done."""
    if kind == "nerve check yes":
        return [ItemRecord(NERVE_CHECK_ID, "skipped", NERVE_CHECK_YES)]
    return [ItemRecord("hydrate", "done")]


def outcome(kind: str, at: datetime) -> Outcome | None:
    """The outcome a session of ``kind`` records at ``at``."""
    if kind == "no cramp":
        return Outcome(False, recorded_at=at)
    if kind in ("cramp", "advice"):
        return Outcome(True, 6, advice_shown=kind == "advice", recorded_at=at)
    return None


class Clock:
    """A clock the test moves: saves and edits are stamped with its time."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


sessions_strategy = st.lists(
    st.tuples(st.integers(0, 1000), st.integers(0, 23), st.sampled_from(KINDS)), max_size=20
)
later_strategy = st.lists(
    st.tuples(st.integers(0, 19), st.integers(0, 20), st.sampled_from(KINDS)), max_size=4
)


@settings(  # each example builds and reads a store: fewer than the suite profile's
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(  # a streak longer than the first window
    runs=[], weekly=(12, 1, 0), later=[], target=1, checked=0, deleted=set()
)
@example(  # advice given two days ago on a run saved 200 days ago
    runs=[(200, 9, "no outcome"), (100, 9, "no outcome")],
    weekly=(0, 1, 0),
    later=[(0, 2, "advice")],
    target=0,
    checked=0,
    deleted=set(),
)
@given(
    runs=sessions_strategy,
    weekly=st.tuples(st.integers(0, 14), st.integers(1, 2), st.integers(0, 3)),
    later=later_strategy,
    target=st.integers(0, 3),
    checked=st.integers(0, 45),
    deleted=st.sets(st.integers(0, 19), max_size=3),
)
def test_the_windowed_status_is_the_status_of_every_session(
    tmp_path: Path,
    runs: list[tuple[int, int, str]],
    weekly: tuple[int, int, int],
    later: list[tuple[int, int, str]],
    target: int,
    checked: int,
    deleted: set[int],
) -> None:
    """On random histories (runs up to three years old, a streak of weeks with one or two runs
    each, outcomes and advice recorded on old runs in the last weeks, deletions, a weekly
    target or none) the status read from the window equals the status of every session."""
    weeks, per_week, gap = weekly
    streak = [
        (7 * week + 3 * run + gap, 10, "no cramp")
        for week in range(weeks)
        for run in range(per_week)
    ]
    clock = Clock()
    store = HistoryStore(tmp_path / f"history-{next(paths)}.json", clock=clock)
    saved: list[Session] = []
    for days, hour, kind in sorted([*runs, *streak], reverse=True):
        at = datetime.combine(TODAY - timedelta(days=days), time(hour), UTC)
        clock.now = max(at, NOW - timedelta(days=days))
        saved.append(store.add_session(items(kind), outcome=outcome(kind, at), at=at))
    for index, days, kind in later:  # an old run given its outcome (or advice) lately
        if index < len(saved):
            clock.now = max(saved[index].saved_at, NOW - timedelta(days=days))
            store.set_outcome(saved[index].id, outcome(kind, clock.now) or Outcome(False))
    for index in deleted:
        if index < len(saved):
            store.delete_session(saved[index].id)
    clock.now = NOW
    every = status(store.sessions(), TODAY, target, None, store.loose_episodes(), checked)
    assert stored_status(store, TODAY, target, checked) == every


def test_only_the_sessions_of_the_window_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """``sessions(since)`` builds the sessions saved or changed since then and the newest one,
    never the others; ``status`` of 120 daily sessions (no target) builds the last nine
    weeks' only."""
    clock = Clock()
    store = HistoryStore(os.environ["CRAMPUI_DB"], clock=clock)
    for days in range(120, 0, -1):
        at = NOW - timedelta(days=days)
        clock.now = at
        store.add_session([ItemRecord("hydrate", "done")], at=at)
    clock.now = NOW
    store.set_outcome(1, Outcome(True, 4, advice_shown=True))  # the oldest, changed today
    built: list[str] = []
    build = history_codec.session_from_doc

    def counted(*args: object, **kwargs: object) -> Session:
        built.append(str(args[2]))
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("crampui.history.store.session_from_doc", counted)
    fresh = HistoryStore(os.environ["CRAMPUI_DB"], clock=clock)
    assert [s.id for s in fresh.sessions(NOW - 3 * DAY)] == [120, 119, 118, 1]
    assert len(built) == 4
    state = stored_status(fresh, TODAY, 0, 0)
    assert len(built) < 4 + 9 * 7
    assert state.advice is not None and state.advice[0] == 1


def test_the_newest_session_is_kept_when_nothing_is_in_the_window() -> None:
    """Whatever its age, the newest session saved is kept (its day is "last session")."""
    docs = []
    for seq, day in enumerate((date(2020, 1, 3), date(2021, 5, 1), date(2019, 7, 7)), 1):
        at = datetime.combine(day, time(9), UTC)
        doc = session_to_doc(Session(seq, seq, at, (ItemRecord("hydrate", "done"),)))
        docs.append((f"{seq:032x}", {**doc, "changed_at": iso(at), "device": "test0000000"}))
    numbers = {uid: n for n, (uid, _doc) in enumerate(docs, 1)}
    assert [uid for uid, _doc in in_window(docs, numbers, NOW)] == [docs[1][0]]
    local = {**docs[0][1], "saved_at": "2022-01-01T01:00:00+05:00"}  # also read in any zone
    assert [uid for uid, _ in in_window([*docs, ("f" * 32, local)], numbers | {"f" * 32: 4}, NOW)]
    assert in_window([*docs, ("f" * 32, local)], numbers | {"f" * 32: 4}, NOW)[0][0] == "f" * 32


def test_a_hostile_record_outside_the_window_is_still_refused(tmp_path: Path) -> None:
    """A session years outside status's window with a malformed outcome: the whole-file check
    still reads it, so ``crampui status`` does not trust the file (it is moved aside)."""
    history = tmp_path / "home" / "history.json"
    at = datetime(2019, 1, 1, 9, tzinfo=UTC)
    good = session_to_doc(Session(2, 2, NOW, (ItemRecord("hydrate", "done"),)))
    bad = session_to_doc(Session(1, 1, at, (ItemRecord("hydrate", "done"),)))
    bad["outcome"] = {"cramped": "maybe", "recorded_at": iso(at)}
    sessions = {
        "a" * 32: {**bad, "changed_at": iso(at), "device": "test0000000"},
        "b" * 32: {**good, "changed_at": iso(NOW), "device": "test0000000"},
    }
    history.write_bytes(encode({"meta": {"1": {"schema_version": 2}}, "sessions": sessions}))
    done = subprocess.run(
        [sys.executable, "-m", "crampui", "status", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["last_session"] is None, done.stdout
    assert not history.exists() or b"maybe" not in history.read_bytes()
    assert any(b"maybe" in moved.read_bytes() for moved in history.parent.glob("history.json.*"))
