"""Wall time of the commands against ``python -c "import json"``, and their imports.

Scripts may call ``crampui`` many times, so a command should cost little more than starting
Python and reading JSON. Issue 12's targets: ``causes``, ``cause`` and ``faq`` (``--json``)
at most 2x; issue 26's: ``history --json`` at 10,000 sessions at most 3x warm (the file
checked before, the only cache it uses) and 8x cold (the file rewritten since by another
process, so checked again). The histories come from ``bench_history``. Each figure is the
median of :data:`RUNS` runs, the command and the baseline interleaved, after one untimed
warm-up run (which compiles the modules). No content command reads a cache.

The commands run with Python's bytecode cache on (``PYTHONPYCACHEPREFIX`` in the temporary
directory, ``PYTHONDONTWRITEBYTECODE`` dropped), as an installed crampui has its modules
compiled: otherwise an editable checkout would be compiled again on every run, which no user's
installation does. A new ``faq`` query is timed with a different never-asked query each run.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 11
CRAMPUI = Path(sys.executable).parent / "crampui"
CONTENT_TARGET = 2.0
HISTORY_TARGET = 3.0
"""``history --json`` at 10,000 sessions, warm."""
HISTORY_COLD_TARGET = 8.0
"""``history --json`` at 10,000 sessions right after a change (cold)."""
HISTORY_TARGET_SIZE = 10_000
CONTENT_COMMANDS = (
    ("causes", "--json"),
    ("cause", "3", "--json"),
    ("faq", "how long", "--json"),
)
OTHER_COMMANDS = (("causes",), ("faq", "how long"), ("history",), ("log", "--done", "hydrate"))
BASELINE = (sys.executable, "-c", "import json")


def with_bytecode_cache(env: dict[str, str], cache: Path) -> dict[str, str]:
    """``env`` with compiled modules kept in ``cache``, as an installation keeps them."""
    kept = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "PYTHONPYCACHEPREFIX": str(cache)}


def once(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``cmd`` takes; it must succeed."""
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def ratio_to_baseline(cmd: list[str], env: dict[str, str], runs: int = RUNS) -> tuple[float, float]:
    """Median seconds of ``cmd`` and of the baseline, interleaved, after a warm-up run."""
    once(cmd, env)
    mine, base = [], []
    for _ in range(runs):
        base.append(once(list(BASELINE), env))
        mine.append(once(cmd, env))
    return statistics.median(mine), statistics.median(base)


def imports_textual(env: dict[str, str]) -> bool:
    """Whether ``python -m crampui causes`` imports any ``textual`` module."""
    log = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crampui", "causes"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    modules = (line.rsplit("|", 1)[-1].strip() for line in log.splitlines() if "|" in line)
    return any(name == "textual" or name.startswith("textual.") for name in modules)


def command_row(
    command: tuple[str, ...], env: dict[str, str], target: float | None
) -> dict[str, object]:
    """One row: the command's median time and its ratio to ``import json``."""
    seconds, base = ratio_to_baseline([str(CRAMPUI), *command], env)
    ratio = seconds / base
    row: dict[str, object] = {
        "benchmark": shlex.join(["crampui", *command]) + f" (median of {RUNS})",
        "result": f"{ratio:.2f}x import json ({seconds * 1000:.0f} vs {base * 1000:.0f} ms)",
    }
    if target is not None:
        row |= {"target": f"<= {target:.1f}x", "ok": ratio <= target}
    return row


