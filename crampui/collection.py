"""Keeping Python's cycle collector away from objects that live long.

A full collection walks every tracked object: with years of sessions read, that is a pause of
a few hundred milliseconds, taken whenever allocations happen to trigger one (mid-frame, or in
the thread reading the history, holding the interpreter lock). Objects built once and kept are
built with collection paused, then frozen, so no later collection walks them again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Build what lives long in the block: no collection meanwhile, and frozen after it.

    Frozen objects are still freed once nothing refers to them; only a reference cycle among
    them would outlive its use. The history's records hold none, and the young garbage about
    at the start (a closed dialog, say) is collected first, so it is not frozen with them.
    """
    enabled = gc.isenabled()
    gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
