"""Main-thread CPU of a tab switch, of Find in history and of escape closing it, in process
(Pilot, headless: the writing of frames to a terminal is not counted), at 10,000 sessions:
each key sent as the terminal driver sends it, timed with ``time.thread_time`` from the key
until the tab (or dialog) is shown and the frame it draws is done.

``python benchmarks/bench_switch_cpu.py`` prints p50 and p99 per key; ``--profile STEM``
writes a cProfile of each measured key to ``STEM.<key>``. ``CRAMPUI_BENCH_KEY_SIZES`` picks the
size (the first one given).
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_keys  # noqa: E402

from crampui.ui.app import CrampApp  # noqa: E402

ROUNDS = 10
"""Rounds of the four tab switches (1 to 2, 2 to 3, 3 to 4, 4 to 1) and of / then escape."""
FRAME_S = 0.05
"""Time left after a key is answered for the frame it draws (and what it sets off)."""
SWITCHES = (("2", "faq"), ("3", "checklist"), ("4", "history"), ("1", "causes"))
SIZE = 10_000


def size() -> int:
    """The history size: the first of ``$CRAMPUI_BENCH_KEY_SIZES``, else :data:`SIZE`."""
    return bench_keys.sizes()[0] if os.environ.get(bench_keys.SIZES_VARIABLE) else SIZE


class KeyTimer:
    """Sends keys to a running app and measures the main-thread CPU each one costs."""

    def __init__(self, app: CrampApp, profiles: dict[str, cProfile.Profile]) -> None:
        """Keys for ``app``; the keys named in ``profiles`` are profiled when measured."""
        self.app = app
        self.profiles = profiles

    async def press(self, key: str, done: Callable[[], bool], profiled: bool = False) -> float:
        """Milliseconds of main-thread CPU from ``key`` until ``done()`` and its frame."""
        from textual import events

        driver = self.app._driver
        assert driver is not None
        profile = self.profiles.get(key) if profiled else None
        started = time.thread_time()
        if profile:
            profile.enable()
        driver.send_message(events.Key(key, key if len(key) == 1 else None))
        while not done():
            await asyncio.sleep(0.001)
        await asyncio.sleep(FRAME_S)
        if profile:
            profile.disable()
        return (time.thread_time() - started) * 1000

    def shows(self, tab: str) -> Callable[[], bool]:
        """Whether the app shows tab ``tab``."""
        from crampui.ui.widgets.tabbed import Tabbed

        tabbed = self.app.query_one(Tabbed)
        return lambda: tabbed.active == tab

    def finds(self) -> bool:
        """Whether Find in history is up."""
        from crampui.ui.screens.filter_history import FilterHistoryScreen

        screen = self.app.screen
        return isinstance(screen, FilterHistoryScreen) and screen.is_mounted

    def history_read(self) -> bool:
        """Whether the History tab has read the whole history."""
        from crampui.ui.panes.history import HistoryPane

        panes = self.app.query(HistoryPane)
        return bool(panes) and panes.first().first_load.is_set()


async def measure(profiles: dict[str, cProfile.Profile]) -> dict[str, list[float]]:
    """Milliseconds of main-thread CPU per key, by key, in a fresh app."""
    samples: dict[str, list[float]] = {key: [] for key in ("2", "3", "4", "1", "slash", "escape")}
    with tempfile.TemporaryDirectory(prefix="crampui-bench-switch-") as tmp:
        env = bench_keys.prepare(Path(tmp), size())
        with mock.patch.dict(os.environ, bench_keys.user_env(Path(tmp))):
            app = CrampApp(
                db_path=env["CRAMPUI_DB"],
                settings_file=Path(env["CRAMPUI_CONFIG_DIR"]) / "settings.json",
            )
            async with app.run_test(size=(100, 32)):
                keys = KeyTimer(app, profiles)
                await app.ready.wait()
                for key, tab in SWITCHES * 2:  # every tab built, the History read
                    await keys.press(key, keys.shows(tab))
                while not keys.history_read():
                    await asyncio.sleep(0.05)
                await asyncio.sleep(bench_keys.QUIET_S)
                for _ in range(ROUNDS):
                    for key, tab in SWITCHES:
                        samples[key].append(await keys.press(key, keys.shows(tab), True))
                await keys.press("4", keys.shows("history"))
                for _ in range(ROUNDS):  # the first one builds the dialog
                    samples["slash"].append(await keys.press("slash", keys.finds, True))
                    closed = await keys.press("escape", lambda: len(app.screen_stack) == 1, True)
                    samples["escape"].append(closed)
    return samples


def run() -> list[dict[str, object]]:
    """One row per key for ``make bench`` (``run_all``), without profiles."""
    samples = asyncio.run(measure({}))
    names = {"slash": "/ (Find in history)", "escape": "escape closing Find"}
    return [
        {
            "benchmark": f"main-thread CPU, {names.get(key, 'tab key ' + key)}, at {size():,}",
            "result": f"{bench_keys.summary(values)}, max {max(values):.0f} ms (n={len(values)})",
        }
        for key, values in samples.items()
    ]


def main() -> None:
    """Print p50 / p99 per key (and write the profiles with ``--profile STEM``)."""
    profiles = {}
    if "--profile" in sys.argv:
        profiles = {key: cProfile.Profile() for key in ("1", "2", "3", "4", "slash", "escape")}
    samples = asyncio.run(measure(profiles))
    for key, values in samples.items():
        print(f"{key}: {bench_keys.summary(values)}, max {max(values):.0f} ms (n={len(values)})")
    print(f"all: {bench_keys.summary([value for values in samples.values() for value in values])}")
    if profiles:
        stem = sys.argv[sys.argv.index("--profile") + 1]
        for key, profile in profiles.items():
            profile.dump_stats(f"{stem}.{key}")


if __name__ == "__main__":
    main()
