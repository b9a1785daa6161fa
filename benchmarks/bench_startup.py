"""Time to the first screen in a real terminal (tmux): crampui against a minimal Textual app.

Both apps run alternately in the same 100x32 tmux pane; each run is timed from
``respawn-pane`` until ``capture-pane`` shows the app's first text, then the app is quit with
``q``. Peak resident memory comes from ``/usr/bin/time -f %M`` when it is installed, else from
``VmHWM`` in ``/proc/<pid>/status`` read just before quitting. One untimed run of each comes
first (it compiles the modules, as an installation has them compiled); crampui keeps no cache
the first screen reads, so there is no cold or warm cache to tell apart. Both apps get the same
garbage-collector treatment (``benchmarks/minimal_app.py`` starts as ``start_app`` does).

Wall times vary 2-3x between runs on a shared machine, so the CPU instructions up to the first
frame are counted too (``valgrind --tool=cachegrind --cache-sim=no`` on
``benchmarks/first_frame.py``, headless, 100x32): they barely vary.

Both apps run with Python's bytecode cache on (``PYTHONPYCACHEPREFIX`` in the temporary
directory, ``PYTHONDONTWRITEBYTECODE`` dropped), as an installed crampui has its modules
compiled; the warm-up runs compile them. Otherwise an editable checkout would recompile every
crampui module at each start, which no installation does.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

RUNS = 21
POLL_SECONDS = 0.01
TIMEOUT_SECONDS = 15
MAX_RATIO = 1.3
MAX_INSTRUCTION_RATIO = 1.35
MAX_RSS_RATIO = 1.25
HERE = Path(__file__).resolve().parent
CRAMPUI = Path(sys.executable).parent / "crampui"
TIME = Path("/usr/bin/time")


def outside_tmux(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` without ``TMUX``, so a private server starts even when run inside tmux, and
    without ``PYTHONDONTWRITEBYTECODE``, so the apps keep their compiled modules."""
    dropped = {"TMUX", "PYTHONDONTWRITEBYTECODE"}
    return {name: value for name, value in env.items() if name not in dropped}


class Pane:
    """A private tmux server with one 100x32 pane that is respawned for each run."""

    def __init__(self, env: dict[str, str]) -> None:
        """Start the server with an idle pane; programs get ``env``."""
        self.socket = f"crampui-bench-{uuid.uuid4().hex[:12]}"
        self.env = env
        idle = ["sleep", "3600"]
        keep_dead_pane = [";", "set-option", "-g", "remain-on-exit", "on"]
        self.tmux(
            "new-session", "-d", "-s", "bench", "-x", "100", "-y", "32", *idle, *keep_dead_pane
        )
        self.socket_path = Path(
            self.tmux("display-message", "-p", "-t", "bench", "#{socket_path}").strip()
        )

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server and return its output."""
        return subprocess.run(
            ["tmux", "-f", os.devnull, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            env={**outside_tmux(os.environ), **self.env},
        ).stdout

    def run(self, cmd: list[str], expected: str) -> float:
        """Start ``cmd``; return the seconds until ``expected`` is on screen."""
        env_args = [arg for name, value in self.env.items() for arg in ("-e", f"{name}={value}")]
        started = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", "bench", *env_args, *cmd)
        while expected not in (screen := self.tmux("capture-pane", "-p", "-t", "bench")):
            if "Pane is dead" in screen or time.perf_counter() - started > TIMEOUT_SECONDS:
                raise RuntimeError(f"{cmd[-1]} never showed {expected!r}:\n{screen.rstrip()}")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - started

    def pid(self) -> int:
        """The process id of the program in the pane."""
        return int(self.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}"))

    def quit(self) -> None:
        """Press ``q`` and wait until the program has exited."""
        self.tmux("send-keys", "-t", "bench", "q")
        deadline = time.perf_counter() + TIMEOUT_SECONDS
        while self.tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").strip() != "1":
            if time.perf_counter() > deadline:
                raise RuntimeError("the app did not quit on q")
            time.sleep(POLL_SECONDS)

    def close(self) -> None:
        """Stop the server and remove its socket."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        self.socket_path.unlink(missing_ok=True)


