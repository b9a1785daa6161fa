"""History at 1k, 10k and 100k sessions, through the public store API only.

The histories are written once with the store's codec (:func:`build`) and kept in
``crampui-bench`` in the user cache (or ``$CRAMPUI_BENCH_BUILDS``) under a hash of the store's
source. What is measured goes through the public store API: ``add_session`` on a copy (each
save appends to this computer's journal; the maximum includes one save that folds the journal
into the file, a compaction), the bytes each save writes to the history's (synced) folder (at
500, 1k and 10k sessions), opening a file already checked once, and opening plus
``sessions()``.

Run ``python benchmarks/bench_history.py``; ``run()`` returns the rows for ``make bench``.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crampui.history import HistoryStore, ItemRecord

SIZES = (1_000, 10_000, 100_000)
ITEM_IDS = (
    "hydrate", "eat-balanced", "warm-up", "loosen", "rested", "plan-holds", "posture",
    "build-gradually", "no-nerve-symptoms",
)  # fmt: skip
STATES = ("done", "done", "done", "skipped", "pending")
START = datetime(2000, 1, 1, tzinfo=timezone.utc)
SAVE_TARGET_MS = 10.0
"""Issue 12: saving a session at 10k and 100k sessions."""
TAB_TARGET_MS = 300.0
"""Issue 12: the History tab shown at 10k sessions (here: open the store + ``sessions()``)."""
ROOT = Path(__file__).resolve().parent.parent


def store_version() -> str:
    """A hash of the history package's source: a build is reused only by the same store."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "crampui" / "history").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


BUILDS_VARIABLE = "CRAMPUI_BENCH_BUILDS"
"""Names the folder of built histories (``run_all`` sets it before giving each benchmark its
own user folders, so the histories are built once)."""


def builds_folder() -> Path:
    """Where built histories are kept between runs: $CRAMPUI_BENCH_BUILDS, else
    ``crampui-bench`` in the user cache."""
    import platformdirs

    chosen = os.environ.get(BUILDS_VARIABLE, "")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("crampui-bench"))


def cache_dir() -> Path:
    """Where built histories of this store's version are kept."""
    return builds_folder() / store_version()


def build(path: Path, size: int) -> None:
    """Write a history of ``size`` sessions at ``path``, deterministic in each session's seq.

    Written in one go through the store's own codec (every record as ``add_session`` would
    store it, with its version), since saving 100,000 sessions one by one would take minutes.
    """
    from crampui.history import ItemRecord, Outcome, Session
    from crampui.history.codec import encode, iso, session_to_doc
    from crampui.history.versions import derived_uid

    sessions = {}
    for seq in range(1, size + 1):
        rng = random.Random(seq)
        saved_at = START + timedelta(hours=7 * seq + rng.random())
        items = tuple(ItemRecord(item_id, rng.choice(STATES)) for item_id in ITEM_IDS)  # type: ignore[arg-type]
        outcome = None
        if rng.random() < 0.7:
            cramped = rng.random() < 0.3
            outcome = Outcome(cramped, rng.randrange(11) if cramped else None, recorded_at=saved_at)
        note = "tight after a long drive" if rng.random() < 0.2 else ""
        uid = derived_uid("bench", seq)
        doc = session_to_doc(Session(seq, seq, saved_at, items, note, outcome, uid=uid))
        sessions[uid] = {**doc, "changed_at": iso(saved_at), "device": "bench0000000"}
    staged = path.with_name(path.name + ".building")
    staged.write_bytes(encode({"meta": {"1": {"schema_version": 2}}, "sessions": sessions}))
    staged.replace(path)


def built_history(size: int) -> Path:
    """The cached history of ``size`` sessions (built on first use, and built again if it is
    no longer the single file :func:`build` wrote: a crampui that opened it in place moved its
    sessions into stores beside it, and the copy a benchmark takes would then be empty)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"history-{size}.json"
    opened_in_place = path.with_name(path.name + ".journal")
    if opened_in_place.exists():
        shutil.rmtree(opened_in_place)
        path.unlink(missing_ok=True)
    if not path.exists():
        build(path, size)
    return path


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock milliseconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def compacting_save(store: HistoryStore, items: list[ItemRecord]) -> float:
    """Milliseconds of one save that folds the journal into the file (as every so many saves
    do), made due by lowering the journal's size that triggers it."""
    from crampui.history import journal

    fraction, least = journal.COMPACT_FRACTION, journal.COMPACT_FROM_BYTES
    journal.COMPACT_FRACTION, journal.COMPACT_FROM_BYTES = 10**9, 0
    try:
        return timed(lambda: store.add_session(items, note="benchmark"), 1)[0]
    finally:
        journal.COMPACT_FRACTION, journal.COMPACT_FROM_BYTES = fraction, least


