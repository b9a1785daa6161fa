"""Keeping a long history out of the garbage collector's way (no Textual).

A history of 100,000 sessions is hundreds of thousands of objects (the store's records, the
sessions built from them) that live until the next read. Python's full collection walks every
object it tracks, so a full collection set off by any key took 0.5-2 s there (about 120 ms
at 10,000 sessions). :func:`keep_out_of_collections` is called once such data has been read
(after the launch checks, and after the History tab has read and shown its entries); the
figures are in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import gc

LONG_HISTORY = 2_000
"""From this many stored sessions (deleted ones' markers too) what was read is frozen; below
it a full collection is quick, and tests that run many apps in one process keep none."""


def keep_out_of_collections() -> None:
    """Leave every object alive now out of later garbage collections: ``gc.freeze()``, after
    a collection of the young generations (what has just been dropped goes first).

    Frozen objects are still freed as soon as nothing uses them (reference counting); only a
    reference cycle among them that is dropped later is never collected. What is alive at
    these points is mostly the history's records, sessions and table rows, which form no
    cycles, and the app's long-lived widgets.
    """
    gc.collect(1)
    gc.freeze()
