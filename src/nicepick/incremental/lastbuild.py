"""What a one-off build keeps of the one before it, so that an edit renders only what it reaches.

serve finds the comparisons a save can have changed (affected.py) by comparing what it holds in
memory with its last build. A one-off `nicepick build` held nothing: to find the hundred pages
an edit to one technique changed, it digested all 300,000 pages made per comparison at
100,000 comparisons (7 s of a 21 s build). What that decision needs fits in a small file:
a digest of the settings, one of what the standings read, each comparison's own digest and
dates, each technique's card and facts, and which files were not made per comparison. It is
saved in the cache folder once a build has committed, with the stamp of the record it
committed; a later build trusts it only while that record is still the one beside the
output, untouched, so a killed or failed build in between never passes another build's
pages off as current.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from nicepick import __version__, urls
from nicepick.cachefolder import UNREADABLE, cache_folder
from nicepick.derived import Derived
from nicepick.incremental.affected import PER_COMPARISON
from nicepick.incremental.digests import digest, fingerprint
from nicepick.incremental.fingerprints import Fingerprints
from nicepick.manifest import manifest_file, replaced
from nicepick.models import Comparison
from nicepick.planlist import Made, PlanList
from nicepick.regular import resolved
from nicepick.stamps import Stamp, stamp_of


@dataclass(frozen=True)
class Summary:
    """What the pages made per comparison were made from, as digests; see the module."""

    base: bytes  # the settings and the assets' published names (Fingerprints.base)
    standings: bytes  # what the standings read (Fingerprints.standings)
    own: bytes  # each comparison's own digest, in the catalog's order, end to end
    sides: dict[str, bytes]  # each technique's card and facts, by slug
    dates: str  # each comparison's dates, in the catalog's order, a line each
    others: frozenset[str]  # the files not made per comparison, static ones included
    # What the standings alone decide: each technique's list of comparisons and each
    # group's, by slug (Fingerprints.listed and .group).
    lists: dict[str, bytes]
    groups: dict[str, bytes]


# Any change to the summary's fields is a new format: a summary pickled with other fields
# unpickles into this class without them.
_FORMAT = "summary-" + ",".join(f.name for f in fields(Summary))


def own_digests(
    comparisons: Iterable[Comparison], known: Mapping[Comparison, bytes]
) -> dict[Comparison, bytes]:
    """Each comparison's own digest (Fingerprints.comparison takes them as `earlier`): kept
    with its file where it was kept (kept.py), else from its repr, 10 µs each."""
    return {c: known.get(c) or digest(repr(c)) for c in comparisons}


def summary_of(
    f: Fingerprints,
    own: dict[Comparison, bytes],
    plans: PlanList,
    static: list[str],
    then: Summary | None,
) -> Summary:
    """This build's summary. What the standings alone decide is taken from `then` while they
    are the same: the lists every technique page and card digests, 0.3 s at 100,000
    comparisons, made here once rather than in each process."""
    d = f.d
    standings = f.standings()
    if then is not None and then.standings == standings:
        f.carry(then.lists, then.groups)
    return Summary(
        f.base,
        standings,
        b"".join(own.values()),
        _sides(f),
        "\n".join(_dates(f)),
        others_of(plans, static),
        {slug: f.listed(slug) for slug in d.catalog.techniques},
        {group.slug: f.group(group) for group in d.comparison_groups()},
    )


def others_of(plans: PlanList, static: Iterable[str]) -> frozenset[str]:
    """The files of a build that are not made one per comparison: a few per technique, the
    lists, the sitemaps, the static files."""
    found = set(static)
    for part in plans.parts:
        if isinstance(part, Made):
            if part.kind not in PER_COMPARISON:
                found.update(map(urls.output_file, part.paths()))
        else:
            found.update(urls.output_file(plan.path) for plan in part)
    return frozenset(found)


def changed(f: Fingerprints, now: Summary, then: Summary) -> set[Comparison] | None:
    """The comparisons whose pages may differ from those `then`'s build made, as serve's
    `affected` finds them, from digests kept on disk; None when any may."""
    if (now.base, now.standings, len(now.own)) != (then.base, then.standings, len(then.own)):
        return None
    by_position: list[tuple[Sequence[object], Sequence[object]]] = []
    if now.own != then.own:
        by_position.append((_split(now.own), _split(then.own)))
    if now.dates != then.dates:
        by_position.append((now.dates.split("\n"), then.dates.split("\n")))
    return _reached(f.d, (now.sides, then.sides), *by_position)


_SIZE = len(digest(""))


def _split(joined: bytes) -> list[bytes]:
    return [joined[start : start + _SIZE] for start in range(0, len(joined), _SIZE)]


def between(now: Fingerprints, then: Fingerprints) -> set[Comparison] | None:
    """`changed`, for serve, between two builds in memory whose standings are other objects
    but read the same (a comparison file was saved): affected.affected asks for the very
    same standings. Each side's own digests come from what serve kept (`then.kept`), so only
    the saved comparison is digested from its repr; they become `now`'s kept digests."""
    if now.base != then.base or now.standings() != then.standings():
        return None
    own = own_digests(now.d.catalog.comparisons, now.earlier)
    before = own_digests(then.d.catalog.comparisons, now.earlier)
    if now.kept is not None:
        now.kept = own
    now.carry(then.lists_made(), then.groups_made())
    return _reached(
        now.d,
        (_sides(now), _sides(then)),
        (list(own.values()), list(before.values())),
        (_dates(now), _dates(then)),
    )


