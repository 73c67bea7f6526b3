"""How builds use processes and the garbage collector.

Workers are forked so they inherit the parent's data (catalog, plans, compiled templates)
without pickling it. Two settings keep that inheritance cheap: the parent's heap is frozen
before the fork, so no collection in a worker walks (and so copies) the shared pages; and
workers collect rarely, because rendering a page leaves no cyclic garbage (measured: none for
comparison, redirect and technique pages, nearly all of a site), while a collection every 700
allocations cost about 5% of a worker.

The building process collects rarely too: a build allocates a catalog and plans that live
until it ends, and each full collection walks all of them again. In `serve`, whose caches
keep every parsed file alive, that walking was a quarter of a rebuild (0.4 of 1.7 s at
10,000 comparisons); serve collects once a rebuild has been announced instead.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

RARE_COLLECTIONS = (50_000, 50, 100)  # young objects only, and seldom


def _collect_rarely() -> None:
    gc.set_threshold(*RARE_COLLECTIONS)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Collect seldom, and never the whole heap, while the block runs."""
    before = gc.get_threshold()
    gc.set_threshold(*RARE_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` forked processes that share the parent's frozen heap."""
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_collect_rarely) as pool:
            yield pool
    finally:
        gc.unfreeze()
