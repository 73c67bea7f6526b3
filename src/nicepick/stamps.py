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
from dataclasses import dataclass
from pathlib import Path

from nicepick import __version__
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.manifest import replaced
from nicepick.regular import resolved

_FORMAT = 6
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


@dataclass(frozen=True)
class Kept:
    """The stamps as saved: the paths in order, and their stamps end to end in the same
    order. A no-op build compares each file's stamp with its place in `packed`, and never
    makes the dict of every stamp (0.2 s at 100,000 comparisons); a build that goes ahead
    asks for it (`by_path`)."""

    paths: list[str]
    packed: bytes
    listing: str  # the listing of the record they were saved with (Manifest.listing)

    def by_path(self) -> dict[str, Stamp]:
        packed, size = self.packed, _PACKED.size
        each = [packed[k : k + size] for k in range(0, len(packed), size)]
        return dict(zip(self.paths, each, strict=True))

    def stamps(self, start: int, stop: int) -> bytes:
        """The stamps of paths[start:stop], end to end."""
        return self.packed[start * _PACKED.size : stop * _PACKED.size]


def load(output: Path) -> Kept | None:
    """The stamps the last build into `output` recorded; None when there are none, or not
    all of them."""
    paths: list[str] = []
    packed: list[bytes] = []
    try:
        with open(_file_of(output), "rb") as handle:
            key, listing, count = pickle.load(handle)
            if key != (_FORMAT, __version__) or not isinstance(listing, str):
                return None
            while (run := pickle.load(handle)) is not None:
                joined, stamps = run
                paths.extend(joined.split("\0"))
                packed.append(stamps)
    except (*UNREADABLE, TypeError, ValueError, AttributeError):
        return None
    whole = b"".join(packed)
    if len(paths) != count or len(whole) != count * _PACKED.size:
        return None
    return Kept(paths, whole, listing)


def save(output: Path, stamps: dict[str, Stamp], listing: str = "") -> None:
    """Keep the stamps of a build just committed; a cache that cannot be written only costs
    the next build some reading.

    A run of paths at a time, joined by NUL (no path holds one), with their stamps end to
    end: a few dozen objects to read back, where a dict of 300,000 took 0.2 s to remake.
    All of them as one string held 30 MB more at the end of a build of 100,000 comparisons
    (the string, and its UTF-8 as pickle writes it)."""
    try:
        target = _file_of(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        with replaced(target) as handle:
            pickle.dump(((_FORMAT, __version__), listing, len(stamps)), handle)
            paths = iter(stamps)
            while run := list(itertools.islice(paths, _RUN)):
                joined, packed = "\0".join(run), b"".join([stamps[path] for path in run])
                pickle.dump((joined, packed), handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, handle)
    except (OSError, pickle.PicklingError):
        pass


_RUN = 8192  # paths saved at a time
