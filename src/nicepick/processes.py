"""Processes: every fork, every garbage-collector setting, the one module global a forked
worker reads its job from, and how a process stops on a signal. Nothing else forks or
touches `gc`, and the core never imports this module: a build is handed `Workers` (the
cli's `build`, `check` and `new comparison`) or runs everything in its own process (serve).

Workers are forked so they inherit the parent's data (catalog, plans, compiled templates)
without pickling it. Two settings keep that inheritance cheap: the parent's heap is frozen
before the fork, so no collection in a worker walks (and so copies) the shared pages; and
workers collect rarely, because rendering a page leaves no cyclic garbage (measured: none for
comparison, redirect and technique pages, nearly all of a site), while a collection every 700
allocations cost about 5% of a worker.

The building process collects rarely too: a build allocates a catalog and plans that live
until it ends, and each full collection walks all of them again. In `serve`, whose caches
keep every parsed file alive, that walking was a quarter of a rebuild (0.4 of 1.7 s at
10,000 comparisons); serve collects once an editor has paused instead (`collect`).

Workers never outlive the build. A forked worker inherits the write end of its own job pipe,
so a worker whose parent was killed would wait on that pipe forever: on Linux the kernel
kills it when the parent dies (PR_SET_PDEATHSIG); elsewhere a thread in each worker watches
for the parent to go. A build that stops on an exception or Ctrl-C kills its workers at once
instead of waiting for the work they queued.
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
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# Below these counts, starting workers costs more than it saves: technique files, comparison
# files, pages.
FORK_FROM = {"techniques": 500, "comparisons": 2000, "pages": 3000}
PARTS_PER_WORKER = 4  # files are read in parts: a slow part then holds up no one for long
CHUNKS_PER_PROCESS = 32  # pages, likewise: an even finish and a progress bar that moves
RARE_COLLECTIONS = (50_000, 50, 100)  # young objects only, and seldom
PARENT_POLL = 0.5  # seconds between checks where the kernel cannot watch the parent
_PR_SET_PDEATHSIG = 1
_HELD = frozenset([signal.SIGINT, signal.SIGTERM, signal.SIGHUP])

# The job of the workers about to be forked, set just before the fork and read only by them:
# the one way to hand a fork its job (plans, a catalog, compiled templates) without pickling
# it. Never set outside `_job`.
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
        """Whether `items` of `job` ("techniques", "comparisons", "pages") are worth forking for."""
        return self.count > 1 and items >= FORK_FROM[job]

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

        This process works too instead of waiting: a forked worker's page tables map the
        whole inherited heap, and every worker copies most of it as reference counts touch
        it, so one process fewer is a whole copy of the catalog and plans fewer (about
        300 MiB at 100,000 comparisons) for the same two busy cores. The workers take chunks
        from the front of the queue; this process takes them from the back, by cancelling
        what no worker has started. Chunks interleave the indices, so the few heavy items
        (home page, exports, sitemaps) spread out. `progress` is told every result so far.
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

    def aside(self, question: Callable[[], bool]) -> Callable[[], bool]:
        """`question` in a forked process while this one goes on (`aside` below)."""
        return aside(question)


@contextmanager
def _job(job: Callable[[int], Any]) -> Iterator[None]:
    global _JOB
    _JOB = job
    try:
        yield
    finally:
        _JOB = None


def aside(question: Callable[[], bool]) -> Callable[[], bool]:
    """Ask `question` in a forked process while this one goes on; the function returned waits
    for the answer (and must be called: it collects the process). Where there is no fork,
    the question is asked when the answer is wanted."""
    if not hasattr(os, "fork"):
        return question
    with held_interrupts():  # the child keeps them held: it answers and exits
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: its exit code is the answer, 2 a failure
            code = 2
            try:
                code = 0 if question() else 1
            finally:
                os._exit(code)  # never back into the caller, whatever happened

    def answer() -> bool:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status) == 0

    return answer


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


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back for the block; they are delivered when it ends.

    Around a fork: an interrupt that lands in fork's own bookkeeping (its at-fork hooks) is
    printed and then ignored by Python, and the build would carry on as if never stopped.
    Around making a folder that a handler must then remove: no signal can come between.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Stopped(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP, raised by our handler: every `except KeyboardInterrupt`
    catches it.

    Why not KeyboardInterrupt itself: when one leaves code that Python runs from source text
    (`exec`/`eval` of a string: dataclasses and namedtuples make their methods so, on import),
    CPython 3.11 marks the interpreter, and a process that caught the interrupt, cleaned up
    and returned normally still ends as if killed by SIGINT. `serve` stopped during its first
    build exited with -2 about one time in a hundred. The mark is set for that exact class
    only, never a subclass."""


def _interrupt(signum: int, frame: object) -> None:
    raise Stopped


@contextmanager
def terminate_as_interrupt(hangup: bool = True) -> Iterator[None]:
    """SIGTERM (`kill`, CI timeouts, process managers) and, with `hangup`, SIGHUP (a closed
    terminal) stop the block as Ctrl-C does, so whatever cleans up after Ctrl-C runs. Ctrl-C
    raises `Stopped` too, unless something chose to ignore it (a shell's background job).
    Only the main thread can set handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = [signal.SIGTERM, *([signal.SIGHUP] if hangup and hasattr(signal, "SIGHUP") else [])]
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        stopping.append(signal.SIGINT)
    before = {signum: signal.signal(signum, _interrupt) for signum in stopping}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


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


def collect() -> None:
    """Collect all garbage now: `serve` does, once an editor has paused."""
    gc.collect()


@contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` forked processes that share the parent's frozen heap.

    Leaving the block normally waits for the work submitted; leaving it on an exception
    (a problem found, Ctrl-C, SIGTERM) cancels that work and kills the workers.
    """
    # Imported here: the up-to-date check imports this module, and must stay light.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

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
