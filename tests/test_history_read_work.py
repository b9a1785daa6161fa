"""Reading a history does the work it needs once: nothing is checked or merged twice."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from crampui.history import HistoryStore, ItemRecord, seen


def test_a_history_others_may_read_is_not_merged_again_with_its_own_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A history at mode 0644 is kept as seen by a private copy (a link would share its mode);
    opening it again, unchanged, neither checks nor merges that copy, and the copy stays."""
    path = Path(os.environ["CRAMPUI_DB"])
    store = HistoryStore(path)
    store.add_session([ItemRecord("hydrate", "done")], note="first")
    os.chmod(store.store_path, 0o644)
    HistoryStore(path)  # remembered: a private copy of the same bytes
    own = store.store_path
    copy = seen.seen_path(path, own)
    assert not os.path.samefile(copy, own)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    work: list[str] = []

    def counted(name: str) -> Callable[..., object]:
        real = getattr(seen, name)

        def call(*args: object) -> object:
            work.append(name)
            return real(*args)

        return call

    for name in ("validate", "merge_tables", "decode"):
        monkeypatch.setattr(seen, name, counted(name))
    assert [s.note for s in HistoryStore(path).sessions()] == ["first"]
    assert work == []
    assert copy.read_bytes() == own.read_bytes()
