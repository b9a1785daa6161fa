"""Main-thread CPU of a tab switch and of Find in history, in process (Pilot), at 10,000
sessions: each key sent as the terminal driver sends it, timed with ``time.thread_time`` until
the tab (or dialog) is shown and the frame it draws is done.

``python benchmarks/bench_switch_cpu.py`` prints p50 and p99 per key;
``--profile STEM`` writes a cProfile of each measured key to ``STEM.<key>``. ``CRAMPUI_BENCH_KEY_SIZES``
picks the size (the first one given; 10,000 otherwise).
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import statistics
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

ROUNDS = 10
"""Rounds of the four tab switches (1→2, 2→3, 3→4, 4→1) and of / then escape."""
FRAME_S = 0.05
"""Time left after a key is answered for the frame it draws (and what it sets off)."""
SWITCHES = (("2", "faq"), ("3", "checklist"), ("4", "history"), ("1", "causes"))


async def measure(profiles: dict[str, cProfile.Profile] | None) -> dict[str, list[float]]:
    """Milliseconds of main-thread CPU per key, by key, in a fresh app at the chosen size."""
    from textual import events

    from crampui.ui.app import CrampApp
    from crampui.ui.panes.history import HistoryPane
    from crampui.ui.screens.filter_history import FilterHistoryScreen
    from crampui.ui.widgets.tabbed import Tabbed

    size = bench_keys.sizes()[0] if os.environ.get(bench_keys.SIZES_VARIABLE) else 10_000
    samples: dict[str, list[float]] = {key: [] for key, _ in SWITCHES} | {"/": []}
    with tempfile.TemporaryDirectory(prefix="crampui-bench-switch-") as tmp:
        env = bench_keys.prepare(Path(tmp), size)
        with mock.patch.dict(os.environ, bench_keys.user_env(Path(tmp))):
            app = CrampApp(
                db_path=env["CRAMPUI_DB"],
                settings_file=Path(env["CRAMPUI_CONFIG_DIR"]) / "settings.json",
            )
            async with app.run_test(size=(100, 32)):
                driver = app._driver
                assert driver is not None

                async def key(name: str, done: Callable[[], bool], timed: bool = False) -> float:
                    profile = profiles.get(name) if profiles is not None and timed else None
                    started = time.thread_time()
                    if profile:
                        profile.enable()
                    driver.send_message(events.Key(name, name if len(name) == 1 else None))
                    while not done():
                        await asyncio.sleep(0.001)
                    await asyncio.sleep(FRAME_S)
                    if profile:
                        profile.disable()
                    return (time.thread_time() - started) * 1000

                await app.ready.wait()
                tabbed = app.query_one(Tabbed)
                for number, tab in (*SWITCHES, *SWITCHES):  # every tab built, History read
                    await key(number, lambda tab=tab: tabbed.active == tab)
                while not app.query(HistoryPane) or not app.query_one(HistoryPane).first_load.is_set():
                    await asyncio.sleep(0.05)
                await asyncio.sleep(bench_keys.QUIET_S)
                for _ in range(ROUNDS):
                    for number, tab in SWITCHES:
                        samples[number].append(
                            await key(number, lambda tab=tab: tabbed.active == tab, True)
                        )
                await key("4", lambda: tabbed.active == "history")
                for _ in range(ROUNDS):
                    samples["/"].append(
                        await key(
                            "slash",
                            lambda: isinstance(app.screen, FilterHistoryScreen)
                            and app.screen.is_mounted,
                            True,
                        )
                    )
                    await key("escape", lambda: len(app.screen_stack) == 1)
    return samples


def main() -> None:
    """Print p50 / p99 per key (and write a profile with ``--profile FILE``)."""
    profiles = None
    if "--profile" in sys.argv:
        profiles = {name: cProfile.Profile() for name in ("1", "2", "3", "4", "slash")}
    samples = asyncio.run(measure(profiles))
    for name, values in samples.items():
        print(f"{name}: {bench_keys.summary(values)} (n={len(values)}, max {max(values):.0f} ms)")
    everything = [value for values in samples.values() for value in values if values]
    print(f"all: {bench_keys.summary(everything)}")
    if profiles:
        stem = sys.argv[sys.argv.index("--profile") + 1]
        for name, profile in profiles.items():
            profile.dump_stats(f"{stem}.{name}")


if __name__ == "__main__":
    main()
