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
from pathlib import Path
from stat import S_ISREG

from nicepick import stamps
from nicepick.config import SiteConfig
from nicepick.folderswap import leftovers_beside
from nicepick.incremental.signature import input_signature
from nicepick.manifest import UNKNOWN, Manifest, folder_identity, read_head, read_manifest
from nicepick.outputguard import check_output
from nicepick.parallel import Parallel
from nicepick.stamps import Stamp, pack, stamp_of
from nicepick.writer import BuildReport


def all_intact(output: Path, manifest: Manifest, paths: Iterable[str] | None = None) -> bool:
    """Every file the last build wrote (or those of `paths`) is still there as it was left: a
    page deleted, edited or replaced (by a folder, a link…) by hand since is rebuilt.

    One lstat per file, relative to the open output folder (a third cheaper than by full
    path), compared with the stamp recorded when it was written (stamps.stamp_of, inlined): at
    200,000 files this check is a third of a no-op build.
    """
    listed = manifest.files if paths is None else paths
    # os.lstat is os.stat without following links: it takes dir_fd wherever os.stat does,
    # though only os.stat is listed in supports_dir_fd.
    if os.stat not in os.supports_dir_fd:  # pragma: no cover - not on Linux or macOS
        root = str(output) + os.sep
        for path in listed:
            stamp = stamp_of_path(root + path)
            if stamp is None or stamp != manifest.stamps.get(path):
                return False
        return True
    try:
        folder = os.open(output, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    lstat, recorded = os.lstat, manifest.stamps
    try:
        for path in listed:
            try:
                status = lstat(path, dir_fd=folder)
            except OSError:
                return False
            if recorded.get(path) != pack(
                status.st_size, status.st_mtime_ns, status.st_ino
            ) or not S_ISREG(status.st_mode):
                return False
        return True
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


# The forked process's share of the files; this process checks the rest once it has signed
# the inputs, which takes it about as long as a stat of this share of the files (measured at
# 10,000 comparisons: signing 0.07 s, the whole check 0.09 s in the forked process).
ASIDE_SHARE = 0.75


def _all_intact_aside(
    output: Path, manifest: Manifest, workers: Parallel | None
) -> Callable[[], bool]:
    """all_intact, mostly answered by a forked process while this one signs the inputs.

    Both are a syscall per file (200,000 and 100,000 at 100,000 comparisons), and together
    they are most of a no-op build; the second core takes the larger part of the check, and
    this process the rest after signing. Threads do not help: the GIL changes hands at every
    call. Without workers, the answer comes later, here.
    """
    if workers is None or not manifest.files:
        return lambda: all_intact(output, manifest)
    paths = list(manifest.files)
    cut = int(len(paths) * ASIDE_SHARE)
    aside = workers.aside(lambda: all_intact(output, manifest, paths[:cut]))

    def answer() -> bool:
        here = all_intact(output, manifest, paths[cut:])
        return aside() and here

    return answer


def assess(config: SiteConfig, force: bool = False, workers: Parallel | None = None) -> Assessment:
    """Read the manifest and sign the inputs once; report zero writes if nothing changed.
    An output the build would refuse is refused here already, before it can look current.

    When the record's first line and the kept stamps agree on the list of files (the same
    listing, and the record names this very folder), the list comes from the stamps and the
    record's 30 MB of per-file digests are parsed only if the build goes ahead."""
    started = time.perf_counter()
    output = config.output
    kept, listing = stamps.load(output)
    head = read_head(output)
    quick = bool(listing) and head is not None and head.get("listing") == listing
    previous: Manifest | None
    recorded: Manifest | None
    if quick and head is not None and head.get("folder") == _identity(output):
        previous, recorded = None, Manifest(dict.fromkeys(kept, UNKNOWN), head.get("inputs", ""))
    else:
        previous = recorded = read_manifest(output)
        if previous is not None:
            previous.stamps = kept
    check_output(output, config.source, force, ours=recorded is not None)
    if recorded is not None:
        recorded.stamps = kept
    present = _all_intact_aside(output, recorded, workers) if recorded is not None else None
    walked: list[str] = []
    inputs = input_signature(config, walked)
    report = None
    intact = present() if present is not None else False  # collects the forked process too
    left = leftovers_beside(output)
    if recorded is not None and intact and inputs and recorded.inputs == inputs and not left:
        files = len(recorded.files)
        report = BuildReport(files, 0, files, 0, time.perf_counter() - started, output)
    elif previous is None and recorded is not None:  # the build goes ahead: it needs them all
        previous = read_manifest(output)
        if previous is not None:
            previous.stamps = kept
    return Assessment(previous, inputs, report, intact and not left, walked)


def _identity(folder: Path) -> str | None:
    try:
        return folder_identity(folder)
    except OSError:
        return None
