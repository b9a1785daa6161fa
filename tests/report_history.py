"""A large, realistic history for the report tests: 60 sessions over twelve weeks, 20 cramps.

Deterministic. The person warms up less in the last three weeks and the cramps come back
there; three notes tell of leg tingling, a skipped nerve check says "some tingling in left
foot", one place spreads into the buttock, and two cramps got red-flag answers (one with the
advice shown). Four cramps were logged on their own with F2, and the places are typed in
several ways ("lower back right", "lower back, right", "right lower back").
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from crampui.content.store import default_content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, ItemState, Outcome
from crampui.history.records import NOTES_JOINED_BY
from crampui.insights.report import Person
from tests.clocks import FakeWallClock
from tests.seeded import NOW

PERSON = Person("Ann Example", date(1970, 3, 2))
"""The name line the realistic report carries (as a clinic would ask for it)."""
SESSIONS = 60
CRAMPS = 20
"""Cramped sessions (the lone F2 cramps come on top)."""
LOOSE_CRAMPS = 4
LEG_NOTES = (
    "Tingling down my left leg for an hour afterwards, eased after a walk.",
    "Some pins and needles in the left foot in the evening; back felt stiff all day at the desk "
    "and the stretch was harder than usual, so I stopped after the second hold.",
    "Numb patch on the outside of the left thigh after the session, gone by the morning.",
)
LONG_NOTE = (
    "Long day of meetings, sat for most of it; did the routine in the evening after dinner, "
    "which I think is later than ideal. The first hold was fine, the second one tightened up "
    "on the right and I had to come out of it early. Drank water before and after. "
)
PLACES = (
    "lower back right",
    "lower back, right",
    "right lower back",
    "lower back, left",
    "middle back",
    "lower back and left buttock",
)


def realistic_history(path: Path) -> HistoryStore:
    """Write the realistic history into ``path``; return its store (clock at the seeded NOW)."""
    rng = random.Random(30)
    clock = FakeWallClock(NOW)
    store = HistoryStore(path, clock=clock)
    item_ids = [item.id for item in default_content().checklist]
    days = sorted(rng.sample(range(1, 78), SESSIONS - 1), reverse=True) + [0]
    late = [n for n, days_ago in enumerate(days) if days_ago <= 20]
    early = [n for n in range(SESSIONS) if n not in late]
    cramped = set(rng.sample(early, CRAMPS - 9) + rng.sample(late, 9))
    leg_notes = dict(zip(sorted(rng.sample(sorted(cramped), 3)), LEG_NOTES, strict=True))
    red_flagged = sorted(leg_notes)[1:]
    for number, days_ago in enumerate(days):
        clock.now = NOW - timedelta(days=days_ago, hours=3, minutes=rng.randrange(0, 50))
        warmed_up = number not in cramped or rng.random() < 0.3
        items = []
        for item_id in item_ids:
            state: ItemState = "done" if rng.random() < 0.8 else "skipped"
            if item_id == "warm-up":
                state = "done" if warmed_up else "skipped"
            reason = "short on time" if state == "skipped" and rng.random() < 0.3 else ""
            if item_id == "no-nerve-symptoms" and number == late[2]:
                state, reason = "skipped", "some tingling in left foot"
            items.append(ItemRecord(item_id, state, reason))
        is_cramp = number in cramped
        eased = "eased with heat and a short walk" if is_cramp and number % 3 == 0 else ""
        note = leg_notes.get(number, LONG_NOTE if number % 7 == 3 else "")
        session = store.add_session(items, NOTES_JOINED_BY.join(t for t in (note, eased) if t))
        flags: tuple[str, ...] = ()
        if number in red_flagged:
            flags = ("numbness",) if number == red_flagged[0] else ("leg-pain", "numbness")
        store.set_outcome(
            session.id,
            Outcome(
                cramped=is_cramp,
                severity=(rng.randrange(2, 9) if rng.random() < 0.8 else None)
                if is_cramp
                else None,
                where=PLACES[number % len(PLACES)] if is_cramp else "",
                red_flags=flags,
                advice_shown=bool(flags),
            ),
        )
        if is_cramp and number % 4 == 1:
            store.add_episode(
                CrampEpisode(clock.now, 2, "left", seconds_into_hold=12.0066, hold_seconds=30),
                session.id,
            )
    for days_ago in rng.sample(range(1, 60), LOOSE_CRAMPS):
        store.add_episode(CrampEpisode(NOW - timedelta(days=days_ago, hours=5)))
    return store
