"""History at 1k, 10k and 100k sessions, through the public store API only.

The histories are built with ``HistoryStore(path).add_session(...)`` (backfilled with ``at=``)
and read with ``.sessions()``, so the figures follow whatever layout the store uses on disk.
Building costs one save per session; a build is kept in ``$XDG_CACHE_HOME/crampui-bench/``
under a hash of the store's source, and continued by the next run when :data:`BUILD_BUDGET_S`
runs out, so a slow store still gets its large sizes measured after a few runs. A size not yet
built shows how far its build got.

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

SIZES = (1_000, 10_000, 100_000)
ITEM_IDS = (
    "hydrate", "eat-balanced", "warm-up", "loosen", "rested", "plan-holds", "posture",
    "build-gradually", "no-nerve-symptoms",
)  # fmt: skip
STATES = ("done", "done", "done", "skipped", "pending")
START = datetime(2000, 1, 1, tzinfo=timezone.utc)
BUILD_BUDGET_S = float(os.environ.get("CRAMPUI_BENCH_BUILD_SECONDS", "60"))
"""Seconds one run of bench_history (and one of bench_cli) may spend building histories."""
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


def cache_dir() -> Path:
    """Where built histories are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return Path(base, "crampui-bench", store_version())


def grow(path: Path, size: int, deadline: float) -> int:
    """Add sessions to the history at ``path`` until it holds ``size`` or time is up.

    Returns how many it holds. Sessions are deterministic in their position (seeded), so a
    build continued later is the same as one done in one go.
    """
    from crampui.history import HistoryStore, ItemRecord, Outcome

    store = HistoryStore(path)
    have = len(store.sessions())
    while have < size and time.monotonic() < deadline:
        seq = have + 1
        rng = random.Random(seq)
        saved_at = START + timedelta(hours=7 * seq + rng.random())
        items = [ItemRecord(item_id, rng.choice(STATES)) for item_id in ITEM_IDS]  # type: ignore[arg-type]
        outcome = None
        if rng.random() < 0.7:
            cramped = rng.random() < 0.3
            outcome = Outcome(cramped, rng.randrange(11) if cramped else None, recorded_at=saved_at)
        note = "tight after a long drive" if rng.random() < 0.2 else ""
        store.add_session(items, note, outcome, at=saved_at)
        have += 1
    return have


def built_history(size: int, deadline: float) -> tuple[Path, int]:
    """The cached history of ``size`` sessions (grown from the largest smaller one when new),
    and how many sessions it holds so far."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"history-{size}.json"
    if not path.exists():
        smaller = [s for s in SIZES if s < size and (folder / f"history-{s}.json").exists()]
        if smaller:
            shutil.copyfile(folder / f"history-{max(smaller)}.json", path)
    return path, grow(path, size, deadline)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock milliseconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def history_files(deadline: float | None = None) -> dict[int, Path]:
    """Every size's history that is fully built (building within the budget); for bench_cli."""
    deadline = time.monotonic() + BUILD_BUDGET_S if deadline is None else deadline
    done = {}
    for size in SIZES:
        path, have = built_history(size, deadline)
        if have >= size:
            done[size] = path
    return done


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
    load = timed(lambda: len(HistoryStore(copy).sessions()), runs)
    save_ms, load_ms = statistics.median(save), statistics.median(load)
    save_row: dict[str, object] = {
        "benchmark": f"history: save a session at {size:,} (median of {runs})",
        "result": f"{save_ms:.1f} ms",
        "file": f"{mb:.1f} MB",
    }
    if size >= 10_000:
        save_row |= {"target": f"<= {SAVE_TARGET_MS:.0f} ms", "ok": save_ms <= SAVE_TARGET_MS}
    load_row: dict[str, object] = {
        "benchmark": f"history: open + sessions() at {size:,} (median of {runs})",
        "result": f"{load_ms:.0f} ms",
    }
    if size == 10_000:
        load_row |= {"target": f"tab <= {TAB_TARGET_MS:.0f} ms", "ok": load_ms <= TAB_TARGET_MS}
    return [save_row, load_row]


def run() -> list[dict[str, object]]:
    """Every history row, for each size in SIZES (a size not yet built says how far it got)."""
    import tempfile

    deadline = time.monotonic() + BUILD_BUDGET_S
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path, have = built_history(size, deadline)
            if have < size:
                rows.append(
                    {
                        "benchmark": f"history at {size:,}",
                        "result": f"not measured yet: built {have:,} of {size:,} sessions "
                        f"through add_session in the {BUILD_BUDGET_S:.0f} s budget "
                        "(the next run continues)",
                        "target": f"save <= {SAVE_TARGET_MS:.0f} ms" if size > 1_000 else None,
                        "ok": False if size > 1_000 else None,
                    }
                )
                continue
            rows.extend(bench_size(path, size, Path(tmp)))
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
