"""The record a build leaves beside its output: what it wrote, and what that was made from.

Also what follows from that record, and the file helpers the writers share: which files in an
output nicepick did not write, the guard against paths leaving the output, replacing a file so
it is never seen half-written, and creating a new staged file cheaply.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from nicepick.regular import resolved

MANIFEST = ".nicepick-manifest.json"  # inside the output: where builds before 0.x kept it


def manifest_file(output: Path) -> Path:
    """Beside the output, not in it: a deploy publishes the output folder whole, and the list
    of every file with its hashes is ours, not the readers'. Beside the folder a link names,
    as the staging folder is, so the record moves with what it describes."""
    if output.is_symlink():
        output = resolved(output)
    return output.parent / f".{output.name}{MANIFEST}"


def folder_identity(folder: Path) -> str:
    """Which folder a manifest describes. A swap renames the staging folder into place, so the
    published folder keeps the inode it was built under; a manifest naming another inode
    describes a site that is no longer there (a build killed between swap and record)."""
    status = os.stat(folder)
    return f"{status.st_dev}:{status.st_ino}"


def file_record(fingerprint: str, digest: str) -> str:
    """What the record says of one file: the fingerprint of what its page shows and a hash of
    its bytes, "fingerprint:hash". One string, as the record beside the output writes it: a
    build holds one per file, and a tuple of two strings cost 100 bytes more each."""
    return f"{fingerprint}:{digest}"


def made_from(record: str, fingerprint: str) -> bool:
    """Whether the file was made from what `fingerprint` names (never for an empty one)."""
    return (
        bool(fingerprint)
        and record.startswith(":", len(fingerprint))
        and record.startswith(fingerprint)
    )


def content_of(record: str) -> str:
    """The hash of the file's bytes ("" when the record does not know it)."""
    return record.rpartition(":")[2]


UNKNOWN = file_record("", "")  # a file the record lists without vouching for its bytes
_RECORD_LINES = 4096  # files written to the record at a time


