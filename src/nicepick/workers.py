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

Workers never outlive the build. A forked worker inherits the write end of its own job pipe,
so a worker whose parent was killed would wait on that pipe forever: on Linux the kernel
kills it when the parent dies (PR_SET_PDEATHSIG); elsewhere a thread in each worker watches
for the parent to go. A build that stops on an exception or Ctrl-C kills its workers at once
instead of waiting for the work they queued.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

RARE_COLLECTIONS = (50_000, 50, 100)  # young objects only, and seldom
_PR_SET_PDEATHSIG = 1
PARENT_POLL = 0.5  # seconds between checks where the kernel cannot watch the parent


def die_with_parent(parent: int) -> None:
    """End this forked process as soon as `parent` (the process that forked it) is gone."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (AttributeError, OSError):
            armed = False
    if os.getppid() != parent:  # it died before the kernel was asked to watch
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(PARENT_POLL)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


_HELD = frozenset([signal.SIGINT, signal.SIGTERM, signal.SIGHUP])


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back for the block; they are delivered when it ends.

    Around a fork: an interrupt that lands in fork's own bookkeeping (its at-fork hooks) is
    printed and then ignored by Python, and the build would carry on as if never stopped.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # forked while the parent held them
    # Ctrl-C reaches every process of the terminal's group; the build stops its workers
    # itself, so a worker interrupted mid-wait would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
    """A pool of `workers` forked processes that share the parent's frozen heap.

    Leaving the block normally waits for the work submitted; leaving it on an exception
    (a problem found, Ctrl-C, SIGTERM) cancels that work and kills the workers.
    """
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        try:
            with held_interrupts():
                pool.submit(int).result()  # the first job forks every worker: forks now
            yield pool
        except BaseException:
            _kill(pool)
            raise
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: its workers may be in the middle of a long job."""
    # The processes are private: Python 3.14 is the first with a public kill_workers().
    processes = list((getattr(pool, "_processes", None) or {}).values())
    if not processes and hasattr(pool, "kill_workers"):
        pool.kill_workers()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join()
