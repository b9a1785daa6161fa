"""``history --json`` made from the stored documents prints exactly what the records gave.

The reference is the record-based output (every session and cramp built as a record, put in
the timeline's order and turned into JSON by ``entry_as_json``); the fast one is
:func:`crampui.history.export.history_json`. They are compared byte for byte on histories
made through the store (deleted sessions and cramps, cramps in a session and on their own,
red-flag answers yes and no, places, own items, unicode and hostile notes, equal times,
stretches of a routine, cramps in a stretch known or not, older sessions whose outcome kept a
note of its own), on stored files of any shape crampui reads, and on the seeded history.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from crampui.checklist.routines import (
    add_own_stretch,
    default_routine,
    stored_stretch_names,
    stretch_label,
)
from crampui.cli.commands.history_cmds import entry_as_json
from crampui.cli.main import run
from crampui.content.store import default_content
from crampui.history import (
    CrampEpisode,
    HistoryError,
    HistoryStore,
    ItemRecord,
    ItemState,
    Outcome,
    Session,
)
from crampui.history.export import history_json
from crampui.history.records import REGIONS, SIDES, SPREADS
from crampui.history.stretch_records import STRETCH_STATUSES, StretchRecord
from crampui.insights.timeline import ON_ITS_OWN, timeline
from tests.clocks import FakeWallClock
from tests.seeded import NOW, seed_history
from tests.test_history_properties import DOCUMENTS, HOSTILE_TEXT, valid_documents

ITEM_IDS = ("hydrate", "warm-up", "my-own-stretch", "ünïcode-item")
"""Default items and the person's own ones."""
TEXT = st.text(max_size=12) | HOSTILE_TEXT | st.sampled_from(["Rücken zieht 😣", "[bold]x[/]"])
STRETCH_IDS = st.sampled_from(
    [*[s.id for s in default_content().stretches][:3], "own-wall-sit", "my-own-pose"]
)
"""Starter stretches, the person's own (named by the stored routine) and one neither knows
(named by its id)."""
STRETCHES = st.lists(
    st.builds(
        lambda stretch_id, status, reason: StretchRecord(
            stretch_id, status, "" if status == "done" else reason
        ),
        STRETCH_IDS,
        st.sampled_from(STRETCH_STATUSES),
        TEXT,
    ),
    max_size=3,
)
MOMENTS = st.integers(0, 20).map(lambda hours: NOW - timedelta(hours=hours))
"""Few distinct times, so sessions and cramps often share one."""


def record_based(store: HistoryStore) -> str:
    """What ``history --json`` printed before: built records, in the timeline's order."""
    entries = timeline(store.sessions(), store.loose_episodes())
    names = stored_stretch_names(store, default_content())
    return json.dumps([entry_as_json(entry, names) for entry in entries], ensure_ascii=False)


def fast(store: HistoryStore) -> str:
    """What ``history --json`` prints now (the entries made from the documents), stretches
    named by the stored routine as the command names them."""
    names = stored_stretch_names(store, default_content())
    return history_json(store.documents(), ON_ITS_OWN, lambda key: stretch_label(names, key))


def with_wall_sit(store: HistoryStore) -> None:
    """Store a routine with the person's own stretch "Wall sit" (``own-wall-sit``)."""
    content = default_content()
    stretch_id, routine = add_own_stretch(content, default_routine(content), "Wall sit", "Flat")
    assert stretch_id == "own-wall-sit"
    store.put_routine(routine)