@dataclass
class Manifest:
    """What one build wrote: per file, its `file_record`.

    `inputs` is a signature of every input file (path, size, mtime) and of the settings, so a
    build whose inputs are unchanged can stop before reading them; `theme` is a hash of the
    templates, without which page fingerprints cannot be trusted. `stamps` (stamps.py) say
    how each file was left; they are kept outside the output, never written here.
    """

    files: dict[str, str] = field(default_factory=dict)
    inputs: str = ""
    theme: str = ""
    stamps: dict[str, bytes] = field(default_factory=dict)  # stamps.Stamp
    # The files of the previous build this one does not have, when the build knows them
    # (reuse.Carried: it took the previous record over rather than copying it).
    gone: set[str] | None = field(default=None, compare=False, repr=False)
    # The `listing` of these very files and stamps when it is known without working it out:
    # the record's own, while its stamps are those saved with it, and then carried through
    # a build that adds and removes no file (reuse.Carried). "" when not known.
    known_listing: str = field(default="", compare=False, repr=False)

    def gone_from(self, previous: Manifest | None) -> set[str]:
        """Files the previous build wrote that this one does not: they are removed."""
        if self.gone is not None:
            return self.gone
        return previous.files.keys() - self.files.keys() if previous is not None else set()

    def listing(self) -> str:
        """A digest of the list of files, when every file has its stamp; else "". Written in
        the record's first line and beside the stamps (stamps.save): when the two agree, a
        no-op build takes the list from the stamps and never parses this 30 MB record.
        Worked out unless known (`known_listing`): 0.28 s at 100,000 comparisons."""
        return self.known_listing or self._worked_out_listing()

    def _worked_out_listing(self) -> str:
        if len(self.stamps) != len(self.files):
            return ""
        # The two key lists compared in order: looking each of 306,612 paths up in the other
        # dict took 0.3 s of a one-edit build at 100,000 comparisons, as their entries (two
        # strings each, made apart) lie all over memory; sorting both and comparing, 0.1 s.
        paths = sorted(self.files)
        if paths != sorted(self.stamps):
            return ""
        digest = hashlib.blake2b(digest_size=16)
        for start in range(0, len(paths), _RECORD_LINES):  # joined by NUL, a run at a time
            run = "\0".join(paths[start : start + _RECORD_LINES])
            digest.update((f"\0{run}" if start else run).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def write_json(self, handle: IO[bytes], folder: str = "", listing: str = "") -> None:
        """The settings on the first line, then a file a line, written as it goes: the whole
        record as one string cost 70 MiB at the end of a build of 100,000 comparisons."""
        head = {
            "folder": folder,
            "generator": "nicepick",
            "inputs": self.inputs,
            "listing": listing,
            "theme": self.theme,
        }
        handle.write((json.dumps(head)[:-1] + ',\n"files": {').encode())
        paths = sorted(self.files)
        quoted, files = json.encoder.encode_basestring_ascii, self.files
        for start in range(0, len(paths), _RECORD_LINES):
            chunk = paths[start : start + _RECORD_LINES]
            lines = ",\n".join([f"{quoted(path)}: {quoted(files[path])}" for path in chunk])
            handle.write((lines if start == 0 else ",\n" + lines).encode())  # ASCII: escaped
        handle.write(b"}}\n")


def read_head(output: Path) -> dict[str, str] | None:
    """The settings line of the record beside `output` (Manifest.write_json), without the list
    of files; None when there is no such line (no record, or one an older nicepick wrote)."""
    try:
        with open(manifest_file(output), "rb") as handle:
            line = handle.readline(4096).decode("utf-8").rstrip()
        if not (line.startswith('{"folder": ') and line.endswith(",")):
            return None
        head = json.loads(line[:-1] + "}")
    except (OSError, ValueError):
        return None
    if not isinstance(head, dict) or not all(isinstance(v, str) for v in head.values()):
        return None
    return head


def read_manifest(output: Path, folder: Path | None = None) -> Manifest | None:
    """What the build that produced `output` wrote, or None when the folder is not nicepick's.

    When the record names another folder than `folder` (the output itself unless said), only
    its list of files is kept: enough to tell nicepick's files from the user's, never enough
    to reuse a page, so the next build writes every page again.
    """
    beside = manifest_file(output)
    try:
        data = json.loads(beside.read_text("utf-8"))
    except FileNotFoundError:
        return _read(output / MANIFEST, None)  # an output an older nicepick built
    except (OSError, ValueError):
        return None
    return _read(None, data, data.get("folder") == _identity_or_none(folder or output))


def _identity_or_none(folder: Path) -> str | None:
    try:
        return folder_identity(folder)
    except OSError:
        return None


def _read(path: Path | None, data: object, trusted: bool = True) -> Manifest | None:
    try:
        if path is not None:
            data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            return None
        files = data["files"]
        if isinstance(files, list):  # a manifest from before incremental builds
            return Manifest(dict.fromkeys(files, UNKNOWN))
        if not trusted:
            return Manifest(dict.fromkeys(files, UNKNOWN))
        if not all(isinstance(value, str) and ":" in value for value in files.values()):
            return None
        listing = data.get("listing", "")
        return Manifest(
            files,
            data.get("inputs", ""),
            data.get("theme", ""),
            known_listing=listing if isinstance(listing, str) else "",
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_manifest(output: Path, manifest: Manifest, listing: str = "") -> None:
    """Record what `output` now holds, once it holds it."""
    folder = folder_identity(output)
    with replaced(manifest_file(output)) as handle:
        manifest.write_json(handle, folder, listing)


def _folders_of(written: set[str]) -> set[str]:
    """Every folder that holds a written file, at any depth ('compare', 'compare/a-vs-b')."""
    folders: set[str] = set()
    for path in written:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def user_entries(
    folder: Path, written: set[str], ignored: tuple[str, ...] = (MANIFEST,)
) -> list[tuple[str, bool]]:
    """Paths in `folder` that nicepick did not write: (relative path, is a whole folder).

    Folders holding none of nicepick's files are taken whole, so a `.git` is one entry;
    `ignored` names files at the top that are the build's own bookkeeping.
    Strings, not paths: every folder of a large site is looked into (100,000 at 100,000
    comparisons), and pathlib made this a quarter of a one-edit rebuild.
    """
    folders = _folders_of(written)
    found: list[tuple[str, bool]] = []

    def walk(current: str, prefix: str) -> None:
        with os.scandir(current) as listing:
            for entry in listing:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if rel in folders:
                        walk(entry.path, rel + "/")
                    else:
                        found.append((rel, True))
                elif rel not in written and rel not in ignored:
                    found.append((rel, False))

    walk(str(folder), "")
    return sorted(found)


def content_hash(data: bytes) -> str:
    """96 bits of SHA-256: with the CPU's SHA instructions it digests a page in half the time
    blake2b takes, and every page written is digested."""
    return _shown(hashlib.sha256(data))


def _shown(digest: hashlib._Hash) -> str:
    return digest.hexdigest()[:24]


def check_relative(path: str) -> None:
    """Refuse a path that could leave the output folder; ours never do, so this is a bug."""
    if not path or path.startswith("/") or "\\" in path or "\0" in path or ".." in path.split("/"):
        raise ValueError(f"refusing to write outside the output: {path!r}")


@contextmanager
def replaced(path: Path) -> Iterator[IO[bytes]]:
    """A handle to write `path` through: what is written is renamed over the file once the
    block ends, so it is never seen half-written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            yield handle
        temporary.rename(path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # each failure would leave another copy behind
        raise


def replace_file(path: Path, data: bytes) -> None:
    """Write a file by renaming a complete copy over it, so it is never seen half-written."""
    with replaced(path) as handle:
        handle.write(data)


# A file's bytes, or (a large generated file) its bytes a piece at a time: written as they
# come (create_file_from), so the file is never whole in memory.
Body = bytes | Iterator[bytes]

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


def create_file(target: str, data: bytes) -> None:
    """Write a new file in staging. os.open skips the buffered file object that open() builds,
    a quarter of the cost of a small page on tmpfs; a large site writes hundreds of thousands."""
    descriptor = _open_new(target)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def create_file_from(target: str, pieces: Iterable[bytes]) -> str:
    """Write a new file from its bytes a piece at a time, so a large one (the comparisons
    export: 40 MB at 100,000 comparisons) is never whole in memory; its content_hash."""
    digest = hashlib.sha256()
    descriptor = _open_new(target)
    try:
        for piece in pieces:
            digest.update(piece)
            _write_all(descriptor, piece)
    finally:
        os.close(descriptor)
    return _shown(digest)  # the same as content_hash of them joined


def _open_new(target: str) -> int:
    try:
        return os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:  # never shared with the live site: replace, don't truncate
        os.unlink(target)
        return os.open(target, _NEW_FILE, 0o666)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
