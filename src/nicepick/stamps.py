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
import itertools
import os
import pickle
import stat
import struct
from pathlib import Path

from nicepick import __version__
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.manifest import replaced
from nicepick.regular import resolved

_FORMAT = 4
# Size, mtime_ns and inode packed in 24 bytes: a build keeps one per file (306,612 at 100,000
# comparisons), and as a tuple of three ints each cost 150 bytes more.
Stamp = bytes
_PACKED = struct.Struct("<QqQ")
pack = _PACKED.pack


def size_of(stamp: Stamp) -> int:
    """The size of the file a stamp describes."""
    return int(_PACKED.unpack(stamp)[0])


def stamp_of(status: os.stat_result) -> Stamp | None:
    """Size, modification time and inode of a regular file; None for anything else.

    A file nicepick wrote is never touched again by nicepick (unchanged pages are hard links
    to it), so a different stamp means someone else changed, replaced or removed it. Not the
    ctime: linking a file changes it.
    """
    if not stat.S_ISREG(status.st_mode):
        return None
    return pack(status.st_size, status.st_mtime_ns, status.st_ino)


def _file_of(output: Path) -> Path:
    where = hashlib.blake2b(
        str(resolved(output)).encode("utf-8", "surrogateescape"), digest_size=10
    ).hexdigest()
    return cache_folder() / f"stamps-{where}.pickle"


def load(output: Path) -> tuple[dict[str, Stamp], str]:
    """The stamps the last build into `output` recorded, and the listing of its record they
    were saved with (Manifest.listing); empty when there are none, or not all of them."""
    stamps: dict[str, Stamp] = {}
    try:
        with open(_file_of(output), "rb") as handle:
            key, listing, count = pickle.load(handle)
            if key != (_FORMAT, __version__) or not isinstance(listing, str):
                return {}, ""
            while (part := pickle.load(handle)) is not None:
                stamps.update(part)
    except (*UNREADABLE, TypeError):
        return {}, ""
    return (stamps, listing) if len(stamps) == count else ({}, "")


def save(output: Path, stamps: dict[str, Stamp], listing: str = "") -> None:
    """Keep the stamps of a build just committed; a cache that cannot be written only costs
    the next build some reading.

    Pickled a part at a time: one pickle of every stamp remembered each of its 600,000
    objects at once (25 MiB at the end of a build of 100,000 comparisons)."""
    try:
        target = _file_of(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        with replaced(target) as handle:
            pickle.dump(((_FORMAT, __version__), listing, len(stamps)), handle)
            items = iter(stamps.items())
            while part := dict(itertools.islice(items, _PART)):
                pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, handle)
    except (OSError, pickle.PicklingError):
        pass


_PART = 8192  # stamps pickled at a time
