"""Regenerate screenshots/ from a seeded database with a fixed clock (``make screenshots``)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from crampui.content.store import default_content  # noqa: E402
from crampui.insights.report import build_report  # noqa: E402
from crampui.ui.app import CrampApp  # noqa: E402
from tests.chromium import find_chromium, print_pdf  # noqa: E402
from tests.clocks import FakeMonotonic  # noqa: E402
from tests.devtools import (  # noqa: E402
    ADDRESS,
    LAPTOP,
    PHONE,
    Browser,
    open_checklist,
    start_serving,
)
from tests.report_history import PERSON, realistic_history  # noqa: E402
from tests.seeded import NOW, seed_history, seeded_app, use_utc  # noqa: E402
from tests.waiting import wait_for_screen  # noqa: E402

OUTPUT = ROOT / "screenshots"
SMALL = (80, 24)
LARGE = (120, 36)

Steps = Callable[[CrampApp, Pilot[Any]], Awaitable[None]]


def keys(*presses: str) -> Steps:
    """Steps that press ``presses`` in order."""

    async def steps(app: CrampApp, pilot: Pilot[Any]) -> None:
        await pilot.press(*presses)

    return steps


async def timer_mid_hold(app: CrampApp, pilot: Pilot[Any]) -> None:
    """Open the timer from the checklist and move 12 s on: 7 s into the first hold."""
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.monotonic, FakeMonotonic)
    app.monotonic.advance(12)
    app.screen.refresh_timer()  # type: ignore[attr-defined]


async def routine_mid_hold(app: CrampApp, pilot: Pilot[Any]) -> None:
    """Run the routine from the checklist to 3 s into the first stretch's first hold."""
    from crampui.ui.screens.timer import TimerScreen

    await pilot.press("3")
    await pilot.pause()
    await pilot.press("r")
    timer = await wait_for_screen(pilot, TimerScreen)  # the routine is read in a thread
    assert isinstance(app.monotonic, FakeMonotonic)
    app.monotonic.advance(8)
    timer.refresh_timer()


async def routine_editor(app: CrampApp, pilot: Pilot[Any]) -> None:
    """Open the routine editor from the checklist, the cursor on its third stretch."""
    from crampui.ui.screens.routine_editor import RoutineEditorScreen

    await pilot.press("3")
    await pilot.pause()
    await pilot.press("R")
    await wait_for_screen(pilot, RoutineEditorScreen)  # the routine is read in a thread
    await pilot.press("down", "down")


async def cramp_during_hold(app: CrampApp, pilot: Pilot[Any]) -> None:
    """Press the cramping-now key 7 s into a hold."""
    await timer_mid_hold(app, pilot)
    await pilot.pause()
    await pilot.press("f2")


async def checklist_mid_run(app: CrampApp, pilot: Pilot[Any]) -> None:
    """Tick two items and skip one with a reason."""
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("space", "down", "space", "down", "s")
    await pilot.pause()
    await pilot.press(*"no time today", "enter")
    await pilot.pause()
    await pilot.press("down")


SHOTS: tuple[tuple[str, tuple[int, int], Steps], ...] = (
    ("causes", SMALL, keys()),
    ("causes-wide", LARGE, keys()),
    ("cause-red-flag", SMALL, keys(*"nerve", "enter")),
    ("faq-search", SMALL, keys("2", *"how many seconds")),
    ("faq-search-wide", LARGE, keys("2", *"pinched nerv")),
    ("checklist", SMALL, checklist_mid_run),
    ("checklist-wide", LARGE, checklist_mid_run),
    ("history", SMALL, keys("4")),
    ("history-wide", LARGE, keys("4")),
    ("help", SMALL, keys("question_mark")),
    ("timer", SMALL, timer_mid_hold),
    ("timer-wide", LARGE, timer_mid_hold),
    ("cramping-now", SMALL, cramp_during_hold),
    ("routine", SMALL, routine_mid_hold),
    ("routine-editor", SMALL, routine_editor),
)


async def take(name: str, size: tuple[int, int], steps: Steps, workdir: Path) -> Path:
    """Run the seeded app at ``size``, apply ``steps`` and save ``screenshots/<name>.svg``."""
    directory = workdir / name
    directory.mkdir()
    app = seeded_app(directory)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        await steps(app, pilot)
        await pilot.pause()
        await pilot.pause(0.2)
        path = OUTPUT / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUTPUT))
    return path


REPORT_DPI = 110
"""Resolution of the report's picture: its printed A4 page, readable on a screen."""


def take_report(workdir: Path) -> Path | None:
    """The realistic history's report printed on A4 by headless Chromium, as
    ``screenshots/report.png`` (pdftoppm)."""
    binary = find_chromium()
    if binary is None or shutil.which("pdftoppm") is None:
        print("skipped screenshots/report.png: chromium or pdftoppm is missing", file=sys.stderr)
        return None
    use_utc()
    store = realistic_history(workdir / "report-history.json")
    page = workdir / "report.html"
    report = build_report(store, default_content(), None, NOW.date(), now=NOW, person=PERSON)
    page.write_text(report.replace("</style>", "@page { size: A4; }</style>"), encoding="utf-8")
    pdf = workdir / "report.pdf"
    print_pdf(binary, page, pdf)
    path = OUTPUT / "report.png"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-r",
            str(REPORT_DPI),
            str(pdf),
            str(path.with_suffix("")),
        ],
        check=True,
    )
    return path


async def take_served(name: str, size: tuple[int, int], workdir: Path) -> Path:
    """``crampui serve`` on a fresh seeded history, in headless Chromium at ``size`` (a phone
    is tapped, a laptop clicked), two items ticked on the Checklist: ``screenshots/<name>.png``.
    """
    binary = find_chromium()
    assert binary is not None
    use_utc()
    home = workdir / name
    home.mkdir()
    seed_history(home / "history.json")
    env = {
        **os.environ,
        "CRAMPUI_DB": str(home / "history.json"),
        "CRAMPUI_CONFIG_DIR": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    process, printed = start_serving(env)
    address = ADDRESS.search(printed).group(0)  # type: ignore[union-attr]
    try:
        async with Browser(binary, size, touch=size == PHONE) as browser:
            terminal = await open_checklist(browser, address)
            await terminal.tap_text("Drink a glass of water")
            await terminal.wait_for_text("1 done")
            await terminal.tap_text("Warm up for 5 to 10 minutes")
            await terminal.wait_for_text("2 done")
            path = OUTPUT / f"{name}.png"
            await browser.screenshot(path)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.communicate(timeout=60)
    return path


SERVED_SHOTS = (("serve-phone", PHONE), ("serve-laptop", LAPTOP))
"""The served app in a browser (``python tools/screenshots.py serve`` takes only these)."""


async def take_all_served(workdir: Path) -> None:
    """Every served screenshot, or why there are none."""
    if find_chromium() is None:
        print("skipped screenshots/serve-*.png: chromium is not installed", file=sys.stderr)
        return
    for name, size in SERVED_SHOTS:
        path = await take_served(name, size, workdir)
        print(f"wrote {path.relative_to(ROOT)}")


async def main() -> None:
    """Write every screenshot."""
    OUTPUT.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="crampui-shots-"))
    try:
        if sys.argv[1:] == ["serve"]:
            await take_all_served(workdir)
            return
        for name, size, steps in SHOTS:
            path = await take(name, size, steps, workdir)
            print(f"wrote {path.relative_to(ROOT)}")
        report = take_report(workdir)
        if report is not None:
            print(f"wrote {report.relative_to(ROOT)}")
        await take_all_served(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
