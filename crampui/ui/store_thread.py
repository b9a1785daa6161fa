"""The app's reads and writes of a history store, in that store's own thread (no Textual).

The UI thread never waits on the disk: it awaits :func:`in_store_thread` (from a worker) and
shows the result when it is ready. Each store has one such thread, so its saves run one at a
time, in the order they were asked for, and a read asked for after a save sees it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar
from weakref import WeakKeyDictionary

STORE_THREAD = "crampui-store"
"""The name (prefix) of every store's thread."""

P = ParamSpec("P")
T = TypeVar("T")

_threads: WeakKeyDictionary[object, ThreadPoolExecutor] = WeakKeyDictionary()
_threads_guard = threading.Lock()


def store_thread(store: object) -> ThreadPoolExecutor:
    """The one thread that runs ``store``'s calls (started on the first; it ends with the store)."""
    with _threads_guard:
        thread = _threads.get(store)
        if thread is None:
            thread = _threads[store] = ThreadPoolExecutor(1, thread_name_prefix=STORE_THREAD)
        return thread


async def in_store_thread(
    store: object, call: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T:
    """``call(*args, **kwargs)`` run in ``store``'s thread once every call asked for before it
    has run; its result (or exception) when done."""
    return await asyncio.wrap_future(store_thread(store).submit(call, *args, **kwargs))
