"""The one writer of a build's output: a staging folder beside it, swapped in when complete.

At every instant the output folder is a complete site, old or new. Pages are written into
`.<name>.nicepick-staging-<pid>`, marked partial while incomplete; pages whose bytes did not
change are hard-links to the output's files. Committing hands the finished folder to
folderswap.py, which owns the lock beside the output, the swap itself, and the repair of what
a killed build left behind.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Self

from nicepick import folderswap, journal, stamps, urls
from nicepick.errors import UserError
from nicepick.folderswap import PARTIAL, STAGING, OutputLock, real_output
from nicepick.manifest import (
    Body,
    Manifest,
    check_relative,
    content_hash,
    content_of,
    create_file,
    create_file_from,
    file_record,
    made_from,
    write_manifest,
)
from nicepick.stamps import Stamp, size_of, stamp_of


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

    def write(self, path: str, data: Body, fingerprint: str = "") -> None: ...

    def commit(self, inputs: str = "", theme: str = "") -> None: ...


class StagedOutput:
    """Collects a build in a staging folder; `commit` swaps it in, leaving it discards it.

    Pages whose bytes did not change are hard-linked from the current output instead of
    written, so their files (and mtimes) stay the same; when nothing at all changed, commit
    leaves the output untouched.
    """

    def __init__(self, output: Path, previous: Manifest | None = None) -> None:
        self.output = output = real_output(output)
        self.parent = output.parent
        self.staging = self.parent / f".{output.name}{STAGING}{os.getpid()}"
        self.previous = previous
        self.manifest = Manifest()
        self.written = 0
        self.unchanged = 0
        self._made: set[str] = {""}
        self._staging = str(self.staging)
        self._output = str(output)
        self._lock = OutputLock(output)

    def __enter__(self) -> Self:
        journal.open_output(self.output, self._lock, self._make_staging, self.__exit__)
        return self

    def _make_staging(self) -> None:
        self.staging.mkdir()
        (self.staging / PARTIAL).write_bytes(b"")

    def __exit__(self, *exc: object) -> None:
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._lock.release()

    def _target(self, path: str) -> str:
        """The staging file for `path` (its folder made if needed); never a way out of staging.

        Paths are strings here: this runs once per page, and pathlib costs more than the write.
        A page's own folder (`compare/a-vs-b/` of its index.html) is not remembered: it holds
        that one file, and 100,000 of them were 6 MiB held to the end of a large build.
        """
        check_relative(path)
        folder, _, name = path.rpartition("/")
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
                if step != folder or name != urls.INDEX:
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
                if recorded is not None and size_of(stamp) != size_of(recorded):
                    return None  # another size: no need to read it
                with open(source, "rb") as handle:
                    if content_hash(handle.read()) != digest:
                        return None
        except OSError:
            return None  # gone, or a folder on its way replaced by a file
        try:
            target = self._target(path)  # its folder made here: the disk may be full
            os.link(source, target)
        except FileNotFoundError:
            return None  # deleted from the output just now: it is written again
        except OSError as exc:
            raise self._fail(path, exc) from exc
        return stamp

    def keep(self, path: str, fingerprint: str) -> bool:
        """Reuse the output's current file when its fingerprint says nothing changed."""
        record = self.previous.files.get(path) if self.previous else None
        if record is None or not made_from(record, fingerprint):
            return False
        stamp = self._link_previous(path, content_of(record))
        if stamp is None:
            return False
        self.manifest.files[path] = record
        self.manifest.stamps[path] = stamp
        self.unchanged += 1
        return True

    def write(self, path: str, data: Body, fingerprint: str = "") -> None:
        """Add a file; if the output already has these exact bytes there, link that file.

        A large file comes in pieces (manifest.Body): written as they come and hashed on the
        way, so it is written again even when its bytes turn out unchanged."""
        record = self.previous.files.get(path) if self.previous else None
        if isinstance(data, bytes):
            digest = content_hash(data)
            if record is not None and content_of(record) == digest:
                stamp = self._link_previous(path, digest)
                if stamp is not None:
                    self.manifest.files[path] = file_record(fingerprint, digest)
                    self.manifest.stamps[path] = stamp
                    self.unchanged += 1
                    return
        try:
            target = self._target(path)
            if isinstance(data, bytes):
                create_file(target, data)
            else:
                digest = create_file_from(target, data)
            written = stamp_of(os.lstat(target))
        except OSError as exc:
            raise self._fail(path, exc) from exc
        self.manifest.files[path] = file_record(fingerprint, digest)
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
                listing = self.manifest.listing()
                if (self.previous.inputs, self.previous.theme) != (inputs, theme):
                    write_manifest(self.output, self.manifest, listing)
                if self.previous.stamps != self.manifest.stamps:
                    stamps.save(self.output, self.manifest.stamps, listing)
                return
            # The record is written last, after the previous site is gone: a build killed
            # before that leaves a record naming the old folder, so the next build recovers
            # the old folder with it (folderswap.recover) or, once it is gone, trusts no page.
            folderswap.swap_in(self.staging, self.output)
            listing = self.manifest.listing()
            stamps.save(self.output, self.manifest.stamps, listing)
            write_manifest(self.output, self.manifest, listing)
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