def new_query_row(env: dict[str, str]) -> dict[str, object]:
    """``faq QUERY --json`` for queries never asked before (one with typos to correct), each
    run a new one, interleaved with the baseline (nothing cached: the tables are built)."""
    mine, base = [], []
    for run in range(RUNS):
        base.append(once(list(BASELINE), env))
        query = f"a question never asked befor, number {run}"
        mine.append(once([str(CRAMPUI), "faq", query, "--json"], env))
    seconds, baseline = statistics.median(mine), statistics.median(base)
    ratio = seconds / baseline
    return {
        "benchmark": f"crampui faq QUERY --json, a query not asked before (median of {RUNS})",
        "result": f"{ratio:.2f}x import json ({seconds * 1000:.0f} vs {baseline * 1000:.0f} ms)",
        "target": f"<= {CONTENT_TARGET:.1f}x",
        "ok": ratio <= CONTENT_TARGET,
    }


def history_rows(env: dict[str, str]) -> list[dict[str, object]]:
    """``crampui history --json`` against ``import json`` at each built history size."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_history

    rows: list[dict[str, object]] = []
    built = bench_history.history_files()
    for size in bench_history.SIZES:
        target = HISTORY_TARGET if size == HISTORY_TARGET_SIZE else None
        if size not in built:
            rows.append(
                {
                    "benchmark": f"crampui history --json at {size:,}",
                    "result": "not measured yet: the history is still being built (bench_history)",
                    "target": None if target is None else f"<= {target:.1f}x",
                    "ok": None if target is None else False,
                }
            )
            continue
        command = ("--db", str(built[size]), "history", "--json")
        row = command_row(command, env, target)
        row["benchmark"] = f"crampui history --json at {size:,}, warm (median of {RUNS})"
        rows.append(row)
        cold = HISTORY_COLD_TARGET if size == HISTORY_TARGET_SIZE else None
        rows.append(changed_row(built[size], size, env, cold))
    return rows


def changed_row(
    path: Path, size: int, env: dict[str, str], target: float | None
) -> dict[str, object]:
    """``history --json`` right after the history file was rewritten by another process (a
    session saved and folded in before every run, as a sync tool or another computer's
    crampui leaves it): cold, the command's checked-history note is stale, so the whole file
    is checked again; the cost of reading, checking and printing the history."""
    from crampui.history import HistoryStore, ItemRecord

    runs = 3 if size >= 100_000 else 5
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        store = HistoryStore(copy)  # notes what it checks in this process's cache, not env's
        mine, base = [], []
        for _ in range(runs):
            store.add_session([ItemRecord("hydrate", "done")], note="changed")
            store.compact()
            base.append(once(list(BASELINE), env))
            mine.append(once([str(CRAMPUI), "--db", str(copy), "history", "--json"], env))
    seconds, baseline = statistics.median(mine), statistics.median(base)
    row: dict[str, object] = {
        "benchmark": f"crampui history --json at {size:,}, cold: the file rewritten by another "
        f"process (median of {runs})",
        "result": f"{seconds / baseline:.2f}x import json "
        f"({seconds * 1000:.0f} vs {baseline * 1000:.0f} ms)",
    }
    if target is not None:
        row |= {"target": f"<= {target:.1f}x", "ok": seconds / baseline <= target}
    return row


def run() -> list[dict[str, object]]:
    """Ratios of each command to ``import json``, and the import check."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **with_bytecode_cache(dict(os.environ), Path(tmp) / "pyc"),
            "CRAMPUI_DB": str(Path(tmp) / "history.json"),
            "CRAMPUI_CONFIG_DIR": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            "XDG_STATE_HOME": str(Path(tmp) / "state"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config-home"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
        }
        rows = [command_row(command, env, CONTENT_TARGET) for command in CONTENT_COMMANDS]
        rows.append(new_query_row(env))
        rows += [command_row(command, env, None) for command in OTHER_COMMANDS]
        rows += history_rows(env)
        textual = imports_textual(env)
    rows.append(
        {
            "benchmark": "crampui causes imports textual",
            "result": "yes" if textual else "no",
            "target": "no",
            "ok": not textual,
        }
    )
    return rows


if __name__ == "__main__":
    from run_all import own_user_dirs

    with own_user_dirs():  # never the real settings or cache, even for the untimed saves
        for row in run():
            print(row)
