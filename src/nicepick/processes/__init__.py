"""Processes: every fork, every garbage-collector setting, the one module global a forked
worker reads its job from, and (signals.py) how a process stops on a signal. The forks for
one piece of work beside the build are in beside.py. Nothing else forks or touches `gc`,
and the core never imports this package: a build is handed `Workers` (the
cli's `build`, `check` and `new comparison`) or runs everything in its own process (serve).

Workers are forked to inherit the parent's data (catalog, plans, compiled templates) without
pickling it. Two settings keep that cheap: the parent's heap is frozen before the fork, so no
collection in a worker walks (and so copies) the shared pages; and workers collect rarely:
rendering leaves no cyclic garbage (measured: none for comparison, redirect and technique
pages, nearly all of a site), while a collection every 700 allocations cost a worker 5%.

The building process collects rarely too: its catalog and plans live until it ends, and each
full collection walks them all again. In `serve`, whose caches keep every parsed file alive,
that was a quarter of a rebuild (0.4 of 1.7 s at 10,000 comparisons); serve collects between edits.

Workers never outlive the build. One whose parent was killed would wait forever on the job
pipe it inherited, so the kernel (PR_SET_PDEATHSIG, on Linux) or a thread in it ends it; a
build stopped by an exception or Ctrl-C kills its workers rather than wait for their work.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, TypeVar

from nicepick.parallel import Aside, Done
from nicepick.processes.beside import all_of, aside
from nicepick.processes.signals import _HELD, held_interrupts, terminate_as_interrupt

# What the rest of nicepick takes from here: the signals and the one-off forks live beside.
__all__ = [
    "Workers",
    "aside",
    "all_of",
    "collect",
    "forked_pool",
    "held_interrupts",
    "rare_collections",
    "terminate_as_interrupt",
]

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# Below these counts (technique files, comparison files, pages) forking costs more than it saves.
FORK_FROM = {"techniques": 500, "comparisons": 2000, "pages": 3000, "bands": 100}
PARTS_PER_WORKER = 4  # files are read in parts: a slow part then holds up no one for long
CHUNKS_PER_PROCESS = 32  # pages, likewise: an even finish and a progress bar that moves
RARE_COLLECTIONS = (50_000, 50, 100)  # young objects only, and seldom
PARENT_POLL = 0.5  # seconds between checks where the kernel cannot watch the parent

# The job of the workers about to be forked, set by `_job` just before the fork and read only
# by them: the one way to hand a fork plans, a catalog and compiled templates unpickled.
_JOB: Callable[[int], Any] | None = None


def _run(number: int) -> Any:
    """What the pool sends a worker: this function's name and a number."""
    assert _JOB is not None
    return _JOB(number)


