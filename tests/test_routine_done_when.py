"""Issue 29's "done when": a two-stretch routine run in the app on a fake clock, F2 in the
second stretch's second repetition, and what the store, History and ``episodes --json`` say."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampui.checklist.routines import default_routine, remove_step, set_step
from crampui.checklist.timer import Phase
from crampui.cli.main import run
from crampui.content.store import default_content
from crampui.history import HistoryStore, ItemRecord
from crampui.ui.app import CrampApp
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.timer import TimerScreen
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)
SIZE = (100, 32)


def two_stretch_history(path: Path) -> HistoryStore:
    """A checklist run saved 10 minutes ago, and a routine of knee to chest (5 s, 2 reps,
    each side, rest 10 s) then pelvic tilt (5 s, 2 reps)."""
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(minutes=10)))
    store.add_session([ItemRecord("hydrate", "done")])
    routine = default_routine(default_content())
    for step in ("knee-rolls", "bottom-to-heels", "cat-camel", "back-extension", "glute-stretch"):
        routine = remove_step(routine, step)
    routine = set_step(routine, "knee-to-chest", repetitions=2, rest_seconds=10)
    routine = set_step(routine, "pelvic-tilt", repetitions=2, rest_seconds=0)
    store.put_routine(routine)
    return store


async def test_a_cramp_in_the_second_stretchs_second_rep_is_stored_and_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "history.json"
    two_stretch_history(path)
    clock = FakeMonotonic()
    app = CrampApp(
        db_path=str(path),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=clock,
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("3")
        await wait_for_focus(pilot, "ChecklistPane *")
        await pilot.press("r")
        timer = await wait_for_screen(pilot, TimerScreen)

        def shows(selector: str, text: str) -> bool:
            return str(timer.query_one(selector).render()) == text

        async def move_on(seconds: float, selector: str, text: str) -> None:
            clock.advance(seconds)  # the screen's own interval catches up
            await wait_until(pilot, lambda: shows(selector, text), f"{selector}: {text}")

        assert shows("#timer-stretch", "Knee to chest")
        assert shows("#timer-phase", "Get ready — left side first")  # the count-in
        assert shows("#timer-next", "Next: Pelvic tilt")
        await move_on(5, "#timer-phase", "Hold — left side")
        await move_on(5, "#timer-phase", "Switch to the right side")
        await move_on(5, "#timer-phase", "Hold — right side")
        await move_on(5 + 5, "#timer-rep", "Stretch 1 of 2 · Rep 2 of 2")
        await move_on(5 + 5 + 5, "#timer-phase", "Rest — next: Pelvic tilt")
        await move_on(10, "#timer-stretch", "Pelvic tilt")
        assert shows("#timer-next", "Last stretch")
        await move_on(5 + 5, "#timer-rep", "Stretch 2 of 2 · Rep 2 of 2")  # hold 1, count-in
        assert shows("#timer-phase", "Hold")
        clock.advance(3)  # 3 s into the second hold
        assert timer.hold_timer.snapshot().phase is Phase.HOLD
        await pilot.press("f2")
        cramping = await wait_for_screen(pilot, CrampingNowScreen)
        await wait_until(pilot, lambda: cramping.episode is not None, "the cramp to be logged")
        logged = str(cramping.query_one("#cramp-logged").render())
        assert "(Pelvic tilt, rep 2, 3 s into the hold)" in logged
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CrampingNowScreen)

        [(episode, session)] = HistoryStore(path).episodes()
        assert (episode.stretch_id, episode.repetition, episode.side) == ("pelvic-tilt", 2, None)
        assert episode.seconds_into_hold == pytest.approx(3)
        assert session is not None and session.id == 1

        await pilot.press("escape")  # stop the routine mid-hold
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_focus(pilot, "#confirm-no")
        await pilot.press("left", "enter")
        await wait_for_screen_gone(pilot, TimerScreen)
        stored = HistoryStore(path).get(1)
        assert [(r.stretch_id, r.status) for r in stored.stretches] == [
            ("knee-to-chest", "done"),
            ("pelvic-tilt", "cut short"),
        ]

        await pilot.press("4")
        await wait_for_focus(pilot, "#history-table")
        detail = app.query_one("#history-row-detail")
        await wait_until(
            pilot, lambda: "Pelvic tilt, rep 2" in str(detail.render()), "the stretch in History"
        )
        assert "Knee to chest done" in str(detail.render())

    assert run(["--db", str(path), "episodes", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["stretch"] == "pelvic-tilt" and row["stretch_name"] == "Pelvic tilt"
    assert (row["repetition"], row["side"], row["session"]) == (2, None, 1)
    assert row["seconds_into_hold"] == pytest.approx(3)


async def test_a_routine_run_without_a_session_saves_one_holding_its_cramps(
    tmp_path: Path,
) -> None:
    """With no session yet, F2 during the routine stores the cramp on its own; the session the
    run's stretches are saved as then holds it, so the per-stretch rates count it."""
    from crampui.checklist.timer import StretchResult, StretchStatus
    from crampui.history import CrampEpisode
    from crampui.ui.messages import StretchesDone

    path = tmp_path / "history.json"
    store = HistoryStore(path, clock=FakeWallClock(NOW - timedelta(hours=8)))
    earlier = store.add_episode(CrampEpisode(NOW - timedelta(hours=7), stretch_id="pelvic-tilt"))
    during = store.add_episode(
        CrampEpisode(NOW - timedelta(minutes=2), 2, None, 3.0, 5, "pelvic-tilt")
    )
    app = CrampApp(db_path=str(path), clock=FakeWallClock(NOW), monotonic=FakeMonotonic())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        done = (StretchResult("knee-to-chest", StretchStatus.DONE),
                StretchResult("pelvic-tilt", StretchStatus.CUT_SHORT))  # fmt: skip
        app.post_message(StretchesDone(done))
        await wait_until(
            pilot, lambda: [e.uid for e in HistoryStore(path).loose_episodes()] == [earlier.uid],
            "the cramp of the run moved into its session",
        )  # fmt: skip
    [session] = HistoryStore(path).sessions()
    assert [s.stretch_id for s in session.stretches] == ["knee-to-chest", "pelvic-tilt"]
    assert [e.uid for e in session.episodes] == [during.uid]
