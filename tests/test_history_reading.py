"""Reading a history builds each session once (issue 26): the whole-file check's sessions are
the ones ``sessions()`` returns, and they equal sessions built from scratch."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from crampui import cache
from crampui.history import HistoryStore, ItemRecord, Outcome, Session, schema
from crampui.history import store as store_module
from crampui.history.codec import encode, iso, session_to_doc
from crampui.history.versions import derived_uid

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
SIZE = 40


def legacy_history(path: Path) -> None:
    """A history file of :data:`SIZE` sessions written in one go, as from an older crampui."""
    sessions = {}
    for seq in range(1, SIZE + 1):
        saved_at = START + timedelta(hours=seq)
        outcome = Outcome(seq % 3 == 0, 4 if seq % 3 == 0 else None) if seq % 2 else None
        session = Session(
            seq, seq, saved_at, (ItemRecord("hydrate", "done"),), f"note {seq}", outcome,
            uid=derived_uid("reading", seq),
        )  # fmt: skip
        sessions[session.uid] = {
            **session_to_doc(session),
            "changed_at": iso(saved_at),
            "device": "0123456789ab",
        }
    path.write_bytes(encode({"meta": {"1": {"schema_version": 2}}, "sessions": sessions}))


def counted_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one whenever a session is built from its document (by the
    whole-file check or by the store)."""
    builds: list[int] = []
    for module in (schema, store_module):
        build = module.session_from_doc

        def counting(*args: Any, _build: Any = build, **kwargs: Any) -> Any:
            builds.append(1)
            return _build(*args, **kwargs)

        monkeypatch.setattr(module, "session_from_doc", counting)
    return builds


def test_the_whole_file_check_builds_each_session_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    legacy_history(path)
    expected = HistoryStore(path).sessions()  # migrated into this computer's store
    for kept in cache.folder().iterdir():  # no note of checked files: an upgrade, say
        kept.unlink()
    builds = counted_builds(monkeypatch)
    store = HistoryStore(path)
    assert len(builds) == SIZE  # the whole-file check ran
    assert store.sessions() == expected
    assert len(builds) == SIZE  # ... and its sessions are the ones shown
    assert store.sessions(START + timedelta(hours=SIZE - 2)) == expected[:3]
    assert len(builds) == SIZE


def test_a_checked_file_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.json"
    legacy_history(path)
    HistoryStore(path).sessions()
    builds = counted_builds(monkeypatch)
    store = HistoryStore(path)
    assert not builds
    assert len(store.sessions(START + timedelta(hours=SIZE - 2))) == 3
    assert len(builds) == 3  # only the window's
