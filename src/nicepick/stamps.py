"""Where each generated file was left: its size, modification time and inode, kept between
builds in the user's cache folder, so a build notices a page changed, replaced or removed by
hand without reading it.

Not in the output's manifest: that is published with the site and must come out the same,
byte for byte, from the same inputs, while inodes and mtimes differ on every machine. A stamp
only ever vouches for a file that still matches it exactly; a missing or stale record costs
one build that compares files by their bytes instead.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

from nicepick import __version__
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.manifest import replace_file
from nicepick.regular import resolved

_FORMAT = 3
Stamp = tuple[int, int, int]  # size, mtime_ns, inode


def stamp_of(status: os.stat_result) -> Stamp | None:
    """Size, modification time and inode of a regular file; None for anything else.

    A file nicepick wrote is never touched again by nicepick (unchanged pages are hard links
    to it), so a different stamp means someone else changed, replaced or removed it. Not the
    ctime: linking a file changes it.
    """
    if not stat.S_ISREG(status.st_mode):
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def _file_of(output: Path) -> Path:
    where = hashlib.blake2b(
        str(resolved(output)).encode("utf-8", "surrogateescape"), digest_size=10
    ).hexdigest()
    return cache_folder() / f"stamps-{where}.pickle"


def load(output: Path) -> tuple[dict[str, Stamp], str]:
    """The stamps the last build into `output` recorded, and the listing of its record they
    were saved with (Manifest.listing); empty when there are none."""
    try:
        with open(_file_of(output), "rb") as handle:
            key, stamps, listing = pickle.load(handle)
    except UNREADABLE:
        return {}, ""
    if key != (_FORMAT, __version__) or not isinstance(stamps, dict):
        return {}, ""
    return stamps, listing if isinstance(listing, str) else ""


def save(output: Path, stamps: dict[str, Stamp], listing: str = "") -> None:
    """Keep the stamps of a build just committed; a cache that cannot be written only costs
    the next build some reading."""
    try:
        target = _file_of(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        kept = ((_FORMAT, __version__), stamps, listing)
        replace_file(target, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass
