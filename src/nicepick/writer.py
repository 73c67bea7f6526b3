"""The one writer of a build's output: a staging folder beside it, swapped in when complete.

At every instant the output folder is a complete site, old or new:

1. pages are rendered into `.<name>.nicepick-staging-<pid>`, marked partial while incomplete;
2. files in the output that nicepick did not write (`.git`, `CNAME`, anything added by hand)
   are hard-linked into the staging folder, so they are in both places;
3. the two folders are exchanged in one atomic `renameat2(RENAME_EXCHANGE)` call on Linux
   (elsewhere: two renames, and the next build repairs a kill between them);
4. the previous site, now in the staging path, is deleted.

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
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, Self

from nicepick import stamps
from nicepick.errors import UserError
from nicepick.manifest import (
    MANIFEST,
    Manifest,
    check_relative,
    content_hash,
    create_file,
    manifest_file,
    read_manifest,
    user_entries,
    write_manifest,
)
from nicepick.regular import resolved
from nicepick.stamps import Stamp, stamp_of


class Output(Protocol):
    """Where a build puts its files: StagedOutput here, or serve's LiveOutput, which writes
    its private preview folder in place. Entered before the first page, committed after the
    last; leaving it on an exception keeps the previous site."""

    manifest: Manifest
    written: int
    unchanged: int

    @property
    def removed(self) -> int: ...

    def __enter__(self) -> Output: ...

    def __exit__(self, *exc: object) -> None: ...

    def keep(self, path: str, fingerprint: str) -> bool: ...

    def write(self, path: str, data: bytes, fingerprint: str = "") -> None: ...

    def commit(self, inputs: str = "", theme: str = "") -> None: ...


PARTIAL = ".nicepick-partial"
_STAGING = ".nicepick-staging-"
_OLD = ".nicepick-old-"
_LOCK = ".nicepick-lock"


def _written(manifest: Manifest | None) -> set[str] | None:
    return set(manifest.files) if manifest is not None else None


def real_output(output: Path) -> Path:
    """The folder a build replaces: a link's target (public -> /var/www/site), never the link,
    which a deploy set up and the swap would otherwise replace with a folder."""
    return resolved(output) if output.is_symlink() else output


def leftovers_beside(output: Path) -> bool:
    """Whether a killed build left a staging folder or lock file that a full build cleans up."""
    output = real_output(output)
    prefix, record = f".{output.name}.nicepick-", manifest_file(output).name
    try:
        return any(
            entry.name.startswith(prefix) and entry.name != record
            for entry in os.scandir(output.parent)
        )
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then the caller renames)."""
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


def carry_over(old: Path, new: Path, written: set[str] | None) -> None:
    """Link into `new` what `old` holds that nicepick did not write, unless `new` has it."""
    ours = written if written is not None else set()
    for rel, _ in user_entries(old, ours, (MANIFEST, PARTIAL)):
        target = new / rel
        if target.exists() or target.is_symlink():
            continue  # the new build made a file of that name: it wins
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_tree(old / rel, target)


class StagedOutput:
    """Collects a build in a staging folder; `commit` swaps it in, leaving it discards it.

    Pages whose bytes did not change are hard-linked from the current output instead of
    written, so their files (and mtimes) stay the same; when nothing at all changed, commit
    leaves the output untouched.
    """

    def __init__(self, output: Path, previous: Manifest | None = None) -> None:
        self.output = output = real_output(output)
        self.parent = output.parent
        self.staging = self.parent / f".{output.name}{_STAGING}{os.getpid()}"
        self.previous = previous
        self.manifest = Manifest()
        self.written = 0
        self.unchanged = 0
        self._made: set[str] = {""}
        self._staging = str(self.staging)
        self._output = str(output)
        self._lock: IO[bytes] | None = None

    def __enter__(self) -> Self:
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._acquire_lock()
            self._recover()
            self.staging.mkdir()
            (self.staging / PARTIAL).write_bytes(b"")
        except OSError as exc:
            self.__exit__()
            raise UserError(
                f"cannot prepare the output folder {self.output}: {exc.strerror or exc}"
            ) from exc
        except BaseException:  # Ctrl-C or SIGTERM: `with` calls no __exit__ for __enter__
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release_lock()

    def _acquire_lock(self) -> None:
        """Take the output's lock, or refuse: two builds must never mix their output.

        A POSIX record lock (lockf), not flock: it belongs to this process alone, so forked
        workers never hold it, and the kernel drops it the moment this process dies, however
        it dies. A lock file left behind by a killed build therefore never blocks.

        The lock file is removed on release so it does not litter the site folder; a build
        that locked a file another build had just removed notices (the path no longer names
        the inode it holds) and tries again.
        """
        self._lock_path = self.parent / f".{self.output.name}{_LOCK}"
        while True:
            handle = open(self._lock_path, "a+b")  # noqa: SIM115 - held until __exit__
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
                same = os.stat(self._lock_path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                handle.truncate(0)
                handle.write(f"{os.getpid()}\n".encode())
                handle.flush()
                self._lock = handle
                return
            handle.close()

    def _release_lock(self) -> None:
        if self._lock is not None:
            try:
                self._lock_path.unlink()
            except FileNotFoundError:
                pass
            self._lock.close()
            self._lock = None

    def _recover(self) -> None:
        """Clean up after builds that were killed; safe because we hold the lock."""
        prefix = f".{self.output.name}"
        leftovers = sorted(
            p
            for p in self.parent.iterdir()
            if p.name.startswith(prefix) and (_STAGING in p.name or _OLD in p.name) and p.is_dir()
        )
        for leftover in leftovers:
            if (leftover / PARTIAL).exists():
                shutil.rmtree(leftover)  # an unfinished build: nothing in it is anyone's
            elif not self.output.exists():
                leftover.rename(self.output)  # killed between the two fallback renames
            else:
                carry_over(
                    leftover, self.output, _written(read_manifest(self.output, folder=leftover))
                )
                shutil.rmtree(leftover)

    def _target(self, path: str) -> str:
        """The staging file for `path` (its folder made if needed); never a way out of staging.

        Paths are strings here: this runs once per page, and pathlib costs more than the write.
        """
        check_relative(path)
        folder = path.rpartition("/")[0]
        if folder not in self._made:
            missing = []
            current = folder
            while current not in self._made:
                missing.append(current)
                current = current.rpartition("/")[0]
            for step in reversed(missing):
                full = os.path.join(self._staging, step)
                try:
                    os.mkdir(full)
                except FileExistsError:  # looked at only now: an lstat per page cost 3%
                    if os.path.islink(full):  # staging is ours, so a link here is our bug
                        raise ValueError(f"refusing to write through a link: {path}") from None
                self._made.add(step)
        return os.path.join(self._staging, path)

    def _fail(self, path: str, exc: OSError) -> UserError:
        return UserError(
            f"cannot write {self.output / path}: {exc.strerror or exc}; "
            f"the previous site in {self.output} is unchanged"
        )

    def _link_previous(self, path: str, digest: str) -> Stamp | None:
        """Link the output's file at `path` into staging if it is still the very file the
        last build wrote; its stamp, or None when it must be written again (changed, replaced
        or removed by hand since)."""
        source = os.path.join(self._output, path)
        assert self.previous is not None
        recorded = self.previous.stamps.get(path)
        try:
            stamp = stamp_of(os.lstat(source))
            if stamp is None:
                return None  # a folder, a link… where the page was
            if stamp != recorded:
                # Touched, edited, or not recorded (a new cache): are the bytes still ours?
                if recorded is not None and stamp[0] != recorded[0]:
                    return None  # another size: no need to read it
                with open(source, "rb") as handle:
                    if content_hash(handle.read()) != digest:
                        return None
        except OSError:
            return None  # gone, or a folder on its way replaced by a file
        target = self._target(path)
        try:
            os.link(source, target)
        except FileNotFoundError:
            return None  # deleted from the output just now: it is written again
        except OSError as exc:
            raise self._fail(path, exc) from exc
        return stamp

    def keep(self, path: str, fingerprint: str) -> bool:
        """Reuse the output's current file when its fingerprint says nothing changed."""
        record = self.previous.files.get(path) if self.previous else None
        if not fingerprint or record is None or record[0] != fingerprint:
            return False
        stamp = self._link_previous(path, record[1])
        if stamp is None:
            return False
        self.manifest.files[path] = record
        self.manifest.stamps[path] = stamp
        self.unchanged += 1
        return True

    def write(self, path: str, data: bytes, fingerprint: str = "") -> None:
        """Add a file; if the output already has these exact bytes there, link that file."""
        digest = content_hash(data)
        record = self.previous.files.get(path) if self.previous else None
        if record is not None and record[1] == digest:
            stamp = self._link_previous(path, digest)
            if stamp is not None:
                self.manifest.files[path] = (fingerprint, digest)
                self.manifest.stamps[path] = stamp
                self.unchanged += 1
                return
        try:
            target = self._target(path)
            create_file(target, data)
            written = stamp_of(os.lstat(target))
        except OSError as exc:
            raise self._fail(path, exc) from exc
        self.manifest.files[path] = (fingerprint, digest)
        if written is not None:
            self.manifest.stamps[path] = written
        self.written += 1

    @property
    def removed(self) -> int:
        return len(self.manifest.gone_from(self.previous))

    def commit(self, inputs: str = "", theme: str = "") -> None:
        """Swap the finished staging folder in for the output, unless nothing changed."""
        self.manifest.inputs, self.manifest.theme = inputs, theme
        try:
            if (
                self.written == 0
                and self.removed == 0
                and self.previous is not None
                and self.output.is_dir()
            ):
                # Nothing to publish: every page stays as it is; only the manifest learns the
                # new input signature, so the next build can stop early again.
                if (self.previous.inputs, self.previous.theme) != (inputs, theme):
                    write_manifest(self.output, self.manifest)
                if self.previous.stamps != self.manifest.stamps:
                    stamps.save(self.output, self.manifest.stamps)
                return
            if self.output.is_dir():
                carry_over(self.output, self.staging, _written(read_manifest(self.output)))
            (self.staging / PARTIAL).unlink()
            # The record is written last, after the previous site is gone: a build killed
            # before that leaves a record naming the old folder, so the next build recovers
            # the old folder with it (see _recover) or, once it is gone, trusts no page.
            if not self.output.exists():
                self.staging.rename(self.output)
            elif _exchange(self.staging, self.output):
                shutil.rmtree(self.staging)  # now the previous site
            else:
                old = self.parent / f".{self.output.name}{_OLD}{os.getpid()}"
                self.output.rename(old)
                self.staging.rename(self.output)
                shutil.rmtree(old)
            stamps.save(self.output, self.manifest.stamps)
            write_manifest(self.output, self.manifest)
        except OSError as exc:
            raise UserError(
                f"cannot replace {self.output}: {exc.strerror or exc}; "
                "the previous site is unchanged"
            ) from exc


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    pages: int
    written: int
    unchanged: int
    removed: int
    seconds: float
    output: Path
    warnings: int = 0  # what `check` would warn about, when the build was asked to count
