"""Wall time of ``crampui status`` (a prompt or tmux runs it often) against ``python -c pass``.

The target is the repeat run, answered from the status cache: within 1.5x of starting Python.
The first run after a change (a miss: the history is read) is shown for comparison, and, at
10,000 sessions (a history from ``bench_history``), ``status`` right after a ``log``
against ``python -c "import json"`` (issue 26: at most 3x).
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


def after_log_row(env: dict[str, str]) -> dict[str, object]:
    """``crampui status`` right after ``crampui log`` at 10,000 sessions (cold: every run
    reads the changed history), against ``python -c "import json"``."""
    import shutil

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_history

    with tempfile.TemporaryDirectory() as tmp:
        history = Path(tmp) / "history.json"
        shutil.copyfile(bench_history.built_history(10_000), history)
        env = {**env, "CRAMPUI_DB": str(history)}
        log = [str(CRAMPUI), "log", "--done", "hydrate", "--no-cramp"]
        subprocess.run([str(CRAMPUI), "status"], env=env, check=True, stdout=subprocess.DEVNULL)
        mine, base = [], []
        for _ in range(AFTER_LOG_RUNS):
            subprocess.run(log, env=env, check=True, stdout=subprocess.DEVNULL)
            started = time.perf_counter()
            subprocess.run([str(CRAMPUI), "status"], env=env, check=True, stdout=subprocess.DEVNULL)
            mine.append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import json"], env=env, check=True)
            base.append(time.perf_counter() - started)
    seconds, baseline = statistics.median(mine), statistics.median(base)
    ratio = seconds / baseline
    return {
        "benchmark": "crampui status right after a log at 10,000, cold "
        f"(median of {AFTER_LOG_RUNS})",
        "result": f"{ratio:.1f}x import json ({seconds * 1000:.0f} vs {baseline * 1000:.0f} ms)",
        "target": f"<= {AFTER_LOG_TARGET:.0f}x",
        "ok": ratio <= AFTER_LOG_TARGET,
    }


def run() -> list[dict[str, object]]:
    """Median times of ``python -c pass``, a cached and an uncached ``crampui status``."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
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
        after_log = after_log_row(env)
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
        after_log,
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
