"""Peak memory of the idle app with 10,000 sessions, History never opened, against the minimal app.

Issue 26: at most 1.5x the minimal Textual app's peak resident memory. crampui opens on Causes
(``open_on_causes``, so the launch never shows History) with a weekly target set (so the
launch checks read the status), on a history of 10,000 sessions from ``bench_history``.
Each app runs in a private tmux pane under ``/usr/bin/time -f %M`` (peak RSS); once its
process has used no CPU for :data:`QUIET_SECONDS` (the launch checks are done), ``q`` quits
it. The apps alternate, after one untimed run of each (which compiles the modules, notes the
history as checked and keeps what the launch checks found, as a second launch finds them:
warm); both start as ``start_app`` does (``benchmarks/minimal_app.py``). A second row is
cold: before each run the launch facts are dropped from the cache
(:mod:`crampui.insights.launch_cache`), as after a change to the history, so the launch
checks read it. Every run has its own config, data, state and cache folders.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_history  # noqa: E402
from bench_startup import CRAMPUI, HERE, TIME, outside_tmux  # noqa: E402

RUNS = 5
MAX_RATIO = 1.5
QUIET_SECONDS = 3.0
POLL_SECONDS = 0.25
TIMEOUT_SECONDS = 120


def cpu_ticks(pid: int) -> int:
    """User and system clock ticks the process ``pid`` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_for(found: object, what: str) -> None:
    """Poll the callable ``found`` until it is true; RuntimeError after the timeout."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not callable(found) or not found():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(POLL_SECONDS)


def peak_mib(cmd: list[str], env: dict[str, str], rss_file: Path) -> float:
    """Peak RSS (MiB) of ``cmd`` run in a new tmux server until it is idle, then quit."""
    socket = f"crampui-idle-{uuid.uuid4().hex[:12]}"
    tmux = ["tmux", "-L", socket]
    size = ["-x", "100", "-y", "32"]
    timed = [str(TIME), "-f", "%M", "-o", str(rss_file), *cmd]
    subprocess.run([*tmux, "new-session", "-d", *size, *timed], env=env, check=True)
    try:
        shown = subprocess.run(
            [*tmux, "display", "-p", "#{pane_pid}"], capture_output=True, text=True, check=True
        )
        pane = shown.stdout.strip()
        children: list[str] = []

        def started() -> bool:
            children[:] = subprocess.run(
                ["pgrep", "-P", pane], capture_output=True, text=True, check=False
            ).stdout.split()
            return bool(children)

        wait_for(started, "the app to start")
        pid, quiet, last = int(children[0]), 0.0, -1

        def idle() -> bool:
            nonlocal quiet, last
            ticks = cpu_ticks(pid)
            quiet, last = (quiet + POLL_SECONDS if ticks == last else 0.0), ticks
            return quiet >= QUIET_SECONDS

        wait_for(idle, "the app to be idle")
        subprocess.run([*tmux, "send-keys", "q"], check=True)
        wait_for(lambda: rss_file.exists() and rss_file.read_text().strip(), "the app to quit")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
    return int(rss_file.read_text().split()[-1]) / 1024


def run() -> list[dict[str, object]]:
    """Median peak RSS of crampui (10,000 sessions, idle on Causes) and the minimal app."""
    if shutil.which("tmux") is None or not TIME.exists():
        return [{"benchmark": "idle memory", "result": "skipped: needs tmux and /usr/bin/time"}]
    apps = {"crampui": [str(CRAMPUI)], "minimal": [sys.executable, str(HERE / "minimal_app.py")]}
    peaks: dict[str, list[float]] = {name: [] for name in [*apps, "cold"]}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        history = work / "data" / "history.json"
        history.parent.mkdir()
        shutil.copyfile(bench_history.built_history(10_000), history)
        config = work / "config"
        config.mkdir()
        settings = {"open_on_causes": True, "weekly_target": 3}
        (config / "settings.json").write_text(json.dumps(settings))
        env = outside_tmux(os.environ) | {
            "CRAMPUI_DB": str(history),
            "CRAMPUI_CONFIG_DIR": str(config),
            "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_STATE_HOME": str(work / "state"),
            "XDG_CONFIG_HOME": str(work / "config-home"),
            "XDG_DATA_HOME": str(work / "data"),
            "PYTHONPYCACHEPREFIX": str(work / "pyc"),
            "TERM": "xterm-256color",
        }
        for name, cmd in apps.items():  # warm-up, not counted
            peak_mib(cmd, env, work / f"{name}-warm.rss")
        for number in range(RUNS):  # interleaved, alternating which goes first
            order = list(apps.items())
            for name, cmd in order[:: 1 if number % 2 else -1]:
                peaks[name].append(peak_mib(cmd, env, work / f"{name}-{number}.rss"))
        for number in range(RUNS):
            for kept in (work / "cache").glob("*/launch-*.json"):
                kept.unlink()
            peaks["cold"].append(peak_mib(apps["crampui"], env, work / f"cold-{number}.rss"))
    mine, minimal = statistics.median(peaks["crampui"]), statistics.median(peaks["minimal"])
    cold = statistics.median(peaks["cold"])
    return [
        {"benchmark": f"peak RSS, minimal app (median of {RUNS})", "result": f"{minimal:.1f} MiB"},
        {
            "benchmark": "peak RSS, crampui idle with 10,000 sessions, History never opened, "
            f"weekly target set, history checked before, launch facts kept (warm; median of "
            f"{RUNS})",
            "result": f"{mine:.1f} MiB ({mine / minimal:.2f}x the minimal app)",
            "target": f"<= {MAX_RATIO}x",
            "ok": mine / minimal <= MAX_RATIO,
        },
        {
            "benchmark": "peak RSS, crampui idle with 10,000 sessions, History never opened, "
            f"weekly target set, launch facts dropped (cold: the history read; median of {RUNS})",
            "result": f"{cold:.1f} MiB ({cold / minimal:.2f}x the minimal app)",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
