"""A crampui app on a seeded history with a fixed clock, for snapshots and screenshots.

The history is the same every time: eight weeks of sessions in which skipping the warm-up goes
with more cramps, one session whose outcome showed red-flag advice, and a cramp episode.

In the suite, each seeded app's folder is made inside the test's own temporary folder
(:data:`FOLDER`, set for every test by ``tests/conftest.py``), and the timezone the app is
shown in is put back after the test.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from crampui.content.store import default_content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, ItemState, Outcome
from crampui.history.records import NOTES_JOINED_BY
from crampui.settings import Settings, save_settings
from tests.clocks import FakeMonotonic, FakeWallClock

if TYPE_CHECKING:
    from crampui.ui.app import CrampApp

NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc)
"""The fixed "now" of every seeded app (UTC; the seeded apps also run with TZ=UTC)."""

FOLDER: Path | None = None
"""Where :func:`seeded_app` makes a new folder when given none (the system's temporary
folder when unset)."""


def use_utc() -> None:
    """Show local times as UTC so the images do not depend on the machine's zone."""
    os.environ["TZ"] = "UTC"
    time.tzset()


ADVICE_SESSION = 26
"""The seeded session whose outcome showed red-flag advice."""


def seed_history(path: Path, sessions: int = 30) -> None:
    """Write ``sessions`` deterministic sessions ending just before ``NOW`` into ``path``."""
    rng = random.Random(7)
    clock = FakeWallClock(NOW)
    store = HistoryStore(path, clock=clock)
    item_ids = [item.id for item in default_content().checklist]
    days = sorted(rng.sample(range(1, 56), sessions - 1), reverse=True) + [0]
    for number, days_ago in enumerate(days):
        clock.now = NOW - timedelta(days=days_ago, hours=2, minutes=rng.randrange(0, 50))
        warmed_up = rng.random() < 0.6
        items = []
        for item_id in item_ids:
            state: ItemState
            if item_id == "warm-up":
                state = "done" if warmed_up else "skipped"
            else:
                state = "done" if rng.random() < 0.75 else rng.choice(["skipped", "pending"])
            reason = "short on time" if state == "skipped" and rng.random() < 0.3 else ""
            items.append(ItemRecord(item_id, state, reason))
        note = "[bold]felt tight[/] after desk day" if number == sessions - 3 else ""
        session = store.add_session(items, note=note)
        cramped = rng.random() < (0.2 if warmed_up else 0.7)
        advice = number + 1 == ADVICE_SESSION
        outcome = Outcome(
            cramped=cramped or advice,
            severity=rng.randrange(2, 8) if cramped or advice else None,
            where="lower back, left" if cramped else "",
            red_flags=("leg-pain",) if advice else (),
            advice_shown=advice,
        )
        eased = "eased with massage" if cramped and rng.random() < 0.3 else ""
        note = NOTES_JOINED_BY.join(text for text in (note, eased) if text)
        store.update_session(session.id, outcome=outcome, note=note)
        if cramped and number % 4 == 0:
            store.add_episode(
                CrampEpisode(
                    clock.now, repetition=2, side="left", seconds_into_hold=12.5, hold_seconds=30
                ),
                session.id,
            )


def seeded_app(directory: Path | None = None, *, seed: bool = True) -> CrampApp:
    """An app on a seeded history in ``directory`` (by default a new folder in :data:`FOLDER`)."""
    from crampui.ui.app import CrampApp  # Textual: only for the tests that start an app

    use_utc()
    directory = directory or Path(tempfile.mkdtemp(prefix="crampui-seeded-", dir=FOLDER))
    history = directory / "history.json"
    settings_file = directory / "config" / "settings.json"
    if seed and not history.exists():
        seed_history(history)
    if not settings_file.exists():
        # opens on Causes, as every snapshot and screenshot expects; the seeded advice shown
        # five days ago was acted on: no "has it been checked?" notice
        checked = ADVICE_SESSION if seed else 0
        save_settings(Settings(open_on_causes=True, checked_session=checked), settings_file)
    return CrampApp(
        db_path=str(history),
        settings_file=settings_file,
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )
