"""Spreading per-site work over every core.

Workers are forked after the shared data is ready, so they inherit it (the
portal, the plan's inputs) without copying it through pipes; only each
task's small result comes back. Where fork is not available, or there is
one core or one task, the same work runs in this process.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .linux import death_signal

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None  # set in each worker by _initialise, from the parent's memory


def _initialise(shared: Any) -> None:
    global _shared
    die_with_parent()
    # What the worker inherits is never garbage here: leave it out of the
    # collector's passes, which would write to (and so copy) every page of it.
    gc.freeze()
    gc.enable()  # forked while the parent had paused it: a worker's own garbage must still go
    _shared = shared


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies.

    A build killed mid-way must not leave workers writing into the staging
    folder (nor holding the build lock they inherited) while the next build
    starts; elsewhere this does nothing.
    """
    ask = death_signal()
    if ask is None:
        return
    ask()
    if os.getppid() == 1:  # the parent died before we asked
        os._exit(1)


@contextmanager
def collector_paused():
    """Leave the cycle collector off while a great many lasting objects are made
    (a province's content read or unpickled): each batch of allocations sets it
    off, and it walks every object alive each time, to find no cycle."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _call(function: Callable[[Any, Any], Any], item: Any) -> Any:
    return function(_shared, item)


def workers_available() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run_all(function: Callable[[Any, Item], Result], shared: Any, items: Iterable[Item],
            workers: int | None = None) -> Iterator[tuple[Item, Result]]:
    """Yield (item, function(shared, item)) for every item, as each finishes."""
    items = list(items)
    workers = min(workers or workers_available(), len(items))
    if workers > 1:
        import multiprocessing  # only here: a rebuild in one process never needs it

        if "fork" in multiprocessing.get_all_start_methods():
            yield from _in_workers(function, shared, items, workers, multiprocessing.get_context("fork"))
            return
    for item in items:
        yield item, function(shared, item)


def _in_workers(function, shared, items: list, workers: int, context) -> Iterator[tuple[Any, Any]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(workers, mp_context=context, initializer=_initialise,
                             initargs=(shared,)) as pool:
        futures = {pool.submit(_call, function, item): item for item in items}
        for future in as_completed(futures):
            yield futures[future], future.result()