def printed(db: Path) -> str:
    """The output of ``crampui --db DB history --json``, run in this process."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert run(["--db", str(db), "history", "--json"]) == 0
    return out.getvalue()


OUTCOMES = st.builds(
    lambda cramped, severity, where, flags, place, advice: Outcome(
        cramped=cramped,
        severity=severity if cramped else None,
        where=where,
        red_flags=tuple(flag for flag, answer in flags.items() if answer),
        red_flags_no=tuple(flag for flag, answer in flags.items() if not answer),
        advice_shown=advice,
        **(place if cramped else {}),
    ),
    st.booleans(),
    st.none() | st.integers(0, 10),
    TEXT,
    st.dictionaries(st.sampled_from(["numbness", "leg-pain", "weakness"]), st.booleans()),
    st.fixed_dictionaries(
        {},
        optional={
            "region": st.sampled_from(REGIONS),
            "side": st.sampled_from(SIDES),
            "spread": st.sampled_from(SPREADS),
        },
    ),
    st.booleans(),
)
STATES: tuple[ItemState, ...] = ("done", "skipped", "pending")
ITEMS = st.dictionaries(st.sampled_from(ITEM_IDS), st.sampled_from(STATES), max_size=4).map(
    lambda states: [ItemRecord(item_id, state) for item_id, state in states.items()]
)
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("session"), ITEMS, TEXT, st.none() | OUTCOMES, MOMENTS, STRETCHES),
        st.tuples(
            st.just("cramp"),
            MOMENTS,
            st.none() | st.integers(1, 5),
            st.none() | TEXT,
            st.none() | st.floats(0, 100) | st.integers(0, 100),
            st.booleans(),
            st.none() | STRETCH_IDS,
        ),
        st.tuples(st.just("delete session"), st.integers(1, 12)),
        st.tuples(st.just("delete cramp"), st.integers(0, 12)),
    ),
    max_size=14,
)


def act(store: HistoryStore, action: tuple[Any, ...], cramps: list[CrampEpisode]) -> None:
    """Do one of :data:`ACTIONS` through the store's API (an action with no target does
    nothing)."""
    kind = action[0]
    if kind == "session":
        _, items, note, outcome, at, stretches = action
        if items or outcome is not None:
            session = store.add_session(items, note, outcome, at=at)
            if stretches:  # a routine's session: the timer saves its stretches with it
                store.revert_session(replace(session, stretches=tuple(stretches)))
    elif kind == "cramp":
        _, at, repetition, side, seconds, in_session, stretch_id = action
        newest = store.last_session()
        episode = CrampEpisode(at, repetition, side, seconds, stretch_id=stretch_id, uid="")
        cramps.append(store.add_episode(episode, newest.id if newest and in_session else None))
    elif kind == "delete session" and store.count():
        store.delete_session(store.sessions()[action[1] % store.count()].id)
    elif kind == "delete cramp" and cramps:
        episode = cramps.pop(action[1] % len(cramps))
        with contextlib.suppress(KeyError):  # it went with its session
            store.delete_episode(episode)


def with_older_outcome_notes(db: Path, notes: list[str | None]) -> HistoryStore:
    """The history as an older crampui left it: each outcome (in turn) keeps one of ``notes``
    of its own beside the session's note (None: the same text again); the store opened on it."""
    own = HistoryStore(db)
    own.compact()  # every record in this computer's store
    tables = json.loads(own.store_path.read_text(encoding="utf-8"))
    sessions = [doc for doc in tables.get("sessions", {}).values() if "outcome" in doc]
    for doc, note in zip(sessions, notes, strict=False):
        doc["outcome"]["note"] = doc.get("note", "") if note is None else note
    own.store_path.write_text(json.dumps(tables), encoding="utf-8")
    return HistoryStore(db, clock=FakeWallClock(NOW + timedelta(hours=1)))


@given(actions=ACTIONS, older_notes=st.lists(st.none() | TEXT, max_size=4))
def test_same_output_as_the_records_on_histories_made_through_the_store(
    actions: list[tuple[Any, ...]], older_notes: list[str | None]
) -> None:
    """Any mix of sessions, outcomes, stretches, cramps and deletions prints the same bytes
    both ways, through the command too; so does the history once older outcomes keep notes."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "history.json"
        store = HistoryStore(db, clock=FakeWallClock(NOW + timedelta(hours=1)))
        with_wall_sit(store)
        cramps: list[CrampEpisode] = []
        for action in actions:
            act(store, action, cramps)
        expected = record_based(store)
        assert fast(store) == expected
        assert printed(db) == expected + "\n"
        if older_notes and store.count():
            store.compact()  # the journal folded into the file
            store = with_older_outcome_notes(db, older_notes)
            expected = record_based(store)
            assert fast(store) == expected
            assert printed(db) == expected + "\n"


@given(document=st.one_of(valid_documents(), DOCUMENTS))
def test_same_output_as_the_records_on_any_stored_file(document: Any) -> None:
    """Stored files (older schemas migrated, hostile text cleaned, odd times) print the same
    bytes both ways; a file the check refuses is refused before either."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "history.json"
        db.write_text(json.dumps(document), encoding="utf-8")
        try:
            store = HistoryStore(db)
            expected = record_based(store)
        except HistoryError:
            return
        assert fast(store) == expected


