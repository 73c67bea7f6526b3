"""How a process stops on a signal: SIGTERM and SIGHUP as Ctrl-C, and signals held back
while a fork or a folder that a handler must remove is being made."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_HELD = frozenset([signal.SIGINT, signal.SIGTERM, signal.SIGHUP])


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
