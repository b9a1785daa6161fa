"""How long saving a session and opening the History tab take with 1k, 10k and 100k sessions.

Run ``python benchmarks/bench_history.py``; ``run()`` returns the rows for the combined report.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from crampui.history import (
    SCHEMA_VERSION,
    HistoryStore,
    ItemRecord,
    ItemState,
    Outcome,
    Session,
    session_to_doc,
)
from crampui.insights import associations, heatmap, item_frequency, streaks, total_cramps

SIZES = (1_000, 10_000, 100_000)
ITEM_IDS = (
    "hydrate", "eat-balanced", "warm-up", "loosen", "rested", "plan-holds", "posture",
    "build-gradually", "no-nerve-symptoms",
)  # fmt: skip
STATES: tuple[ItemState, ...] = ("done", "done", "done", "skipped", "pending")
START = datetime(2000, 1, 1, tzinfo=timezone.utc)
SAVE_TARGET_MS = 100.0
"""Saving one session must stay well under this up to 10k sessions."""


def build_history(path: Path, size: int, seed: int = 0) -> None:
    """Write a schema-1 history of ``size`` sessions straight to ``path`` (no store, fast)."""
    rng = random.Random(seed)
    combos = [tuple(ItemRecord(i, rng.choice(STATES)) for i in ITEM_IDS) for _ in range(200)]
    sessions = {}
    for seq in range(1, size + 1):
        saved_at = START + timedelta(hours=7 * seq + rng.random())
        outcome = None
        if rng.random() < 0.7:
            cramped = rng.random() < 0.3
            severity = rng.randrange(11) if cramped else None
            outcome = Outcome(cramped, severity, recorded_at=saved_at)
        note = "tight after a long drive" if rng.random() < 0.2 else ""
        session = Session(seq, seq, saved_at, rng.choice(combos), note, outcome)
        sessions[str(seq)] = session_to_doc(session)
    tables = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}, "sessions": sessions}
    path.write_text(json.dumps(tables, separators=(",", ":")), encoding="utf-8")


def open_history_tab(store: HistoryStore) -> int:
    """What the History tab computes on opening: every session and every insight."""
    sessions = store.sessions()
    today = date.today()
    streaks(sessions, today)
    heatmap(sessions, today)
    item_frequency(sessions, ITEM_IDS)
    associations(sessions, ITEM_IDS)
    total_cramps(sessions)
    return len(sessions)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock milliseconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(benchmark: str, size: int, times: list[float], file_mb: float) -> dict[str, object]:
    """One result row."""
    return {
        "benchmark": benchmark,
        "n": size,
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": len(times),
        "file_mb": round(file_mb, 2),
    }


def bench_size(path: Path, size: int) -> list[dict[str, object]]:
    """Time add_session, a cold open and a warm History tab on a history of ``size``."""
    build_history(path, size)
    runs = 3 if size >= 100_000 else 7
    file_mb = path.stat().st_size / 1e6
    store = HistoryStore(path)
    items = [ItemRecord(item_id, "done") for item_id in ITEM_IDS]
    add = timed(lambda: store.add_session(items, note="benchmark"), runs)
    cold = timed(lambda: open_history_tab(HistoryStore(path)), runs)
    warm = timed(lambda: open_history_tab(store), runs)
    save = row("history.add_session", size, add, file_mb)
    if size <= 10_000:
        save["target"] = f"< {SAVE_TARGET_MS:.0f} ms"
        save["ok"] = statistics.median(add) < SAVE_TARGET_MS
    return [
        save,
        row("history.open (new store + tab)", size, cold, file_mb),
        row("history.tab (sessions + insights)", size, warm, file_mb),
    ]


def run() -> list[dict[str, object]]:
    """Every history benchmark, for each size in SIZES."""
    with tempfile.TemporaryDirectory() as directory:
        return [
            result
            for size in SIZES
            for result in bench_size(Path(directory) / f"history-{size}.json", size)
        ]


def print_table(rows: list[dict[str, object]]) -> None:
    """Print the rows as an aligned table."""
    columns = list(dict.fromkeys(key for r in rows for key in r))
    cells = [[str(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))


if __name__ == "__main__":
    print_table(run())
