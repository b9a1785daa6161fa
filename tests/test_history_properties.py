"""Any file at all as the history: arbitrary JSON documents and arbitrary bytes.

For each generated file (with a good ``.bak`` beside it), opening, reading, saving and the CLI
(``crampui.cli.main.run`` in this process, for speed; the subprocess runs are in
test_history_hostile_files) must:

* raise nothing but the store's own HistoryError (the CLI: nothing at all, exit 0 or 2);
* print no control character, and hand no control character to the UI in a record;
* keep the original bytes (in the file, or in a ``.corrupt-`` or ``.bak-v0-`` copy);
* never leave a ``.bak`` that differs from the good one unless the new one is itself usable.

The default run tries about 500 files; ``-m slow`` runs the same properties on 20,000.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from crampui.cli import main as cli_module
from crampui.cli.main import build_parser, run
from crampui.history import HistoryError, HistoryStore, ItemRecord, Outcome, Session, recovery
from crampui.locations import local_folder

CONTROL = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))} | set("\u202a\u202e\u2066")
START = datetime(2026, 11, 25, 20, 15, 30, tzinfo=timezone.utc)
ITEMS = ("hydrate", "warm-up", "loosen")

# -- what a file may hold ----------------------------------------------------------------------

HOSTILE_TEXT = st.lists(
    st.text(max_size=4)
    | st.sampled_from(["\x1b[2J", "\x1b]52;c;aGk=\x07", "\x9b", "\u202e", "\n"]),
    max_size=4,
).map("".join)
LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | HOSTILE_TEXT
)
ANY_JSON = st.recursive(
    LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)
TIMES = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.timezones()
).map(datetime.isoformat)
"""Mostly valid stored times; near the ends of the range some are out of it."""
PLAIN_TIMES = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
).map(datetime.isoformat)
SOME_TIME = PLAIN_TIMES | TIMES


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    """Stored items: disjoint id strings per state, skip reasons with hostile text."""
    states = draw(
        st.lists(st.sampled_from(["done", "skipped", "pending", None]), min_size=3, max_size=3)
    )
    doc: dict[str, Any] = {}
    for item_id, state in zip(ITEMS, states, strict=True):
        if state is not None:
            doc[state] = f"{doc[state]} {item_id}" if state in doc else item_id
    if "skipped" in doc and draw(st.booleans()):
        doc["reasons"] = {doc["skipped"].split()[0]: draw(HOSTILE_TEXT)}
    return doc


OUTCOMES = st.fixed_dictionaries(
    {"cramped": st.booleans()},
    optional={
        "where": HOSTILE_TEXT,
        "note": HOSTILE_TEXT,
        "red_flags": st.lists(st.sampled_from(["numbness", "weakness"]), max_size=2, unique=True),
        "advice_shown": st.booleans(),
        "recorded_at": SOME_TIME,
    },
).flatmap(
    lambda doc: (
        st.just(doc)
        if not doc["cramped"]
        else st.fixed_dictionaries({}, optional={"severity": st.integers(0, 10)}).map(
            lambda extra: {**doc, **extra}
        )
    )
)
EPISODES = st.fixed_dictionaries(
    {"at": SOME_TIME},
    optional={
        "repetition": st.none() | st.integers(1, 5),
        "side": st.none() | HOSTILE_TEXT,
        "seconds_into_hold": st.none() | st.floats(0, 100),
        "hold_seconds": st.none() | st.integers(1, 60),
    },
)


@st.composite
def session(draw: st.DrawFn, seq: int) -> dict[str, Any]:
    """A stored session (schema 1), valid apart from what the strategies make odd."""
    doc: dict[str, Any] = {"seq": seq, "saved_at": draw(SOME_TIME), **draw(items())}
    extras = st.fixed_dictionaries(
        {},
        optional={
            "note": HOSTILE_TEXT,
            "outcome": OUTCOMES,
            "episodes": st.lists(EPISODES, max_size=2),
            "extra": ANY_JSON,
        },
    )
    return {**doc, **draw(extras)}


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-1 (or schema-0) history as crampui, or a tool that kept its rules, writes it."""
    count = draw(st.integers(0, 3))
    if draw(st.integers(0, 9)) == 0:  # schema 0: naive local times, lists of ids
        old = st.fixed_dictionaries(
            {"local_time": PLAIN_TIMES.map(lambda text: text[:19])},
            optional={
                "done": st.lists(st.sampled_from(ITEMS), max_size=2, unique=True),
                "note": HOSTILE_TEXT,
                "cramped": st.none() | st.booleans(),
            },
        )
        return {"sessions": {str(n): draw(old) for n in range(1, count + 1)}}
    meta: dict[str, Any] = {"schema_version": 1}
    if draw(st.booleans()):
        meta["next_seq"] = count + 1 + draw(st.integers(0, 3))
    doc: dict[str, Any] = {
        "meta": {"1": meta},
        "sessions": {str(seq): draw(session(seq)) for seq in range(1, count + 1)},
    }
    optional = st.fixed_dictionaries(
        {},
        optional={
            "episodes": st.lists(EPISODES, max_size=2).map(
                lambda found: {str(n): e for n, e in enumerate(found, start=1)}
            ),
            "draft": st.builds(
                lambda stored, note: {"1": {"saved_at": stored, "note": note}},
                SOME_TIME,
                HOSTILE_TEXT,
            ),
            "unknown": st.dictionaries(
                st.sampled_from(["1", "2"]), st.dictionaries(HOSTILE_TEXT, ANY_JSON)
            ),
        },
    )
    return {**doc, **draw(optional)}


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> Any:
    """``document`` with one value somewhere (at any depth) replaced by anything, or removed."""
    parent: Any = None
    key: Any = None
    node: Any = document
    while isinstance(node, (dict, list)) and node and (parent is None or draw(st.booleans())):
        keys = sorted(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, draw(st.sampled_from(keys))
        node = parent[key]
    if parent is None:
        return draw(ANY_JSON)
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[key]
    else:
        parent[key] = draw(ANY_JSON)
    return document


DOCUMENTS = st.one_of(
    valid_documents(),
    valid_documents().flatmap(mutated),
    valid_documents().flatmap(mutated).flatmap(mutated),
    ANY_JSON,
)
"""Valid histories, histories with one or two defects anywhere, and any JSON at all."""


def good_file(sessions: int = 1) -> bytes:
    """A valid history of ``sessions`` sessions, as bytes."""
    docs = {
        str(seq): {
            "seq": seq,
            "saved_at": (START + timedelta(hours=seq)).isoformat(),
            "done": "hydrate",
        }
        for seq in range(1, sessions + 1)
    }
    return json.dumps({"meta": {"1": {"schema_version": 1}}, "sessions": docs}).encode()


GOOD_BACKUP = good_file(2)
PARSER = build_parser()


@st.composite
def mutated_good_files(draw: st.DrawFn) -> bytes:
    """A valid file with a slice replaced by random bytes (truncations included)."""
    raw = good_file(draw(st.integers(1, 3)))
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, len(raw)))
    return raw[:start] + draw(st.binary(max_size=8)) + raw[end:]