class Workers:
    """Forked processes for a build's two large loops: reading files, rendering pages."""

    def __init__(self, count: int | None = None) -> None:
        self.count = count or os.cpu_count() or 1

    def forks(self, job: str, items: int) -> bool:
        """Whether `items` of `job` ("techniques", "comparisons", "pages", "bands") are worth
        forking for."""
        return self.count > 1 and items >= FORK_FROM[job]

    def settle(self) -> None:
        """Set every object made so far aside from collections (gc.freeze): at 100,000
        comparisons, a collection of the young objects, the whole checked site among them,
        took 0.7 s of a one-edit build. Forked workers share the frozen heap as they find it;
        a pool's end (forked_pool) and the build's (rare_collections) set it back."""
        gc.freeze()

    def map(self, work: Callable[[list[T]], R], items: list[T]) -> list[R]:
        """`work` over parts of `items` in forked workers: one result per part, in order."""
        size = -(-len(items) // (self.count * PARTS_PER_WORKER))
        parts = [items[k : k + size] for k in range(0, len(items), size)]
        with _job(lambda number: work(parts[number])), forked_pool(self.count) as pool:
            return list(pool.map(_run, range(len(parts))))

    def share(
        self,
        work: Callable[[range], R],
        total: int,
        stop: Callable[[R], bool],
        progress: Callable[[list[R]], None] | None = None,
    ) -> list[R]:
        """`work` over chunks of range(total), in this process and `count - 1` forked ones:
        the results in order, or only the first that `stop` accepts.

        This process works too instead of waiting: every worker copies most of the heap it
        inherits as reference counts touch it, so one process fewer is a whole copy of the
        catalog and plans fewer (about 300 MiB at 100,000 comparisons). Workers take chunks
        from the front of the queue, this process from the back by cancelling what no worker
        has started. Chunks interleave the indices, so the few heavy items (home page,
        exports, sitemaps) spread out. `progress` is told every result so far.
        """
        count = self.count * CHUNKS_PER_PROCESS
        chunks = [range(k, total, count) for k in range(count)]
        own: dict[int, R] = {}
        with _job(lambda number: work(chunks[number])), forked_pool(self.count - 1) as pool:
            futures = [pool.submit(_run, number) for number in range(count)]

            def stopped(result: R) -> list[R]:
                pool.shutdown(cancel_futures=True)
                return [result]

            for index in reversed(range(count)):
                if not futures[index].cancel():
                    break  # a worker has it, and every chunk before it
                result = own[index] = work(chunks[index])
                if stop(result):
                    return stopped(result)
                finished = [f.result() for f in futures if f.done() and not f.cancelled()]
                failed = next((r for r in finished if stop(r)), None)
                if failed is not None:
                    return stopped(failed)
                if progress:
                    progress([*own.values(), *finished])
            results: list[R] = []
            for index, future in enumerate(futures):  # in order: a deterministic merge
                result = own[index] if index in own else future.result()
                if stop(result):
                    return stopped(result)
                results.append(result)
                if progress and index not in own:
                    progress([*own.values(), *(r for k, r in enumerate(results) if k not in own)])
            return results

    def all_of(self, check: Callable[[int], bool], total: int) -> Callable[[], bool]:
        """Whether `check` holds for every number below `total`, a forked process starting on
        them at once (`all_of` below)."""
        return all_of(check, total)

    def aside(self, work: Callable[[], R]) -> Aside[R]:
        return aside(work) if self.count > 1 else Done(work())


@contextmanager
def _job(job: Callable[[int], Any]) -> Iterator[None]:
    global _JOB
    _JOB = job
    try:
        yield
    finally:
        _JOB = None


def die_with_parent(parent: int) -> None:
    """End this forked process as soon as `parent` (the process that forked it) is gone."""
    armed = False
    if sys.platform.startswith("linux"):
        with suppress(AttributeError, OSError):  # no libc to load, or no prctl in it
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before the kernel was asked to watch
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(PARENT_POLL)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # forked while the parent held them
    # Ctrl-C reaches every process of the terminal's group; the build stops its workers
    # itself, so a worker interrupted mid-wait would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*RARE_COLLECTIONS)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Collect seldom, and never the whole heap, while the block runs; what the build set
    aside (Workers.settle) is set back after it, for a process that goes on (tests, a
    program that builds twice)."""
    before = gc.get_threshold()
    gc.set_threshold(*RARE_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def collect(whole: bool = False) -> None:
    """Collect the garbage made since the last collection, then set what survived aside
    (gc.freeze), so that the next one looks only at newer objects: `serve` does, once an
    editor has paused. Looking at the whole heap after each technique save took 2.2 s at
    100,000 comparisons and found nothing. `whole`: look at what was set aside too (serve
    does once its template environment is replaced, a cycle, and after a long pause)."""
    if whole:
        gc.unfreeze()
    elif not gc.get_freeze_count():  # the first time, every object is new: the whole heap
        gc.freeze()  # is looked at later, `whole`
        return
    gc.collect()
    gc.freeze()


@contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` forked processes that share the parent's frozen heap.

    Leaving the block normally waits for the work submitted; leaving it on an exception
    (a problem found, Ctrl-C, SIGTERM) cancels that work and kills the workers.
    """
    # Imported here: a build found up to date starts no pool and should not pay for these.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            workers, context, initializer=_start_worker, initargs=(os.getpid(),)
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
    # So is the thread that manages them. It is waited for here: left to end while the
    # interpreter exits, it raced Python's own exit handler (before 3.12), which printed
    # "Bad file descriptor" on a build stopped while its workers read files.
    manager = getattr(pool, "_executor_manager_thread", None)
    if not processes and hasattr(pool, "kill_workers"):
        pool.kill_workers()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join()
    if manager is not None:
        manager.join(5)
