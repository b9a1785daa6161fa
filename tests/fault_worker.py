"""Subprocess helper for test_history_faults: saves sessions and acknowledges each on stdout.

Usage: ``python fault_worker.py DB churn SEED`` (add and delete forever, until killed) or
``python fault_worker.py DB add COUNT`` (add COUNT sessions, then exit).

Prints ``ready`` once the store is open, then ``A <id> <seq>`` after each add_session returns,
and ``d <id>`` before and ``D <id>`` after each delete_session, flushing every line: an ``A``
or ``D`` line means the store acknowledged the change.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from crampui.history import HistoryStore, ItemRecord

ITEMS = ("hydrate", "warm-up", "loosen", "plan-holds", "posture")


def acknowledge(line: str) -> None:
    """Print one acknowledgement line and flush it at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def add(store: HistoryStore, rng: random.Random) -> int:
    """Add one session with random states and a note of random length; return its id."""
    items = [ItemRecord(item, rng.choice(("done", "skipped", "pending"))) for item in ITEMS]
    session = store.add_session(items, note="x" * rng.randrange(0, 2000))
    acknowledge(f"A {session.id} {session.seq}")
    return session.id


def churn(store: HistoryStore, rng: random.Random) -> None:
    """Add and delete sessions until killed; deletions make the file shrink."""
    live = [session.id for session in store.sessions()]
    while True:
        if live and rng.random() < 0.4:
            session_id = live.pop(rng.randrange(len(live)))
            acknowledge(f"d {session_id}")  # intent: this one may vanish unacknowledged
            store.delete_session(session_id)
            acknowledge(f"D {session_id}")
        else:
            live.append(add(store, rng))


def main(argv: list[str]) -> None:
    """Run the mode named on the command line."""
    db, mode, number = Path(argv[0]), argv[1], int(argv[2])
    store = HistoryStore(db)
    acknowledge("ready")
    if mode == "churn":
        churn(store, random.Random(number))
    else:
        rng = random.Random()
        for _ in range(number):
            add(store, rng)


if __name__ == "__main__":
    main(sys.argv[1:])
