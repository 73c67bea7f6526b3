"""Processes: every fork, every garbage-collector setting, the one module global a forked
worker reads its job from, and how a process stops on a signal. Nothing else forks or
touches `gc`, and the core never imports this module: a build is handed `Workers` (the
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
import mmap
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from nicepick.parallel import Aside, Done

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
_HELD = frozenset([signal.SIGINT, signal.SIGTERM, signal.SIGHUP])

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


def all_of(check: Callable[[int], bool], total: int) -> Callable[[], bool]:
    """Whether `check(n)` holds for every n in range(total): a forked process takes the
    numbers from the front at once, and this one from the back once it calls the function
    returned (which must be called: it collects the process). They meet wherever they meet,
    so neither waits on a share measured in advance; the first to find a failure stops both.

    The two ends live in memory both processes share. Each side moves its own end before it
    checks the number it took, and stops when the next number is the other's: a number may
    be checked twice where they meet, never skipped. Without fork, all is checked here."""
    if not hasattr(os, "fork") or total < 2:
        return lambda: all(check(n) for n in range(total))
    shared = mmap.mmap(-1, mmap.PAGESIZE)  # anonymous and shared: the child sees our writes
    ends = memoryview(shared).cast("i")  # front, back, stopped: aligned ints, never torn
    ends[0], ends[1], ends[2] = 0, total, 0
    with held_interrupts():  # the child keeps them held: it answers and exits
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: its exit code is the answer, 2 a failure
            code = 2
            try:
                code = 0 if _from_front(check, ends) else 1
            finally:
                os._exit(code)  # never back into the caller, whatever happened

    def answer() -> bool:
        here = False
        try:
            here = _from_back(check, ends)
        finally:  # collected whatever happened here; an error here stops it first
            if not here:
                ends[2] = 1
            _, status = os.waitpid(pid, 0)
            ends.release()
            shared.close()
        return here and os.waitstatus_to_exitcode(status) == 0

    return answer


def aside(work: Callable[[], R]) -> Aside[R]:
    """`work` in a forked process while this one goes on (Parallel.aside). Its result
    comes back pickled through a pipe, so keep it small: a count, a flag.

    The process keeps Ctrl-C, SIGTERM and SIGHUP held and outlives a killed build by the
    moment its work takes: a file it renames into place is then whole, where one killed
    halfway would leave its temporary copy behind. `stop` kills it at once, for work whose
    result nobody will read (a count for a build that failed)."""
    if not hasattr(os, "fork"):  # pragma: no cover - not on Linux or macOS
        return Done(work())
    reading, writing = os.pipe()
    with held_interrupts():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: it exits, never back into the caller
            code = 1
            try:
                os.close(reading)
                gc.disable()  # it ends in a moment: a collection would only copy shared pages
                answer = pickle.dumps(work())
                with open(writing, "wb") as pipe:
                    pipe.write(answer)
                code = 0
            finally:
                os._exit(code)
    os.close(writing)
    return _Forked(pid, reading)


class _Forked(Generic[R]):
    """Work in the forked process `pid`, its answer to come through `reading`. Waited for
    once, by `result` or `stop`: after that, each gives what the first found."""

    def __init__(self, pid: int, reading: int) -> None:
        self.pid, self.reading = pid, reading
        self.value: R | None = None
        self.pending = True

    def result(self) -> R | None:
        if self.pending:
            self.pending = False
            try:
                with open(self.reading, "rb") as pipe:
                    answer = pipe.read()
            finally:
                status = self._collect()
            if answer and status == 0:
                self.value = pickle.loads(answer)
        return self.value

    def stop(self) -> None:
        if self.pending:
            self.pending = False
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.close(self.reading)
            self._collect()

    def _collect(self) -> int | None:
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return None
        return os.waitstatus_to_exitcode(status)


def _from_front(check: Callable[[int], bool], ends: memoryview) -> bool:
    while not ends[2]:
        number = ends[0]
        if number >= ends[1]:
            return True
        ends[0] = number + 1
        if not check(number):
            ends[2] = 1
            return False
    return True  # the other side found a failure and answers for both


def _from_back(check: Callable[[int], bool], ends: memoryview) -> bool:
    while not ends[2]:
        number = ends[1] - 1
        if number < ends[0]:
            return True
        ends[1] = number
        if not check(number):
            ends[2] = 1
            return False
    return True


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
    """Ctrl-C, SIGTERM or SIGHUP, raised by our handler; every `except KeyboardInterrupt`
    catches it. Not KeyboardInterrupt itself: when one leaves code Python runs from source
    text (`exec`/`eval` of a string, as dataclasses and namedtuples make methods on import),
    CPython 3.11 marks the interpreter, and a process that caught it, cleaned up and returned
    still ends as if killed by SIGINT (`serve` stopped in its first build exited -2 about one
    time in a hundred). Only that exact class is marked, never a subclass."""


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
