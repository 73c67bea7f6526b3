"""Regular files, told apart from the rest a folder can hold: pipes, sockets, devices, folders
and links that lead nowhere.

Reading a named pipe blocks until someone writes to it, so a FIFO called `x.yaml` hung every
build until Ctrl-C. Whatever nicepick reads (content, settings, templates, static files) is
checked here first and, when it is not a regular file, becomes one problem saying what it is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISLNK, "a symbolic link"),
)
HINT = "remove it, or put an ordinary file in its place"


def resolved(path: str | os.PathLike[str]) -> Path:
    """Where `path` leads, links followed as far as they go. Unlike Path.resolve, never raises
    for a link that leads to itself (a loop is a user's mistake, reported where it is read)."""
    return Path(os.path.realpath(path))


class NotRegular(OSError):
    """Raised by read_regular for anything but a regular file; str() says what it is."""


def kind_of(mode: int) -> str:
    """'a named pipe (FIFO)', 'a folder'…: what a non-regular file is, for messages."""
    return next((name for test, name in _KINDS if test(mode)), "not an ordinary file")


def irregularity(path: str | os.PathLike[str]) -> str:
    """Why `path` (followed through links) cannot be read as a file; empty when it can."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a symbolic link to a missing file" if os.path.islink(path) else "missing"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads round in a loop"
        return f"unreadable: {exc.strerror or exc}"
    return "" if stat.S_ISREG(mode) else f"not a file but {kind_of(mode)}"


# O_NOCTTY: a terminal device put where a file belongs must not become ours by being opened.
_OPEN = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
)


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked on the open file, so
    a pipe in its place cannot hang the read. Raises NotRegular (or another OSError); with
    `limit`, a larger file raises ValueError with its size.

    A build reads every content file (100,000 at that many comparisons), so this is the
    open, one fstat, one read and the close: asking `irregularity` first and reading
    through a buffered file object had doubled the syscalls, at about 5 µs each here.
    Why a file cannot be read is asked only once it cannot."""
    try:
        descriptor = os.open(path, _OPEN)
    except OSError as exc:
        why = irregularity(path)  # missing, a link to nothing, a loop, a socket…
        if why:
            raise NotRegular(why) from exc
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular(f"not a file but {kind_of(status.st_mode)}")
        size = status.st_size
        if limit is not None and size > limit:
            raise ValueError(size)
        data = os.read(descriptor, size + 1)
        if len(data) == size:  # all fstat said, and nothing after it
            return data
        # Shorter (a read cut short, or the file cut meanwhile) or longer (it grew): read on
        # to the end, as a plain read would.
        pieces = [data]
        while piece := os.read(descriptor, max(size, 1 << 16)):
            pieces.append(piece)
        data = b"".join(pieces)
        if limit is not None and len(data) > limit:
            raise ValueError(len(data))
        return data
    finally:
        os.close(descriptor)