def test_same_output_as_the_records_on_the_seeded_history(tmp_path: Path) -> None:
    """The seeded history (items, reasons, outcomes with red flags, a cramp in a session,
    markup in a note) with a cramp on its own in a stretch, a routine's stretches, a deleted
    session and older outcomes keeping notes of their own added."""
    db = tmp_path / "history.json"
    seed_history(db)
    store = HistoryStore(db, clock=FakeWallClock(NOW))
    stretch = default_content().stretches[0]
    store.add_episode(CrampEpisode(NOW - timedelta(days=3), side="右", stretch_id=stretch.id))
    with_wall_sit(store)
    store.add_episode(CrampEpisode(NOW - timedelta(days=2), stretch_id="own-wall-sit"), 2)
    skipped = StretchRecord("my-own-pose", "skipped", "too sore")
    store.revert_session(
        replace(store.get(2), stretches=(StretchRecord(stretch.id, "done"), skipped))
    )
    store.delete_session(5)
    store.compact()
    store = with_older_outcome_notes(db, ["older outcome note", None, "another"])
    expected = record_based(store)
    assert '"kind": "cramp on its own"' in expected
    assert '"red_flag_answers": {"leg-pain"' in expected
    assert f'"stretch_name": "{stretch.name}"' in expected and "too sore" in expected
    assert '"stretch": "own-wall-sit", "stretch_name": "Wall sit"' in expected  # own, by name
    assert "older outcome note" in expected  # as the session's one note
    assert not any("note" in (entry.get("outcome") or {}) for entry in json.loads(expected))
    assert fast(store) == expected
    assert printed(db) == expected + "\n"


def test_a_hostile_record_is_still_cleaned_or_refused(tmp_path: Path) -> None:
    """A note holding a control sequence is printed cleaned; a session with a time without
    a zone makes the file unreadable (recovered from the backup), and is never printed."""
    db = tmp_path / "history.json"
    store = HistoryStore(db, clock=FakeWallClock(NOW))
    store.add_session([ItemRecord("hydrate", "done")], "fine")
    store.compact()  # the journal folded into this computer's store
    own = store.store_path
    tables = json.loads(own.read_text(encoding="utf-8"))
    (uid,) = tables["sessions"]
    tables["sessions"][uid]["note"] = "\x1b]0;owned\x07hi"
    own.write_text(json.dumps(tables), encoding="utf-8")
    out = printed(db)
    assert '"note": "hi"' in out and "\x1b" not in out and "\x07" not in out
    tables["sessions"][uid] |= {"note": "naive time", "saved_at": "2026-01-01T00:00:00"}
    own.write_text(json.dumps(tables), encoding="utf-8")
    with redirect_stderr(io.StringIO()) as err:
        out = printed(db)
    assert "naive time" not in out and "2026-01-01" not in out
    assert "could not be read" in err.getvalue() or "corrupt" in err.getvalue()


def test_no_session_record_is_built_for_a_file_already_checked(tmp_path: Path) -> None:
    """Only the work that is needed: with the file checked before (unchanged since),
    ``history --json`` builds no Session record beyond the store's own reading (the check of
    the journal lines kept beside the file), yet prints every session."""
    db = tmp_path / "history.json"
    store = HistoryStore(db, clock=FakeWallClock(NOW))
    for _ in range(3):
        store.add_session([ItemRecord("hydrate", "done")], "ok")
    store.compact()
    HistoryStore(db).documents()  # the whole-file check, noted for the next open
    built: list[object] = []
    check = Session.__post_init__
    with mock.patch.object(Session, "__post_init__", lambda self: built.append(check(self))):
        HistoryStore(db).documents()
        reading = len(built)
        out = printed(db)
        assert json.loads(out)[0]["id"] == 3
        assert len(built) == 2 * reading
        record_based(HistoryStore(db))  # the patch sees records when they are built
    assert len(built) == 3 * reading + 3
