"""Checked comparison files kept between builds, so a rebuild reads only the files that changed.

Without it every `build` parses and checks every comparison file again, which was a fifth of
a one-edit rebuild of a large site. Each comparison that passed its checks is kept with its
file's size and modification time, under a key of nicepick's version and everything a
comparison's references resolve against (technique slugs, aliases and names, and which
technique files are broken). While the key and a file's size and mtime hold, the file gives
the same comparison, so it is taken from here instead of being read. A file with problems is
never kept: its messages are given afresh on every build.

One file per site folder, in the user's cache folder (cachefolder.py): nothing is added to the
site or to the published output. The cache only ever saves time, so one that cannot be read or
written is passed over without a word; `build --clean` neither reads nor keeps it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import fields
from operator import attrgetter
from pathlib import Path

from nicepick import __version__
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.manifest import replaced
from nicepick.models import Comparison
from nicepick.regular import resolved

# The stored fields are positional: any change to the model's fields is a new format.
_FORMAT = "comparisons-" + ",".join(f.name for f in fields(Comparison))
_FIELDS = attrgetter(*(f.name for f in fields(Comparison)))  # a comparison's fields, in order

# (size, mtime_ns, the comparison's fields) by the file's path as shown in messages
Entries = dict[str, tuple[int, int, tuple[object, ...]]]


def _file_of(source: Path) -> Path:
    site = hashlib.blake2b(
        str(resolved(source)).encode("utf-8", "surrogateescape"), digest_size=10
    ).hexdigest()
    return cache_folder() / f"comparisons-{site}.pickle"


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


class ComparisonCache:
    """The kept comparisons of one site, valid for one resolver key; the class itself is the
    `reuse.Keeper` that `build` hands to loading."""

    def __init__(self, source: Path, key: str) -> None:
        self.file = _file_of(source)
        self.key = f"{_FORMAT}\0{__version__}\0{key}"
        self.entries: Entries = {}
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._hits = 0
        try:
            with open(self.file, "rb") as handle:
                stored_key, entries = pickle.load(handle)
            if stored_key == self.key and isinstance(entries, dict):
                self.entries = entries
        except UNREADABLE:
            pass  # no cache yet, or an unreadable one: every file is read

    def get(self, path: Path, shown: str) -> Comparison | None:
        """The comparison kept for this file, if the file is unchanged since."""
        stamp = self._stamps[shown] = _stamp(path)
        hit = self.entries.get(shown)
        if hit is None or stamp is None or (hit[0], hit[1]) != stamp:
            return None
        try:
            comparison = Comparison(*hit[2])  # type: ignore[arg-type]
        except TypeError:
            return None
        self._hits += 1
        return comparison

    def save(self, kept: dict[str, Comparison | None]) -> None:
        """Keep these checked comparisons (None: the file had problems) and nothing else;
        written only when that differs from what was read."""
        entries: Entries = {}
        for shown, comparison in kept.items():
            stamp = self._stamps.get(shown)
            if comparison is None or stamp is None:
                continue
            old = self.entries.get(shown)
            entries[shown] = (
                old
                if old is not None and (old[0], old[1]) == stamp
                else (*stamp, _FIELDS(comparison))
            )
        if self._hits == len(entries) == len(self.entries):
            return  # every entry was read from the cache and is kept as it was
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with replaced(self.file) as handle:  # pickled as it is written
                pickle.dump((self.key, entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, pickle.PicklingError, TypeError):
            pass  # kept for next time where it can be; a rebuild just reads every file