BYTES = st.one_of(st.binary(max_size=120), mutated_good_files())

# -- the property ------------------------------------------------------------------------------


def clean(text: str, what: str) -> None:
    """``text`` holds no control character."""
    assert not CONTROL & set(text), f"{what}: {text!r}"


def cli(db: Path, *args: str) -> str:
    """Run the CLI in this process; it must return 0 or 2 and print nothing unsafe.

    Returns what happened: "read", "recovered" or "refused".
    """
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = run(["--db", str(db), *args])
    assert status in (0, 2), (args, err.getvalue())
    clean(out.getvalue().replace("\n", ""), f"stdout of {args}")
    clean(err.getvalue().replace("\n", ""), f"stderr of {args}")
    assert err.getvalue().count("\n") <= 1
    if status:
        return "refused"
    return "recovered" if err.getvalue() else "read"


def session_texts(session: Session) -> list[str]:
    """Every text of ``session`` the UI shows."""
    texts = [session.note, *(item.reason for item in session.items)]
    if session.outcome is not None:
        texts += [session.outcome.where, *session.outcome.red_flags]
    return texts + [episode.side or "" for episode in session.episodes]


def use_the_store(db: Path) -> None:
    """Open, read and save through the API; only HistoryError may come out."""
    clock: Callable[[], datetime] = lambda: START  # noqa: E731
    try:
        store = HistoryStore(db, clock=clock)
        for text in (
            store.recovery_notice or "",
            *(t for s in store.sessions() for t in session_texts(s)),
        ):
            clean(text, "a stored text")
        store.last_session()
        store.draft()
        store.loose_episodes()
        saved = store.add_session([ItemRecord("hydrate", "done")], note="n")
        store.set_outcome(saved.id, Outcome(True, 3))
        store.restore_session(store.delete_session(saved.id))
        store.save_draft([ItemRecord("loosen", "skipped", "late")])
        store.clear_draft()
    except HistoryError as error:
        clean(str(error), "a store error")


def no_fsync(fd: int) -> None:
    """Stand-in for os.fsync."""


def check_any_file(raw: bytes) -> None:
    """The whole property for one history file holding ``raw``.

    fsync is skipped (durability has its own tests) and the CLI's parser is built once: they
    are most of the time otherwise.
    """
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(os, "fsync", no_fsync),
        mock.patch.object(cli_module, "build_parser", lambda *argv: PARSER),
    ):
        db = Path(folder) / "history.json"
        backup = local_folder(db, create=True) / "history.json.bak"
        db.write_bytes(raw)
        backup.write_bytes(GOOD_BACKUP)

        outcome = cli(db, "history")
        event(outcome)
        copies = [*db.parent.glob("history.json*"), *local_folder(db).glob("*.pre-stores-*")]
        kept = [p.read_bytes() for p in copies if p != backup and p.is_file()]
        assert raw in kept, "the original bytes must survive opening"
        cli(db, "history", "--csv")
        cli(db, "history", "--json")
        use_the_store(db)
        cli(db, "log", "--no-cramp", "--note", "from the cli")

        if backup.read_bytes() != GOOD_BACKUP:
            assert recovery.usable_backup(db, backup, "") is not None, backup.read_bytes()


SETTINGS = settings(database=None)


@settings(SETTINGS)
@given(DOCUMENTS, st.booleans())
def test_any_json_document_as_the_history(document: Any, ascii_only: bool) -> None:
    check_any_file(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass"))


@settings(SETTINGS)
@given(BYTES)
def test_any_bytes_as_the_history(raw: bytes) -> None:
    check_any_file(raw)


@pytest.mark.slow
@settings(SETTINGS, max_examples=14_000)
@given(DOCUMENTS, st.booleans())
def test_any_json_document_as_the_history_slow(document: Any, ascii_only: bool) -> None:
    check_any_file(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(SETTINGS, max_examples=6_000)
@given(BYTES)
def test_any_bytes_as_the_history_slow(raw: bytes) -> None:
    check_any_file(raw)
