"""Wall time of ``crampui status`` (a prompt or tmux runs it often) against ``python -c pass``.

The target is the repeat run, answered from the status cache: within 1.5x of starting Python.
The first run after a change (a miss: the history is read) is shown for comparison.
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


def run() -> list[dict[str, object]]:
    """Median times of ``python -c pass``, a cached and an uncached ``crampui status``."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CRAMPUI_DB": str(Path(tmp) / "history.json"),
            "CRAMPUI_CONFIG_DIR": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        seed_history(Path(env["CRAMPUI_DB"]))
        cache = Path(env["XDG_CACHE_HOME"]) / "crampui" / f"status-v{FORMAT}.json"
        status = [str(CRAMPUI), "status"]
        baseline = timed([sys.executable, "-c", "pass"], env)
        subprocess.run(status, env=env, check=True, stdout=subprocess.DEVNULL)
        cached = timed(status, env)
        uncached = timed(status, env, before=lambda: cache.unlink(missing_ok=True))
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
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