def _sides(f: Fingerprints) -> dict[str, bytes]:
    """What a comparison's page shows of each technique besides its lists: card and facts."""
    return {slug: fingerprint(f.card(slug), f.facts(slug)) for slug in f.d.catalog.techniques}


def _dates(f: Fingerprints) -> list[str]:
    return [f.dated(c) for c in f.d.catalog.comparisons]


def _reached(
    d: Derived,
    sides: tuple[dict[str, bytes], dict[str, bytes]],
    *by_position: tuple[Sequence[object], Sequence[object]],
) -> set[Comparison]:
    """With the same standings, the comparisons are the same pairs in the same order with
    the same outcomes, addresses and lists: what is left to differ is a comparison's own file
    or its dates (`by_position`, now and then), and a technique's card or facts (`sides`)."""
    found: set[Comparison] = set()
    for slug, side in sides[0].items():
        if sides[1].get(slug) != side:
            found.update(d.by_path[matchup.path] for matchup in d.matchups(slug))
    every = d.catalog.comparisons
    for mine, theirs in by_position:
        if mine != theirs:
            found.update(c for c, a, b in zip(every, mine, theirs, strict=True) if a != b)
    return found


def only(plans: PlanList, changed: set[Comparison]) -> PlanList:
    """`plans` with only the `changed` comparisons' pages among those made per comparison."""
    return PlanList(
        part.only([s for s in part.subjects if s in changed])
        if isinstance(part, Made) and part.kind in PER_COMPARISON
        else part
        for part in plans.parts
    )


def _file_of(output: Path) -> Path:
    from hashlib import blake2b

    where = blake2b(str(resolved(output)).encode("utf-8", "surrogateescape"), digest_size=10)
    return cache_folder() / f"lastbuild-{where.hexdigest()}.pickle"


def _record_stamp(output: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(manifest_file(output)))
    except OSError:
        return None


def load(output: Path) -> Summary | None:
    """The summary saved with the record now beside `output`; None for any other record."""
    record = _record_stamp(output)
    if record is None:
        return None
    try:
        with open(_file_of(output), "rb") as handle:
            key, summary = pickle.load(handle)
    except (*UNREADABLE, TypeError):
        return None
    if key != (_FORMAT, __version__, record) or not isinstance(summary, Summary):
        return None
    return summary


def save(output: Path, summary: Summary) -> None:
    """Keep `summary` with the record just committed; a cache that cannot be written costs
    the next build only the digests of every page."""
    record = _record_stamp(output)
    if record is None:
        return
    try:
        target = _file_of(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        with replaced(target) as handle:
            pickle.dump(((_FORMAT, __version__, record), summary), handle, pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError):
        pass
