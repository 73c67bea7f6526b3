"""Checked content files kept between builds, so a rebuild reads only the files that changed.

Without it every `build` parses and checks every comparison file again, which was a fifth of
a one-edit rebuild of a large site; and every technique file, a quarter of one at 10,000
comparisons. Each file that passed its checks is kept with its size and modification time,
under a key of nicepick's version, the model's fields and, for comparisons, everything their
references resolve against (technique slugs, aliases and names, and which technique files are
broken). While the key and a file's size and mtime hold, the file gives the same model, so it
is taken from here instead of being read. A file with problems is never kept: its messages
are given afresh on every build.

One file per site folder and kind, in the user's cache folder (cachefolder.py): nothing is
added to the site or to the published output. The cache only ever saves time, so one that
cannot be read or written is passed over without a word; `build --clean` neither reads nor
keeps it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import weakref
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, TypeVar

from nicepick import __version__
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.incremental.digests import digest
from nicepick.incremental.signature import content_stamps, odd_names
from nicepick.manifest import replaced
from nicepick.models import Comparison, Technique
from nicepick.parallel import Aside, Parallel
from nicepick.regular import resolved
from nicepick.sitefiles import SiteFiles, from_walk

# The stored fields are positional: any change to a model's fields is a new format.
_FORMAT = "comparisons-" + ",".join(f.name for f in fields(Comparison)) + "+digest"
_TECHNIQUE_FORMAT = "techniques-" + ",".join(f.name for f in fields(Technique)) + "+digest"

M = TypeVar("M", Comparison, Technique)

# From this many entries (a 26 MB file at 100,000 comparisons: 1.2-1.7 s to pickle and
# write) the file is written by a forked process while the build goes on to date and plan
# the site, which leaves the second core idle. Below it, forking costs more than it saves.
WRITTEN_ASIDE_FROM = 5000

# (size, mtime_ns, the model's fields, the digest of its repr) by the file's path as shown
# in messages
Entries = dict[str, tuple[int, int, tuple[Any, ...], bytes]]


def _file_of(source: Path, kind: str) -> Path:
    site = hashlib.blake2b(
        str(resolved(source)).encode("utf-8", "surrogateescape"), digest_size=10
    ).hexdigest()
    return cache_folder() / f"{kind}-{site}.pickle"


def _stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


class _Kept(Generic[M]):
    """The kept models of one kind for one site, valid for one key (reuse.KeptFiles)."""

    def __init__(
        self,
        file: Path,
        key: str,
        model: type[M],
        known: dict[str, tuple[int, int]],
        aside: Callable[[Callable[[], None]], Aside[None]] | None = None,
    ) -> None:
        self.file = file
        # Where a large file is written while the build goes on (Parallel.aside), and the
        # waits for what was written there.
        self.aside = aside
        self.waits: list[Callable[[], None]] = []
        self.known = known  # files' stamps as the up-to-date check just saw them
        self.key = key
        self.model: type[M] = model
        self.fields_of: Callable[[M], tuple[Any, ...]] = attrgetter(
            *(f.name for f in fields(model))
        )
        self.entries: Entries = {}
        # Each kept or checked model's digest (fingerprints.Fingerprints.comparison's own),
        # by the model, for models that equal only themselves (comparisons): kept with the
        # file, it costs a repr only when the file is read.
        self.digests: dict[M, bytes] = {}
        self._by_identity = model.__hash__ is object.__hash__
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._hits = 0
        try:
            with open(self.file, "rb") as handle:
                stored_key, entries = pickle.load(handle)
            if stored_key == self.key and isinstance(entries, dict):
                self.entries = entries
        except UNREADABLE:
            pass  # no cache yet, or an unreadable one: every file is read

    def get(self, path: Path | str, shown: str) -> M | None:
        """The model kept for this file, if the file is unchanged since."""
        stamp = self._stamps[shown] = self.known.get(shown) or _stamp(path)
        hit = self.entries.get(shown)
        if hit is None or stamp is None or (hit[0], hit[1]) != stamp:
            return None
        try:
            found: M = self.model(*hit[2])
        except TypeError:
            return None
        self._hits += 1
        if self._by_identity:
            self.digests[found] = hit[3]
        return found

    def save(self, kept: dict[str, M | None]) -> None:
        """Keep these checked models (None: the file had problems) and nothing else;
        written only when that differs from what was read."""
        if self._hits == len(kept) == len(self.entries):
            # Every file was kept as read, and no other: the entries stand as they are. The
            # loop below would only find so after 100,000 lookups (0.2 s).
            return
        entries: dict[str, tuple[int, int, Any, bytes]] = {}
        for shown, checked in kept.items():
            stamp = self._stamps.get(shown)
            if checked is None or stamp is None:
                continue
            old = self.entries.get(shown)
            if old is not None and (old[0], old[1]) == stamp:
                entries[shown] = old
                continue
            size, mtime = stamp
            own = digest(repr(checked))
            if self._by_identity:
                self.digests[checked] = own
            # The model itself: made into its fields where the file is written.
            entries[shown] = (size, mtime, checked, own)
        if self._hits == len(entries) == len(self.entries):
            return  # every entry was read from the cache and is kept as it was
        if self.aside is not None and len(entries) >= WRITTEN_ASIDE_FROM:
            self.waits.append(self.aside(partial(self._write, entries)).result)
        else:
            self._write(entries)

    def _write(self, entries: dict[str, tuple[int, int, Any, bytes]]) -> None:
        fields_of = self.fields_of
        stored: Entries = {}
        for shown, (size, mtime, model, own) in entries.items():
            stored[shown] = (
                size,
                mtime,
                model if isinstance(model, tuple) else fields_of(model),
                own,
            )
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with replaced(self.file) as handle:  # pickled as it is written
                pickle.dump((self.key, stored), handle, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, pickle.PicklingError, TypeError):
            pass  # kept for next time where it can be; a rebuild just reads every file


class OnDisk:
    """The `reuse.Keeper` that `build` hands to loading: kept files in the cache folder.

    `walked`: the lines of the walk the up-to-date check made moments before
    (signature.input_signature). Content files are compared by the size and mtime it saw;
    a file it did not see is stat-ed. A file edited in between is kept under the older stamp
    and read again by the next build, whose signature differs: the output is never newer
    than its record says. `workers`: where a large kept file is written while the build
    goes on; `wait` for it before the build ends (a build stopped earlier waits for it when
    this is dropped)."""

    def __init__(self, walked: list[str] | None = None, workers: Parallel | None = None) -> None:
        self.walked = walked or []
        self._known: dict[str, tuple[int, int]] | None = None
        self.kept_comparisons: _Kept[Comparison] | None = None
        self._aside = workers.aside if workers is not None else None
        self._waits: list[Callable[[], None]] = []
        weakref.finalize(self, _wait_all, self._waits)

    def wait(self) -> None:
        """Until every kept file written aside is written."""
        _wait_all(self._waits)

    def stamps(self, source: Path) -> dict[str, tuple[int, int]]:
        if self._known is None:
            self._known = content_stamps(self.walked, source)
        return self._known

    def techniques(self, source: Path) -> _Kept[Technique]:
        key = f"{_TECHNIQUE_FORMAT}\0{__version__}"
        file = _file_of(source, "techniques")
        return self._kept(_Kept(file, key, Technique, self.stamps(source), self._aside))

    def comparisons(self, source: Path, key: str) -> _Kept[Comparison]:
        full_key = f"{_FORMAT}\0{__version__}\0{key}"
        file = _file_of(source, "comparisons")
        kept = _Kept(file, full_key, Comparison, self.stamps(source), self._aside)
        self.kept_comparisons = self._kept(kept)
        return kept

    def _kept(self, kept: _Kept[M]) -> _Kept[M]:
        kept.waits = self._waits  # one list: `wait` waits for every kind
        return kept

    def listing(self, source: Path) -> SiteFiles | None:
        if not self.walked:
            return None  # the walk could not vouch for the inputs (a link, a folder unread)
        if odd_names(self.walked, source):
            return None  # listing the files says what is wrong with the name
        return from_walk(source, self.stamps(source))  # the stamps' keys: made once

    def digests(self) -> dict[Comparison, bytes]:
        """The digest of each comparison loading took from, or left in, the kept files."""
        return self.kept_comparisons.digests if self.kept_comparisons is not None else {}


def _wait_all(waits: list[Callable[[], None]]) -> None:
    while waits:
        waits.pop()()
