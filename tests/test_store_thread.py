"""A store's calls from the app run in its own thread, one at a time, in the order asked."""

from __future__ import annotations

import asyncio
import threading

import pytest

from crampui.ui.store_thread import STORE_THREAD, in_store_thread


class Store:
    """Stands in for a history store: only its identity matters here."""


async def test_calls_run_off_the_calling_thread_in_the_order_asked() -> None:
    store = Store()
    first_may_end = threading.Event()
    ran: list[tuple[str, str]] = []

    def call(name: str, wait: threading.Event | None = None) -> str:
        ran.append((name, threading.current_thread().name))
        if wait is not None:
            assert wait.wait(30), "the test never let the first call end"
        ran.append((f"{name} done", threading.current_thread().name))
        return name

    slow = asyncio.ensure_future(in_store_thread(store, call, "save 1", first_may_end))
    fast = asyncio.ensure_future(in_store_thread(store, call, "save 2"))
    await asyncio.wait([fast], timeout=0.05)
    assert not fast.done(), "the second save waits for the first"
    first_may_end.set()
    assert await asyncio.gather(slow, fast) == ["save 1", "save 2"]
    assert [name for name, _thread in ran] == ["save 1", "save 1 done", "save 2", "save 2 done"]
    threads = {thread for _name, thread in ran}
    assert len(threads) == 1 and threads.pop().startswith(STORE_THREAD)


async def test_an_error_reaches_the_caller_and_later_calls_still_run() -> None:
    store = Store()

    def refuse() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        await in_store_thread(store, refuse)
    assert await in_store_thread(store, lambda: "next") == "next"


async def test_each_store_has_its_own_thread() -> None:
    stores = (Store(), Store())
    threads = [await in_store_thread(store, threading.get_ident) for store in stores]
    assert threads[0] != threads[1]
    assert await in_store_thread(stores[0], threading.get_ident) == threads[0]
