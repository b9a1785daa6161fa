"""Issue 25 end to end: 15 rounds apart with the app open on both devices (real Syncthing).

A and B each run the real app in a tmux pane of their own, with their own config, state and
cache and their own ``--db`` in their own synced folder. In each of 15 rounds the shared
folder is paused on both (Syncthing's REST API), each app saves a session through the
Checklist (three with a cramp logged with F2; twice B's CLI saves one too while B's app stays
open), in 3 rounds each device's CLI lists its own new session and not the other's, and the
folder is resumed until both folders agree. With no restart, every session is then on both
devices once, read through ``crampui history --json`` and in each app's History tab (the
last round's arrive while the tab is shown, with nothing pressed), and the synced folder
holds only the stores.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.e2e.open_app import OpenApp, table_notes
from tests.e2e.sync_side import Side, conflict_copies, linked, only_stores, report, uids
from tests.e2e.syncthing import Pair

pytestmark = pytest.mark.e2e

ROUNDS = 15
CRAMP_ROUNDS = {3: "a", 8: "b", 13: "a"}
"""Rounds in which a device's app logs a cramp (F2) in the session it just saved."""
CLI_ROUNDS = {5, 10}
"""Rounds in which B also saves a session through the CLI, its app still open."""
CHECK_ROUNDS = {0, 7, 14}
"""Rounds after whose saves each device's CLI (its app still open) is asked what it lists."""


def notes_on(side: Side) -> set[str]:
    """The notes of the sessions ``side``'s CLI lists (its app stays open)."""
    sessions, _ = side.history()
    return {row["note"] for row in sessions}


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    """Two linked Syncthing instances (skipped without syncthing or tmux)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; the open-app sync test needs it")
    yield from linked(Pair, tmp_path)


@pytest.fixture
def apps(pair: Pair) -> Iterator[tuple[OpenApp, OpenApp]]:
    """The app open on A and on B (after A's first session reached B), stopped afterwards."""
    a, b = Side(pair.a), Side(pair.b)
    a.log("shared before the rounds")
    pair.wait_in_sync("B to receive A's first session", bool)
    opened = OpenApp(a), OpenApp(b)
    try:
        for app in opened:
            app.start()
        yield opened
    finally:
        for app in opened:
            app.kill()


def test_fifteen_rounds_apart_with_the_app_open_on_both_devices(
    pair: Pair, apps: tuple[OpenApp, OpenApp]
) -> None:
    started = time.monotonic()
    app_a, app_b = apps
    a, b = app_a.side, app_b.side
    expected = {"shared before the rounds"}
    spent = dict.fromkeys(("pause", "save", "check apart", "resume", "sync"), 0.0)
    mark = [started]

    def took(phase: str) -> None:
        """Add the time since the last mark to ``phase``'s total (for the summary)."""
        mark.append(time.monotonic())
        spent[phase] += mark[-1] - mark[-2]

    def save_apart(app: OpenApp, round_number: int) -> list[str]:
        """One device's saves of a round: through its app (and a cramp in some rounds)."""
        note = f"{app.side.name} round {round_number:02d}"
        app.save(note)
        if CRAMP_ROUNDS.get(round_number) == app.side.name:
            app.cramp()
        if round_number == ROUNDS - 1:  # the last round comes in while History is shown
            app.history()
        return [note]

    with ThreadPoolExecutor(max_workers=2) as both:
        for round_number in range(ROUNDS):
            mark.append(time.monotonic())
            pair.pause_folder()
            took("pause")
            saving = [both.submit(save_apart, app, round_number) for app in apps]
            if round_number in CLI_ROUNDS:
                b.log(f"b cli round {round_number:02d}")
                expected.add(f"b cli round {round_number:02d}")
            for saved in saving:
                expected.update(saved.result())
            took("save")
            if round_number in CHECK_ROUNDS:
                listing = [both.submit(notes_on, side) for side in (a, b)]
                on_a_apart, on_b_apart = (job.result() for job in listing)
                mine_a, mine_b = (f"{side} round {round_number:02d}" for side in "ab")
                assert mine_a in on_a_apart and mine_b in on_b_apart, "an app's save not stored"
                assert mine_b not in on_a_apart and mine_a not in on_b_apart, "synced while apart"
                took("check apart")
            pair.resume_folder()
            took("resume")
            pair.wait_in_sync(f"the folders to agree after round {round_number}")
            took("sync")

        waits = {  # no restart, no key: each open app takes the other's last session in
            app.side.name: both.submit(
                app.wait_for_history, len(expected), "From another computer: 1 session"
            )
            for app in apps
        }
        shown = {name: wait.result() for name, wait in waits.items()}
    final = pair.wait_in_sync("the folders to agree at the end")
    on_a, _ = a.history()
    on_b, _ = b.history()
    summary = report(
        pair,
        [a, b],
        final,
        rounds=ROUNDS,
        **{"sessions saved": len(expected), "cramps logged": len(CRAMP_ROUNDS)},
        seconds=round(time.monotonic() - started, 1),
        **{f"seconds to {phase}": round(value, 1) for phase, value in spent.items()},
    )
    for side, listed in ((a, on_a), (b, on_b)):
        assert len(uids(listed)) == len(set(uids(listed))), f"duplicates on {side.name}: {summary}"
        assert {row["note"] for row in listed} == expected, summary
        assert len(side.cramps()) == len(CRAMP_ROUNDS), summary
    assert uids(on_a) == uids(on_b), summary
    assert conflict_copies(final) == [] and only_stores(final), summary
    for app in apps:
        notes = table_notes(shown[app.side.name])
        assert sorted(notes) == sorted(expected), (
            f"{app.side.name}'s History:\n{shown[app.side.name]}"
        )
        assert "Traceback" not in app.quit()
