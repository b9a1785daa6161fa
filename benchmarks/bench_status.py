"""Wall time of ``crampui status`` (a prompt or tmux runs it often) against ``python -c pass``.

The target is the repeat run, answered from the status cache (warm): within 1.5x of starting
Python. A cold run (no status cache: the history is read) is shown for comparison, and, at
10,000 sessions (a history from ``bench_history``), ``log``, ``status`` right after a ``log``
(issue 26: at most 3x ``python -c "import json"``; the log leaves the status in the cache) and
``status`` cold. Every command runs with its own history, settings, cache and bytecode folders,
the baseline in the same environment.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crampui.cache import FORMAT

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_cli import with_bytecode_cache  # noqa: E402

from tests.seeded import seed_history  # noqa: E402

RUNS = 21
CRAMPUI = Path(sys.executable).parent / "crampui"
TARGET_RATIO = 1.5
AFTER_LOG_TARGET = 3.0
"""``status`` right after a ``log`` at 10,000 sessions, against ``import json``."""
AFTER_LOG_RUNS = 5


def timed(cmd: list[str], env: dict[str, str], before: object = None) -> float:
    """Median wall time of ``cmd`` over ``RUNS`` runs; ``before`` (a callable) runs untimed."""
    times = []
    for _ in range(RUNS):
        if callable(before):
            before()
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def after_log_rows(env: dict[str, str]) -> list[dict[str, object]]:
    """At 10,000 sessions, against ``python -c "import json"`` (interleaved): ``crampui log``
    (which leaves the new status in the status cache), ``crampui status`` right after it (what
    a shell prompt runs next: warm, answered from what the log left), and ``crampui status``
    cold (no status cache: it reads the history's window)."""
    import shutil

    import bench_history

    with tempfile.TemporaryDirectory() as tmp:
        history = Path(tmp) / "history.json"
        shutil.copyfile(bench_history.built_history(10_000), history)
        env = {**env, "CRAMPUI_DB": str(history)}
        cache = Path(env["XDG_CACHE_HOME"]) / "crampui" / f"status-v{FORMAT}.json"
        log = [str(CRAMPUI), "log", "--done", "hydrate", "--no-cramp"]
        status = [str(CRAMPUI), "status"]
        subprocess.run(status, env=env, check=True, stdout=subprocess.DEVNULL)
        logs, after, cold, base = [], [], [], []
        for _ in range(AFTER_LOG_RUNS):
            logs.append(once(log, env))
            after.append(once(status, env))
            base.append(once([sys.executable, "-c", "import json"], env))
            cache.unlink(missing_ok=True)
            cold.append(once(status, env))
    baseline = statistics.median(base)

    def result(times: list[float]) -> str:
        seconds = statistics.median(times)
        ms = f"{seconds * 1000:.0f} vs {baseline * 1000:.0f} ms"
        return f"{seconds / baseline:.1f}x import json ({ms})"

    ratio = statistics.median(after) / baseline
    return [
        {
            "benchmark": f"crampui log at 10,000 (keeps the status in its cache; median of "
            f"{AFTER_LOG_RUNS})",
            "result": result(logs),
        },
        {
            "benchmark": "crampui status right after a log at 10,000, warm (left by the log; "
            f"median of {AFTER_LOG_RUNS})",
            "result": result(after),
            "target": f"<= {AFTER_LOG_TARGET:.0f}x",
            "ok": ratio <= AFTER_LOG_TARGET,
        },
        {
            "benchmark": "crampui status at 10,000, cold (no status cache: reads the window; "
            f"median of {AFTER_LOG_RUNS})",
            "result": result(cold),
        },
    ]


def once(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``cmd`` takes; it must succeed."""
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run() -> list[dict[str, object]]:
    """Median times of ``python -c pass``, a cached and an uncached ``crampui status``."""
    with tempfile.TemporaryDirectory() as tmp:  # its own history, settings, cache, bytecode
        env = {
            **with_bytecode_cache(dict(os.environ), Path(tmp) / "pyc"),
            "CRAMPUI_DB": str(Path(tmp) / "history.json"),
            "CRAMPUI_CONFIG_DIR": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            "XDG_STATE_HOME": str(Path(tmp) / "state"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config-home"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
        }
        seed_history(Path(env["CRAMPUI_DB"]))
        cache = Path(env["XDG_CACHE_HOME"]) / "crampui" / f"status-v{FORMAT}.json"
        status = [str(CRAMPUI), "status"]
        baseline = timed([sys.executable, "-c", "pass"], env)
        subprocess.run(status, env=env, check=True, stdout=subprocess.DEVNULL)
        cached = timed(status, env)
        uncached = timed(status, env, before=lambda: cache.unlink(missing_ok=True))
        after_log = after_log_rows(env)
    ratio = cached / baseline
    return [
        {"benchmark": f"python -c pass (median of {RUNS})", "result": f"{baseline * 1000:.1f} ms"},
        {
            "benchmark": "crampui status, warm (answered from the status cache)",
            "result": f"{cached * 1000:.1f} ms ({ratio:.2f}x python)",
            "target": f"<= {TARGET_RATIO}x python",
            "ok": ratio <= TARGET_RATIO,
        },
        {
            "benchmark": "crampui status, cold (no status cache: reads the history)",
            "result": f"{uncached * 1000:.0f} ms ({uncached / baseline:.1f}x python)",
        },
        *after_log,
    ]


if __name__ == "__main__":
    from run_all import own_user_dirs

    with own_user_dirs():
        for row in run():
            print(row)
