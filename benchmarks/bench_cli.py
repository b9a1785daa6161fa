"""Wall time of the non-UI commands against a bare ``python -c pass``, and their imports.

Scripts may call ``crampui`` many times, so the commands should cost little more than starting
Python; they must never import Textual.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
CRAMPUI = Path(sys.executable).parent / "crampui"
COMMANDS = (
    ("causes",),
    ("cause", "3"),
    ("faq", "how long"),
    ("history",),
    ("log", "--done", "hydrate"),
)


def median_seconds(cmd: list[str], env: dict[str, str]) -> float:
    """Median wall time of ``cmd`` over ``RUNS`` runs; the command must succeed."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


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


def run() -> list[dict[str, object]]:
    """Median time of each command, its ratio to ``python -c pass``, and the import check."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CRAMPUI_DB": str(Path(tmp) / "history.json"),
            "CRAMPUI_CONFIG_DIR": str(Path(tmp) / "config"),
        }
        baseline = median_seconds([sys.executable, "-c", "pass"], env)
        rows: list[dict[str, object]] = [
            {
                "benchmark": f"python -c pass (median of {RUNS})",
                "result": f"{baseline * 1000:.0f} ms",
            }
        ]
        for command in COMMANDS:
            seconds = median_seconds([str(CRAMPUI), *command], env)
            rows.append(
                {
                    "benchmark": shlex.join(["crampui", *command]),
                    "result": f"{seconds * 1000:.0f} ms ({seconds / baseline:.1f}x python)",
                }
            )
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
    for row in run():
        print(row)
