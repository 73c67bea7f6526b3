"""Writing only what changed, in place, through a journal: the way an incremental build
publishes a few changed pages without relinking and deleting a whole tree.

A build whose last output is intact (every file as the last build left it) writes its new
and changed files into `.<name>.nicepick-journal/new/` beside the output; the output itself
is untouched. Once every page is rendered, the list of files to put in place and to remove
is written and renamed to `committed`: that rename is the moment the build commits. Only then
are the files moved into the output, one atomic rename each, the removed ones deleted, the
manifest written and the journal deleted.

A kill before the commit leaves the old site: the next build (`recover`) deletes the journal.
A kill after it leaves the journal committed: the next build finishes moving its files in
before anything else, so the output is the new site. Either way, never a mixture once a
build has run again. Readers of the folder during those few renames may see some pages new
and some old, which the full build's single swap (writer.py) never shows; a build that
changes much, or finds its output touched, uses that swap.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Self

from nicepick import folderswap, stamps
from nicepick.errors import UserError
from nicepick.folderswap import OutputLock, real_output
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
from nicepick.stamps import stamp_of

JOURNAL = ".nicepick-journal"
COMMITTED = "committed"


def journal_of(output: Path) -> Path:
    return output.parent / f".{output.name}{JOURNAL}"


class JournalOutput:
    """The same keep/write/commit calls as writer.StagedOutput, for a build that changes a
    few files of an intact output (reuse.Earlier.intact)."""

    def __init__(self, output: Path, previous: Manifest | None = None) -> None:
        assert previous is not None, "a journal updates an earlier build's output"
        self.output = output = real_output(output)
        self.previous = previous
        self.journal = journal_of(output)
        self.manifest = Manifest()
        self.written = 0
        self.unchanged = 0
        self._new = str(self.journal / "new")
        self._made: set[str] = {""}
        self._lock = OutputLock(output)

    def __enter__(self) -> Self:
        open_output(self.output, self._lock, lambda: os.makedirs(self._new), self.__exit__)
        return self

    def __exit__(self, *exc: object) -> None:
        """An uncommitted journal is thrown away; a committed one stays for `recover`."""
        try:
            if self.journal.exists() and not (self.journal / COMMITTED).exists():
                shutil.rmtree(self.journal, ignore_errors=True)
        finally:
            self._lock.release()

    def keep(self, path: str, fingerprint: str) -> bool:
        """The output's file stays where it is when its fingerprint is unchanged."""
        record = self.previous.files.get(path)
        stamp = self.previous.stamps.get(path)
        if record is None or stamp is None or not made_from(record, fingerprint):
            return False
        self.manifest.files[path] = record
        self.manifest.stamps[path] = stamp
        self.unchanged += 1
        return True

    def write(self, path: str, data: Body, fingerprint: str = "") -> None:
        """Into the journal, unless the output already has these bytes there. A large file
        (manifest.Body) is hashed as it is written into the journal, and taken out again when
        its bytes turn out unchanged."""
        record = self.previous.files.get(path)
        stamp = self.previous.stamps.get(path)
        # The hash of the output's file as it stands, when it is known and still as left.
        current = content_of(record) if record is not None and stamp is not None else None
        if isinstance(data, bytes):
            digest = content_hash(data)
            if digest == current:
                return self._unchanged(path, file_record(fingerprint, digest), stamp)
        target = self._target(path)
        try:
            if isinstance(data, bytes):
                create_file(target, data)
            else:
                digest = create_file_from(target, data)
                if digest == current:
                    os.unlink(target)
                    return self._unchanged(path, file_record(fingerprint, digest), stamp)
            written = stamp_of(os.lstat(target))  # a rename keeps size, time and inode
        except OSError as exc:
            raise UserError(
                f"cannot write {self.output / path}: {exc.strerror or exc}; "
                f"the previous site in {self.output} is unchanged"
            ) from exc
        self.manifest.files[path] = file_record(fingerprint, digest)
        if written is not None:
            self.manifest.stamps[path] = written
        self.written += 1

    def _unchanged(self, path: str, record: str, stamp: bytes | None) -> None:
        self.manifest.files[path] = record
        if stamp is not None:
            self.manifest.stamps[path] = stamp
        self.unchanged += 1

    def _target(self, path: str) -> str:
        check_relative(path)
        folder = path.rpartition("/")[0]
        if folder not in self._made:
            os.makedirs(os.path.join(self._new, folder), exist_ok=True)
            self._made.add(folder)
        return os.path.join(self._new, path)

    @property
    def removed(self) -> int:
        return len(self.manifest.gone_from(self.previous))

    def commit(self, inputs: str = "", theme: str = "") -> None:
        """Commit the journal, then apply it: new files in, removed files out, the record."""
        self.manifest.inputs, self.manifest.theme = inputs, theme
        gone = sorted(self.manifest.gone_from(self.previous))
        written = sorted(_files_below(self._new))
        if written or gone:
            listed = self.journal / f"{COMMITTED}.tmp"
            with open(listed, "w", encoding="utf-8") as handle:
                json.dump({"write": written, "remove": gone}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(listed, self.journal / COMMITTED)  # the build commits here
            apply(self.journal, self.output)
        previous, listing = self.previous, self.manifest.listing()
        if written or gone or (previous.inputs, previous.theme) != (inputs, theme):
            write_manifest(self.output, self.manifest, listing)
        if written or gone or previous.stamps != self.manifest.stamps:
            stamps.save(self.output, self.manifest.stamps, listing)
        shutil.rmtree(self.journal, ignore_errors=True)


def _files_below(folder: str) -> list[str]:
    found = []
    for top, _, files in os.walk(folder):
        rel = os.path.relpath(top, folder)
        found += [name if rel == "." else f"{rel}/{name}" for name in files]
    return found


def apply(journal: Path, output: Path) -> None:
    """Move a committed journal's files into the output and delete the removed ones. Safe to
    run again after a kill: a file already moved is no longer in the journal."""
    changes = json.loads((journal / COMMITTED).read_text("utf-8"))
    for rel in changes["write"]:
        check_relative(rel)
        source = journal / "new" / rel
        if not source.exists():
            continue  # moved in before a kill
        target = output / rel
        _clear_way(output, target)
        os.replace(source, target)
    for rel in changes["remove"]:
        check_relative(rel)
        target = output / rel
        if target.is_file() or target.is_symlink():
            target.unlink()
        folder = target.parent
        while folder != output:
            try:
                folder.rmdir()  # only once the folder is empty
            except OSError:
                break
            folder = folder.parent


def _clear_way(output: Path, target: Path) -> None:
    """Folders up to `target`, and nothing in its place: what stands where the new site has
    a file or a folder gives way, as it would to the full build's swap."""
    folder = output
    for part in target.relative_to(output).parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)


def open_output(
    output: Path, lock: OutputLock, prepare: Callable[[], object], close: Callable[[], None]
) -> None:
    """What both writers do first: take the output's lock, finish or drop what a killed build
    left beside it (a swap, a journal), then `prepare` their own folder. A failure closes the
    writer (`close`: `with` calls no __exit__ when __enter__ raises); an OSError (no
    permission, a full disk) is the user's one line, not a traceback."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        folderswap.recover(output)
        recover(output)
        prepare()
    except OSError as exc:
        close()
        raise UserError(
            f"cannot prepare the output folder {output}: {exc.strerror or exc}"
        ) from exc
    except BaseException:  # Ctrl-C or SIGTERM
        close()
        raise


def recover(output: Path) -> None:
    """Finish or throw away what a killed journal build left beside `output` (under its lock):
    committed, the new site is completed; not committed, the old one is left as it was."""
    journal = journal_of(output)
    if not journal.exists():
        return
    if (journal / COMMITTED).exists() and output.is_dir():
        apply(journal, output)
    shutil.rmtree(journal, ignore_errors=True)
