"""Replacing an output folder whole, and what keeps that safe: the lock beside it, the swap of
a finished staging folder for it, the user's files carried across, and the repair of what a
killed build left beside it.

Everything here works on whole folders and knows nothing of pages: writer.py fills the staging
folder page by page and calls `swap_in` once it is complete. A kill may land between any two
steps (tests/test_faults.py kills a build at each), and every one leaves folders that the next
build's `recover` repairs:

1. files in the output that nicepick did not write (`.git`, `CNAME`, anything added by hand)
   are hard-linked into the staging folder, so they are in both places;
2. the two folders are exchanged in one atomic `renameat2(RENAME_EXCHANGE)` call on Linux
   (elsewhere: two renames, and the next build repairs a kill between them);
3. the previous site, now in the staging path, is deleted.

A lock file beside the output keeps two builds from writing the same output at once; under it,
any staging folder found is the leftover of a killed build and is cleaned up (or, when it holds
a swapped-out previous site, its user files are carried over first).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path
from typing import IO

from nicepick.errors import UserError
from nicepick.manifest import MANIFEST, Manifest, manifest_file, read_manifest, user_entries
from nicepick.regular import resolved

PARTIAL = ".nicepick-partial"  # in a staging folder until every page is in it
STAGING = ".nicepick-staging-"
_OLD = ".nicepick-old-"
_LOCK = ".nicepick-lock"


def real_output(output: Path) -> Path:
    """The folder a build replaces: a link's target (public -> /var/www/site), never the link,
    which a deploy set up and the swap would otherwise replace with a folder."""
    return resolved(output) if output.is_symlink() else output


def leftovers_beside(output: Path) -> bool:
    """Whether a killed build left a staging folder or lock file that a full build cleans up."""
    output = real_output(output)
    prefix, record = f".{output.name}.nicepick-", manifest_file(output).name
    try:
        with os.scandir(output.parent) as entries:  # closed even when any() stops early
            return any(entry.name.startswith(prefix) and entry.name != record for entry in entries)
    except OSError:
        return False


class OutputLock:
    """The lock file beside an output: held by one build at a time, or refused.

    A POSIX record lock (lockf), not flock: it belongs to this process alone, so forked
    workers never hold it, and the kernel drops it the moment this process dies, however
    it dies. A lock file left behind by a killed build therefore never blocks.

    The lock file is removed on release so it does not litter the site folder; a build
    that locked a file another build had just removed notices (the path no longer names
    the inode it holds) and tries again.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.parent / f".{output.name}{_LOCK}"
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise a UserError naming the build that holds it."""
        while True:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    handle.close()
                    raise
                handle.seek(0)
                holder = handle.read(20).decode("ascii", "replace").strip()
                handle.close()
                who = f" (process {holder})" if holder.isdigit() else ""
                raise UserError(
                    f"another nicepick build is writing to {self.output}{who}; "
                    "wait for it to finish and try again"
                ) from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                handle.truncate(0)
                handle.write(f"{os.getpid()}\n".encode())
                handle.flush()
                self._handle = handle
                return
            handle.close()

    def release(self) -> None:
        """Remove the lock file and let go; nothing to do when the lock was never taken."""
        if self._handle is not None:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            self._handle.close()
            self._handle = None


def _written(manifest: Manifest | None) -> set[str] | None:
    return set(manifest.files) if manifest is not None else None


def recover(output: Path) -> None:
    """Clean up after builds into `output` that were killed; safe only under its lock."""
    prefix = f".{output.name}"
    leftovers = sorted(
        p
        for p in output.parent.iterdir()
        if p.name.startswith(prefix) and (STAGING in p.name or _OLD in p.name) and p.is_dir()
    )
    for leftover in leftovers:
        if (leftover / PARTIAL).exists():
            shutil.rmtree(leftover)  # an unfinished build: nothing in it is anyone's
        elif not output.exists():
            leftover.rename(output)  # killed between the two fallback renames
        else:
            _carry_over(leftover, output, _written(read_manifest(output, folder=leftover)))
            shutil.rmtree(leftover)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link a file or folder tree: the same files in two places, nothing copied."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        target.mkdir()
        for entry in sorted(os.scandir(source), key=lambda e: e.name):
            _link_tree(Path(entry.path), target / entry.name)
    else:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)  # filesystems without hard links


def _carry_over(old: Path, new: Path, written: set[str] | None) -> None:
    """Link into `new` what `old` holds that nicepick did not write, unless `new` has it."""
    ours = written if written is not None else set()
    for rel, _ in user_entries(old, ours, (MANIFEST, PARTIAL)):
        target = new / rel
        if target.exists() or target.is_symlink():
            continue  # the new build made a file of that name: it wins
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_tree(old / rel, target)


def exchange_folders(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then `swap_in` renames).

    Public, and looked up at each call: the fault tests replace it to kill a build just
    before or after the exchange, or to take the fallback."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a filesystem without exchange support
    raise OSError(code, os.strerror(code), str(a))


def swap_in(staging: Path, output: Path) -> None:
    """Put the finished `staging` folder where `output` is, the user's files carried over
    from it, and delete the previous site (steps 1-3 above)."""
    if output.is_dir():
        _carry_over(output, staging, _written(read_manifest(output)))
    (staging / PARTIAL).unlink()  # complete: killed from here, it is a site, not scraps
    if not output.exists():
        staging.rename(output)
    elif exchange_folders(staging, output):
        shutil.rmtree(staging)  # now the previous site
    else:
        old = output.parent / f".{output.name}{_OLD}{os.getpid()}"
        output.rename(old)
        staging.rename(output)
        shutil.rmtree(old)