def measure(pane: Pane, rss_file: Path, cmd: list[str], expected: str) -> tuple[float, float]:
    """One run of ``cmd``: seconds to the first screen and peak RSS in MiB."""
    if TIME.exists():
        seconds = pane.run([str(TIME), "-f", "%M", "-o", str(rss_file), *cmd], expected)
        pane.quit()
        kib = rss_file.read_text().split()[-1]
    else:
        seconds = pane.run(cmd, expected)
        status = Path(f"/proc/{pane.pid()}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        pane.quit()
    return seconds, int(kib) / 1024


def instructions(app: str, env: dict[str, str]) -> int:
    """CPU instructions ``first_frame.py APP`` executes, counted by cachegrind."""
    log = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            str(HERE / "first_frame.py"),
            app,
        ],
        env={**outside_tmux(os.environ), **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", log)
    if found is None:
        raise RuntimeError(f"no instruction count from cachegrind:\n{log[-1000:]}")
    return int(found.group(1).replace(",", ""))


def instruction_rows(env: dict[str, str]) -> list[dict[str, object]]:
    """Instructions to the first frame of both apps (counted side by side) and the ratio."""
    if shutil.which("valgrind") is None:
        return [{"benchmark": "first screen, instructions", "result": "skipped: no valgrind"}]
    from concurrent.futures import ThreadPoolExecutor

    instructions("crampui", env)  # compiles the modules, as an installation has them
    with ThreadPoolExecutor(2) as pool:
        counts = dict(
            zip(
                ("crampui", "minimal"),
                pool.map(lambda app: instructions(app, env), ("crampui", "minimal")),
                strict=True,
            )
        )
    ratio = counts["crampui"] / counts["minimal"]
    return [
        {
            "benchmark": "first screen, instructions: crampui / minimal app",
            "result": f"{ratio:.2f}x ({counts['crampui'] / 1e6:,.0f} M vs "
            f"{counts['minimal'] / 1e6:,.0f} M)",
            "target": f"<= {MAX_INSTRUCTION_RATIO}x",
            "ok": ratio <= MAX_INSTRUCTION_RATIO,
        }
    ]


def run() -> list[dict[str, object]]:
    """Median time to first screen and peak RSS of crampui and the minimal app, the ratios,
    and the instruction counts."""
    if shutil.which("tmux") is None:
        return [{"benchmark": "startup", "result": "skipped: tmux is not installed"}]
    apps = {
        "crampui": ([str(CRAMPUI)], "Dehydration"),
        "minimal": ([sys.executable, str(HERE / "minimal_app.py")], "ready"),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in apps}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {
            "CRAMPUI_DB": str(work / "history.json"),
            "CRAMPUI_CONFIG_DIR": str(work / "config"),
            "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_STATE_HOME": str(work / "state"),
            "XDG_CONFIG_HOME": str(work / "config-home"),
            "XDG_DATA_HOME": str(work / "data"),
            "PYTHONPYCACHEPREFIX": str(work / "pyc"),
            "TERM": "xterm-256color",
        }
        pane = Pane(env)
        try:
            for name, (cmd, expected) in apps.items():  # warm-up, untimed
                measure(pane, work / f"{name}.rss", cmd, expected)
            for run_number in range(RUNS):  # interleaved, alternating which goes first
                order = list(apps.items())
                for name, (cmd, expected) in order[:: 1 if run_number % 2 else -1]:
                    results[name].append(measure(pane, work / f"{name}.rss", cmd, expected))
        finally:
            pane.close()
        counted = instruction_rows(env)
    ms = {name: statistics.median(s for s, _ in runs) * 1000 for name, runs in results.items()}
    mib = {name: max(r for _, r in runs) for name, runs in results.items()}
    ratio = ms["crampui"] / ms["minimal"]
    pairs = [c[0] / m[0] for c, m in zip(results["crampui"], results["minimal"], strict=True)]
    rss_ratio = mib["crampui"] / mib["minimal"]
    return [
        {
            "benchmark": f"first screen, minimal app (median of {RUNS})",
            "result": f"{ms['minimal']:.0f} ms",
        },
        {
            "benchmark": f"first screen, crampui (median of {RUNS})",
            "result": f"{ms['crampui']:.0f} ms",
        },
        {
            "benchmark": "first screen, crampui / minimal app",
            "result": f"{ratio:.2f}x (pairs {min(pairs):.2f}-{max(pairs):.2f})",
            "target": f"<= {MAX_RATIO}x",
            "ok": ratio <= MAX_RATIO,
        },
        *counted,
        {"benchmark": "peak RSS, minimal app", "result": f"{mib['minimal']:.1f} MiB"},
        {"benchmark": "peak RSS, crampui", "result": f"{mib['crampui']:.1f} MiB"},
        {
            "benchmark": "peak RSS, crampui / minimal app (idle, first screen)",
            "result": f"{rss_ratio:.2f}x",
            "target": f"<= {MAX_RSS_RATIO}x",
            "ok": rss_ratio <= MAX_RSS_RATIO,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
