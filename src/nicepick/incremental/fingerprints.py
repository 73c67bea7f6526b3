"""What each kind of page shows, as a digest: an incremental build renders a page only when
its digest changed, and keeps the file of the last build otherwise.

`SHOWS` is the one list of what invalidates what: for each kind of plan (`Plan.kind`), the
inputs its file is made from. Every digest also covers the site's settings and the kind
itself. A page kind missing here is a build error in the tests, never a page that silently
stops updating; an input missing from a kind's entry is one (tests/test_incremental.py
edits each input and compares with a clean build).

Digests of single inputs (a technique's card, a comparison…) are computed once per build and
shared by every page that shows them. Each page is digested by the process that renders it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from nicepick import cardplans
from nicepick.derived import Derived
from nicepick.feeds import sitemap_entries
from nicepick.incremental.digests import Part, digest, digest_of, feed, fingerprint, matchups_text
from nicepick.listpages import category_lastmods, home_cards
from nicepick.models import Comparison
from nicepick.pages import ComparisonGroup, Plan
from nicepick.ranking import Ranking
from nicepick.regular import resolved
from nicepick.techniquepages import rankings_of, technique_crumbs
from nicepick.theme import Assets


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
        repr(f.rankings_of()[slug]),
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
    return (f.group(group), str(number), str(category_lastmods(f.d)[group.slug, number]))


def _finder_index(f: Fingerprints, _: None) -> tuple[Part, ...]:
    techniques = f.d.catalog.techniques.values()
    return (repr([(t.slug, t.name, t.alias_names) for t in techniques]),)


def _comparisons(f: Fingerprints, _: None) -> tuple[Part, ...]:
    """Every comparison, its outcome, its dates: serve keeps it while both are the same."""
    found = f.by_dates.get("comparisons")
    if found is None:
        every = f.d.catalog.comparisons
        dated = "\0".join([f.dated(c) for c in every])
        found = f.by_dates["comparisons"] = fingerprint((f.comparison(c) for c in every), dated)
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
    "tag": lambda f, page: (f.d.tag_labels[page[0]], (f.card(s) for s in page[1])),
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


class Fingerprints:
    """The digests of one build's pages. `earlier`: serve's last build, whose digests are kept
    while what they were made from is the same object: a comparison's by the comparison (a
    repr per comparison was a tenth of a rebuild at 10,000), those of lists and groups by the
    standings (standings.py), STANDINGS_ONLY pages' by the standings and the settings."""

    def __init__(
        self,
        d: Derived,
        assets: Assets,
        earlier: Fingerprints | None = None,
        remember: bool = False,
    ) -> None:
        self.d: Derived = d
        # Every setting but where the site is written (all reach some page), its folder however
        # named (`-s .`, `-s /abs/site`), and the published names of the theme's assets, which
        # every page links to: a site's own stylesheet, edited, is published under a new name.
        source = resolved(d.config.source)
        self.base = digest(repr((replace(d.config, output=Path(), source=source), assets)))
        self.earlier: Mapping[Comparison, bytes] = (earlier.kept if earlier else None) or {}
        # Each comparison's own digest, for the next build's `earlier` (serve remembers).
        self.kept: dict[Comparison, bytes] | None = {} if remember else None
        # One dict per input, looked up by the key alone: pages ask 300,000 times a build.
        self._cards: dict[str, bytes] = {}
        self._techniques: dict[str, bytes] = {}
        self._facts: dict[str, bytes] = {}
        self._sides: dict[str, bytes] = {}
        self._lists: dict[str, bytes] = {}
        self._comparisons: dict[Comparison, bytes] = {}
        self._groups: dict[str, bytes] = {}
        self._all: dict[str, bytes] = {}
        self.by_dates: dict[str, bytes] = {}  # of the standings and the dates alone
        # Whole pages' digests by kind and subject, kept by serve (`remember`).
        self._pages: dict[str, dict[Any, bytes]] | None = (
            {kind: {} for kind in STANDINGS_ONLY} if remember else None
        )
        if earlier is not None and earlier.d.standings is d.standings:
            self._lists, self._groups = earlier._lists, earlier._groups
            self._comparisons = earlier._comparisons
            if earlier.d.dates.comparisons is d.dates.comparisons:
                self.by_dates = earlier.by_dates
            if self.kept is not None and earlier.kept is not None:
                self.kept = earlier.kept
            if self._pages is not None and earlier._pages and earlier.base == self.base:
                self._pages = earlier._pages
        self._ranked: dict[str, list[Ranking]] | None = None
        self._days: dict[object, str] = {}  # a date, or a comparison's FileDates, as text
        self._started: dict[str, Any] = {}

    def of(self, plan: Plan) -> bytes:
        """The digest of everything `plan`'s file shows: the settings and the kind, hashed
        once per kind and copied, then what the kind's entry in SHOWS names."""
        kind = plan.kind
        if self._pages is not None and kind in STANDINGS_ONLY:
            pages = self._pages[kind]
            found = pages.get(plan.subject)
            if found is None:
                found = pages[plan.subject] = self._of(plan)
            return found
        return self._of(plan)

    def _of(self, plan: Plan) -> bytes:
        kind = plan.kind
        started = self._started.get(kind)
        if started is None:
            started = self._started[kind] = hashlib.blake2b(digest_size=12)
            feed(started, (self.base, kind))
        return digest_of(started.copy(), SHOWS[kind](self, plan.subject))

    def dated(self, c: Comparison) -> str:
        """When it was published and changed: most share a few days, each written once."""
        return self._day(self.d.dates.comparisons[c])

    def _day(self, dated: object) -> str:
        found = self._days.get(dated)
        if found is None:
            found = self._days[dated] = repr(dated)
        return found

    def addresses(self, chunk: Iterable[Plan]) -> str:
        """A sitemap's pages and their last changes (feeds.sitemap_entries)."""
        return "\0".join(f"{p}\0{self._day(when)}" for p, when in sitemap_entries(chunk))

    def side(self, slug: str) -> bytes:
        """What a comparison's page shows of one side: card, "more comparisons", facts."""
        found = self._sides.get(slug)
        if found is None:
            found = self._sides[slug] = fingerprint(
                self.card(slug), self.listed(slug), self.facts(slug)
            )
        return found

    def card(self, slug: str) -> bytes:
        found = self._cards.get(slug)
        if found is None:
            found = self._cards[slug] = digest(repr(self.d.cards[slug]))
        return found

    def technique(self, slug: str) -> bytes:
        found = self._techniques.get(slug)
        if found is None:
            found = self._techniques[slug] = digest(repr(self.d.catalog.techniques[slug]))
        return found

    def facts(self, slug: str) -> bytes:
        found = self._facts.get(slug)
        if found is None:
            found = self._facts[slug] = digest(self.d.facts.signature(slug))
        return found

    def listed(self, slug: str) -> bytes:
        """A technique's list of comparisons, as its pages and its opponents' pages show it."""
        found = self._lists.get(slug)
        if found is None:
            found = self._lists[slug] = digest(matchups_text(self.d.matchups(slug)))
        return found

    def comparison(self, c: Comparison) -> bytes:
        """A comparison's file, with who won."""
        found = self._comparisons.get(c)
        if found is None:
            own = self.earlier.get(c)
            if own is None:
                own = digest(repr(c))
            if self.kept is not None:
                self.kept[c] = own
            outcome = self.d.outcomes[c]
            found = fingerprint(own, outcome.pick, outcome.other, outcome.decided_by)
            self._comparisons[c] = found
        return found

    def group(self, group: ComparisonGroup) -> bytes:
        found = self._groups.get(group.slug)
        if found is None:
            text = matchups_text(group.comparisons)
            found = fingerprint(group.slug, group.label, group.path, text)
            self._groups[group.slug] = found
        return found

    def rankings_of(self) -> dict[str, list[Ranking]]:
        if self._ranked is None:
            self._ranked = rankings_of(self.d)
        return self._ranked

    def all_cards(self) -> bytes:
        """Every technique's card: what lists of techniques may show."""
        found = self._all.get("cards")
        if found is None:
            slugs = self.d.catalog.techniques
            found = self._all["cards"] = fingerprint(self.card(s) for s in slugs)
        return found

    def listing(self) -> bytes:
        """Every comparison as lists show it (title, pick, address) and every card: the home
        page's inputs. Unlike the whole catalog, this stays put when a comparison's verdict
        is edited, so a save in serve does not render the home page again."""
        found = self._all.get("listing")
        if found is None:
            groups = (self.group(g) for g in self.d.comparison_groups())
            rankings = str(len(self.d.rankings))
            found = self._all["listing"] = fingerprint(groups, self.all_cards(), rankings)
        return found
