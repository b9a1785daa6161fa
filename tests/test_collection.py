"""long_lived(): what is built in the block is frozen; collection is as it was after it."""

from __future__ import annotations

import gc

from crampui.collection import long_lived


class Node:
    """An object that can sit in a reference cycle."""

    def __init__(self) -> None:
        self.other: Node | None = None


def test_what_is_built_inside_is_frozen_and_collection_comes_back() -> None:
    gc.unfreeze()
    assert gc.isenabled()
    with long_lived():
        assert not gc.isenabled(), "no collection while the history is built"
        kept = [{"seq": n} for n in range(100)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    gc.unfreeze()


def test_young_garbage_is_collected_before_the_freeze() -> None:
    gc.unfreeze()
    collected_before = gc.get_stats()[1]["collections"]
    first, second = Node(), Node()
    first.other, second.other = second, first
    del first, second  # a cycle: only the collector frees it
    frozen_before = gc.get_freeze_count()
    with long_lived():
        pass
    assert gc.get_stats()[1]["collections"] > collected_before
    assert not any(isinstance(obj, Node) for obj in gc.get_objects()), "the cycle was freed"
    assert gc.get_freeze_count() >= frozen_before
    gc.unfreeze()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
