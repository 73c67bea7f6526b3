"""Is the output already up to date? Answered without importing the renderer.

A build whose inputs (every content, template and static file by size and mtime, plus the
settings) match the manifest's signature, with every file it lists still there as it was left
(size, mtime and inode) and nothing left over by a killed build, has nothing to do. This check
is the whole of a no-op build, so it stays light: no Jinja, no Markdown, no YAML parsing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from stat import S_ISREG

from nicepick import stamps
from nicepick.config import SiteConfig
from nicepick.folderswap import leftovers_beside
from nicepick.incremental.signature import input_signature
from nicepick.manifest import Manifest, folder_identity, read_head, read_manifest
from nicepick.outputguard import check_output
from nicepick.parallel import Parallel
from nicepick.stamps import Kept, Stamp, pack, stamp_of
from nicepick.writer import BuildReport


def all_intact(output: Path, manifest: Manifest, paths: Iterable[str] | None = None) -> bool:
    """Every file the last build wrote (or those of `paths`) is still there as it was left: a
    page deleted, edited or replaced (by a folder, a link…) by hand since is rebuilt."""
    listed = list(manifest.files if paths is None else paths)
    now, recorded = stamps_now(output, listed), manifest.stamps
    return now is not None and all(
        stamp == recorded.get(path) for path, stamp in zip(listed, now, strict=True)
    )


def intact_in_order(output: Path, kept: Kept, start: int, stop: int) -> bool:
    """all_intact for kept.paths[start:stop], their stamps compared end to end at once."""
    now = stamps_now(output, kept.paths[start:stop])
    return now is not None and b"".join(now) == kept.stamps(start, stop)


def stamps_now(output: Path, paths: list[str]) -> list[Stamp] | None:
    """Each file's stamp as it stands; None once one is gone or not a regular file.

    One lstat per file, relative to the open output folder (a third cheaper than by full
    path); stamps.stamp_of, inlined. At 306,612 files, this check and the stat of every input
    are nearly all of a no-op build: about 3 µs a call here is the syscall's own cost."""
    # os.lstat is os.stat without following links: it takes dir_fd wherever os.stat does,
    # though only os.stat is listed in supports_dir_fd.
    if os.stat not in os.supports_dir_fd:  # pragma: no cover - not on Linux or macOS
        root = str(output) + os.sep
        found = [stamp_of_path(root + path) for path in paths]
        return None if None in found else found  # type: ignore[return-value]
    try:
        folder = os.open(output, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    lstat, now = os.lstat, []
    try:
        for path in paths:
            try:
                status = lstat(path, dir_fd=folder)
            except OSError:
                return None
            if not S_ISREG(status.st_mode):
                return None
            now.append(pack(status.st_size, status.st_mtime_ns, status.st_ino))
        return now
    finally:
        os.close(folder)


def stamp_of_path(path: str) -> Stamp | None:
    try:
        return stamp_of(os.lstat(path))
    except OSError:
        return None


@dataclass
class Assessment:
    """What the up-to-date check learned; a build that goes ahead reuses it."""

    previous: Manifest | None
    inputs: str
    report: BuildReport | None  # set when there is nothing to do
    intact: bool = False  # every file the last build wrote is still as it was left
    # The input signature's walk, 'path size mtime' a line (signature.content_stamps).
    walked: list[str] = field(default_factory=list)


CHECKED_AT_ONCE = 2048  # output files per number of Parallel.all_of


def _shared(
    intact: Callable[[int, int], bool], total: int, workers: Parallel | None
) -> Callable[[], bool]:
    """`intact(0, total)`, begun by a forked process while this one signs the inputs, which
    then joins in from the other end (Parallel.all_of).

    Both are a syscall per file (306,612 and 102,000 at 100,000 comparisons), and together
    they are most of a no-op build. A share fixed in advance left one process waiting on the
    other whenever the machine's speed moved. Threads do not help: the GIL changes hands at
    every call. Without workers, the answer comes later, here.
    """
    if workers is None:
        return lambda: intact(0, total)

    def part(number: int) -> bool:
        start = number * CHECKED_AT_ONCE
        return intact(start, min(start + CHECKED_AT_ONCE, total))

    return workers.all_of(part, -(-total // CHECKED_AT_ONCE))


def assess(config: SiteConfig, force: bool = False, workers: Parallel | None = None) -> Assessment:
    """Read the manifest and sign the inputs once; report zero writes if nothing changed.
    An output the build would refuse is refused here already, before it can look current.

    When the record's first line and the kept stamps agree on the list of files (the same
    listing, and the record names this very folder), the list comes from the stamps, and
    the record's 30 MB of per-file digests are parsed only if the build goes ahead."""
    started = time.perf_counter()
    output = config.output
    kept, head = stamps.load(output), read_head(output)
    quick = (
        kept is not None
        and bool(kept.listing)
        and head is not None
        and head.get("listing") == kept.listing
        and head.get("folder") == _identity(output)
    )
    previous = None if quick else read_manifest(output)
    if previous is not None:
        _take_stamps(previous, kept)
    check_output(output, config.source, force, ours=quick or previous is not None)
    present: Callable[[], bool] | None = None
    recorded, files = "", 0  # the inputs the last build was made from, and its file count
    if quick and kept is not None and head is not None:
        recorded, files = head.get("inputs", ""), len(kept.paths)
        present = _shared(partial(intact_in_order, output, kept), files, workers)
    elif previous is not None:
        recorded, listed = previous.inputs, list(previous.files)
        files, last = len(listed), previous
        present = _shared(lambda a, b: all_intact(output, last, listed[a:b]), files, workers)
    walked: list[str] = []
    inputs = input_signature(config, walked)
    changed = not inputs or recorded != inputs
    if changed and quick and kept is not None:
        # The build goes ahead, whatever the output check finds: the whole record is read
        # now, while the forked process goes on checking, which takes more of the files.
        previous = _whole_record(output, kept)
    report = None
    intact = present() if present is not None else False  # collects the forked process too
    left = leftovers_beside(output)
    if intact and not changed and not left:
        report = BuildReport(files, 0, files, 0, time.perf_counter() - started, output)
    elif quick and kept is not None and not changed:  # the output is not as it was left
        previous = _whole_record(output, kept)
    return Assessment(previous, inputs, report, intact and not left, walked)


def _whole_record(output: Path, kept: Kept) -> Manifest | None:
    """The record with every file's digest, and the kept stamps by path: what a build that
    goes ahead needs of the last one (0.5-0.8 s at 100,000 comparisons)."""
    previous = read_manifest(output)
    if previous is not None:
        _take_stamps(previous, kept)
    return previous


def _take_stamps(previous: Manifest, kept: Kept | None) -> None:
    """The kept stamps as the record's: its listing holds for both only when the stamps were
    saved with that same listing (the same list of files)."""
    previous.stamps = kept.by_path() if kept is not None else {}
    if kept is None or kept.listing != previous.known_listing:
        previous.known_listing = ""


def _identity(folder: Path) -> str | None:
    try:
        return folder_identity(folder)
    except OSError:
        return None