SYNCED_BYTES_TARGET = 4096
"""Issue 25: bytes one save writes to the synced folder, at every size."""
BYTES_SIZES = (500, 1_000, 10_000)
"""Where bytes per save are measured: a small history (most people's for years) and larger."""


def files_of(history: Path) -> dict[str, tuple[int, int]]:
    """(inode, size) of every file of the history at ``history`` in its folder (the file, its
    journals and anything else named after it)."""
    found = {}
    for path in history.parent.rglob("*"):
        relative = path.relative_to(history.parent).as_posix()
        if relative.startswith(history.name) and path.is_file():
            info = path.stat()
            found[relative] = (info.st_ino, info.st_size)
    return found


def synced_bytes(history: Path, action: Callable[[], object]) -> tuple[int, int]:
    """Bytes ``action`` wrote to the history's folder (the synced folder): a new or replaced
    file counts whole, an appended one by what was appended; and the size of the largest file
    it changed (a sync tool rescans it and resends its changed blocks)."""
    before = files_of(history)
    action()
    written = touched = 0
    for name, (inode, size) in files_of(history).items():
        old = before.get(name)
        if old == (inode, size):
            continue
        written += size - old[1] if old is not None and old[0] == inode else size
        touched = max(touched, size)
    return written, touched


def history_files() -> dict[int, Path]:
    """Every size's history (built on first use); for bench_cli."""
    return {size: built_history(size) for size in SIZES}


def bench_size(path: Path, size: int, work: Path) -> list[dict[str, object]]:
    """Save and load times on a copy of the built history of ``size`` sessions."""
    from crampui.history import HistoryStore, ItemRecord

    copy = work / path.name
    shutil.copyfile(path, copy)
    runs = 3 if size >= 100_000 else 7
    mb = copy.stat().st_size / 1e6
    items = [ItemRecord(item_id, "done") for item_id in ITEM_IDS]
    store = HistoryStore(copy)
    save = timed(lambda: store.add_session(items, note="benchmark"), runs)
    save.append(compacting_save(store, items))
    opened = timed(lambda: HistoryStore(copy), runs)
    load = timed(lambda: len(HistoryStore(copy).sessions()), runs)
    save_ms, load_ms = statistics.median(save[:-1]), statistics.median(load)
    save_row: dict[str, object] = {
        "benchmark": f"history: save a session at {size:,} (median of {runs})",
        "result": f"{save_ms:.1f} ms",
        "max, a compaction included": f"{max(save):.1f} ms",
        "file": f"{mb:.1f} MB",
    }
    if size >= 10_000:
        save_row |= {"target": f"<= {SAVE_TARGET_MS:.0f} ms", "ok": save_ms <= SAVE_TARGET_MS}
    open_row: dict[str, object] = {
        "benchmark": f"history: open, already checked (warm), at {size:,} (median of {runs})",
        "result": f"{statistics.median(opened):.0f} ms",
    }
    load_row: dict[str, object] = {
        "benchmark": f"history: open + sessions() (warm) at {size:,} (median of {runs})",
        "result": f"{load_ms:.0f} ms",
    }
    return [save_row, open_row, load_row]


def bench_bytes(path: Path, size: int, work: Path, runs: int = 30) -> dict[str, object]:
    """Bytes each of ``runs`` saves writes to the synced folder, on a copy of the built history
    of ``size`` sessions (every save, not only the median, is held to the target)."""
    from crampui.history import HistoryStore, ItemRecord

    copy = work / f"bytes-{path.name}"
    shutil.copyfile(path, copy)
    items = [ItemRecord(item_id, "done") for item_id in ITEM_IDS]
    store = HistoryStore(copy)
    measured = [synced_bytes(copy, lambda: store.add_session(items)) for _ in range(runs)]
    sent = [written for written, _ in measured]
    return {
        "benchmark": f"history: bytes written to the synced folder per save at {size:,} "
        f"(median of {runs})",
        "result": f"{statistics.median(sent):,.0f} B",
        "max": f"{max(sent):,} B",
        "largest file changed": f"{max(touched for _, touched in measured):,} B",
        "target": f"<= {SYNCED_BYTES_TARGET:,} B",
        "ok": max(sent) <= SYNCED_BYTES_TARGET,
    }


def run() -> list[dict[str, object]]:
    """Every history row, for each size in SIZES."""
    import tempfile

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in BYTES_SIZES:
            rows.append(bench_bytes(built_history(size), size, Path(tmp)))
        for size in SIZES:
            rows.extend(bench_size(built_history(size), size, Path(tmp)))
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
