"""Scratch folders named after the process that made them, so that the next process removes
those a killed one left behind.

A process stopped outright (SIGKILL, out of memory) cannot remove what it made: a build's
records of rendered pages (recordfiles.py), serve's preview, which holds a whole site in
memory when /dev/shm is there. The process id in the name says whose a folder is: the next
one to make a folder of the same kind removes those whose process is gone, and no other.
"""

from __future__ import annotations

import os
import shutil
import tempfile


def own_folder(prefix: str, parent: str | None = None) -> str:
    """A new folder `<prefix><pid>-<random>` in `parent` (the temporary folder when None).
    The caller removes the abandoned ones (`remove_abandoned`) when it suits it: serve makes
    its folder with signals held, and a preview left behind is removed a file at a time."""
    return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent)


def remove_abandoned(parent: str, prefix: str) -> None:
    """Remove the folders in `parent` named `<prefix><pid>-…` whose process no longer runs."""
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        owner = name[len(prefix) :].partition("-")[0]
        if name.startswith(prefix) and owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a process id: left alone
    return not _ended(pid)


def _ended(pid: int) -> bool:
    """Whether the process has ended and waits only to be reaped (a zombie), as a process
    killed outright does until its parent looks: one whose parent is a container's init
    can wait a while. Only Linux says so, in /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            status = handle.read()
    except OSError:
        return False
    # "pid (name) state …": the name may hold spaces and parentheses, the state follows the last.
    return status.rpartition(b")")[2].split()[:1] == [b"Z"]
