"""Processes forked for one piece of work beside the build, collected by the call that
needs their answer: the up-to-date check's second half (`all_of`), and work set aside
(`aside`: a cache written for the next build, the count of the warnings)."""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import signal
from collections.abc import Callable
from contextlib import suppress
from typing import Generic, TypeVar

from nicepick.parallel import Aside, Done
from nicepick.processes.signals import held_interrupts

R = TypeVar("R")


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
