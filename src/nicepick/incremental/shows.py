"""What each kind of page shows, as the parts of its digest: an incremental build renders a
page only when its digest changed, and keeps the file of the last build otherwise.

`SHOWS` is the one list of what invalidates what: for each kind of plan (`Plan.kind`), the
inputs its file is made from. Every digest also covers the site's settings and the kind
itself (fingerprints.Fingerprints.of). A page kind missing here is a build error in the
tests, never a page that silently stops updating; an input missing from a kind's entry is
one (tests/test_incremental.py edits each input and compares with a clean build).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from nicepick import cardplans
from nicepick.incremental.digests import Part
from nicepick.listpages import category_days, category_lastmods, home_cards
from nicepick.models import Comparison
from nicepick.pages import ComparisonGroup
from nicepick.ranking import Ranking
from nicepick.techniquepages import technique_crumbs

if TYPE_CHECKING:
    from nicepick.incremental.fingerprints import Fingerprints


def _comparison(f: Fingerprints, c: Comparison) -> tuple[Part, ...]:
    """Its own parts, then what it shows of each side: serve's `affected` (affected.py)
    reads the same two."""
    outcome = f.d.outcomes[c]
    return (
        f.comparison(c),  # its file, and who won
        f.dated(c),
        cardplans.image(f.d, f.d.paths[c]),
        f.side(outcome.pick),
        f.side(outcome.other),
    )


def _technique(f: Fingerprints, slug: str) -> tuple[Part, ...]:
    d = f.d
    return (
        f.technique(slug),
        f.card(slug),
        f.listed(slug),
        f.ranked(slug),
        f.facts(slug),
        repr(technique_crumbs(d, slug)),
        str(d.technique_dates[slug]),
        cardplans.image(d, d.technique_paths[slug]),
    )


def _ranking(f: Fingerprints, ranking: Ranking) -> tuple[Part, ...]:
    members = ranking.entries
    return (
        repr(ranking),
        (f.card(s) for s in members),
        (f.listed(s) for s in members),
        f.d.facts.column_signature(members),
    )


def _home(f: Fingerprints, _: None) -> tuple[Part, ...]:
    newest, top = home_cards(f.d)
    return (f.listing(), repr(newest), repr(top))


def _category(f: Fingerprints, page: tuple[ComparisonGroup, int, int, str]) -> tuple[Part, ...]:
    group, number, _, _ = page
    key = group.slug, number
    return (
        f.group(group),
        f.d.categories_in_sentence.get(group.slug, ""),
        str(number),
        str(category_lastmods(f.d)[key]),
        category_days(f.d)[key],
    )


def _finder_index(f: Fingerprints, _: None) -> tuple[Part, ...]:
    techniques = f.d.catalog.techniques.values()
    return (repr([(t.slug, t.name, t.alias_names) for t in techniques]),)


def _comparisons(f: Fingerprints, _: None) -> tuple[Part, ...]:
    """Every comparison, its outcome, its dates: serve keeps it while both are the same.
    One digest over them all, not one per comparison first (`Fingerprints.comparison`):
    5 µs a comparison, against 2 µs, for the one page that lists every comparison."""
    found = f.by_dates.get("comparisons")
    if found is None:
        outcomes, own, dated = f.d.outcomes, f.own, f.dated
        h = hashlib.blake2b(digest_size=12)
        for c in f.d.catalog.comparisons:
            o = outcomes[c]
            h.update(own(c))
            h.update(f"\0{o.pick}\0{o.other}\0{o.decided_by}\0{dated(c)}\0".encode())
        found = f.by_dates["comparisons"] = h.digest()
    return (found,)


def _techniques(f: Fingerprints, _: None) -> tuple[Part, ...]:
    """Every technique with its wins and losses."""
    d = f.d
    records = repr([(slug, r.wins, r.losses, r.pairings) for slug, r in d.records.items()])
    return ((f.technique(slug) for slug in d.catalog.techniques), records)


# The one list: for each kind of plan, what its file shows besides the settings.
SHOWS: Mapping[str, Callable[[Fingerprints, Any], tuple[Part, ...]]] = {
    "home": _home,
    "comparison": _comparison,
    "redirect": lambda f, target: (target,),
    "technique": _technique,
    "ranking": _ranking,
    "rankings": lambda f, _: (repr(f.d.rankings),),
    "tag": lambda f, page: (
        f.d.tag_labels[page[0]],
        f.d.tag_labels_in_sentence[page[0]],
        (f.card(s) for s in page[1]),
    ),
    "category": _category,
    "404": lambda f, _: (),
    "techniques-export": _techniques,
    "comparisons-export": _comparisons,
    "finder-index": _finder_index,
    "finder-pairs": lambda f, slug: (f.listed(slug),),
    "site-card": lambda f, _: (f.d.config.title, f.d.config.description),
    "comparison-card": lambda f, c: cardplans.comparison_texts(f.d, c),
    "technique-card": lambda f, slug: cardplans.technique_texts(f.d, slug),
    # The feed's entries and the sitemaps' addresses are their subjects.
    "feed": lambda f, entries: (repr(entries),),
    "feed-style": lambda f, _: (),
    "sitemap": lambda f, chunk: (f.addresses(chunk),),
    "sitemap-index": lambda f, names: (repr(names),),
    "robots": lambda f, _: (),
}


# Pages that show their subject and the standings alone: with both and the settings the
# same, so are their digests (serve keeps them: 0.3 s of a save at 100,000 comparisons).
STANDINGS_ONLY = frozenset({"redirect", "comparison-card", "technique-card", "finder-pairs"})
