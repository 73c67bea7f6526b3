"""The digests of a build's pages (`Fingerprints.of`), from what each kind shows (shows.py).

Digests of single inputs (a technique's card, a comparison…) are computed once per build and
shared by every page that shows them. Each page is digested by the process that renders it;
serve keeps what still holds from its last build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from nicepick.derived import Derived
from nicepick.incremental.digests import digest, digest_of, feed, fingerprint, matchups_text
from nicepick.incremental.shows import SHOWS, STANDINGS_ONLY
from nicepick.models import Comparison
from nicepick.pages import ComparisonGroup, Plan
from nicepick.planlist import Made, dated_paths, pieces_of
from nicepick.ranking import Ranking
from nicepick.techniquepages import rankings_of
from nicepick.theme import Assets


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
        # Every setting (all reach some page) but the folders the site is read from and written
        # to, which reach none: a site folder moved or renamed, output and all, keeps its pages.
        # And the published names of the theme's assets, which every page links to: a site's
        # own stylesheet, edited, is published under a new name.
        self.base = digest(repr((replace(d.config, output=Path(), source=Path()), assets)))
        self.earlier: Mapping[Comparison, bytes] = (earlier.kept if earlier else None) or {}
        # Each comparison's own digest, for the next build's `earlier` (serve remembers).
        self.kept: dict[Comparison, bytes] | None = {} if remember else None
        self.kept_techniques: dict[str, tuple[object, bytes]] = (
            earlier.kept_techniques if earlier is not None and remember else {}
        )
        # Each card's digest, kept while serve's Derived hands back the same card; each
        # technique's facts', while the same technique and the same declarations.
        self.kept_cards: dict[str, tuple[object, bytes]] = (
            earlier.kept_cards if earlier is not None and remember else {}
        )
        self.kept_facts: dict[str, tuple[object, object, bytes]] = (
            earlier.kept_facts if earlier is not None and remember else {}
        )
        # One dict per input, looked up by the key alone: pages ask 300,000 times a build.
        self._cards: dict[str, bytes] = {}
        self._techniques: dict[str, bytes] = {}
        self._facts: dict[str, bytes] = {}
        self._sides: dict[str, bytes] = {}
        self._lists: dict[str, bytes] = {}
        self._comparisons: dict[Comparison, bytes] = {}
        self._groups: dict[str, bytes] = {}
        self._all: dict[str, bytes] = {}
        self._ranked: dict[str, list[Ranking]] | None = None
        self._ranks: dict[str, bytes] = {}
        self._ranking_texts: dict[int, bytes] = {}  # by id: the rankings live as long
        self.by_dates: dict[str, bytes] = {}  # of the standings and the dates alone
        # Whole pages' digests by kind and subject, kept by serve (`remember`).
        self._pages: dict[str, dict[Any, bytes]] | None = (
            {kind: {} for kind in STANDINGS_ONLY} if remember else None
        )
        if earlier is not None and earlier.d.standings is d.standings:
            self._lists, self._groups = earlier._lists, earlier._groups
            self._comparisons = earlier._comparisons
            self._ranked = earlier._ranked  # the standings' rankings, by technique
            self._ranks, self._ranking_texts = earlier._ranks, earlier._ranking_texts
            if earlier.d.dates.comparisons is d.dates.comparisons:
                self.by_dates = earlier.by_dates
            if self.kept is not None and earlier.kept is not None:
                self.kept = earlier.kept
            if self._pages is not None and earlier._pages and earlier.base == self.base:
                self._pages = earlier._pages
        self._standings: bytes | None = None
        self._days: dict[object, str] = {}  # a date, or a comparison's FileDates, as text
        self._started: dict[str, Any] = {}

    def standings(self) -> bytes:
        """A digest of what the standings read (standings_of): each comparison's two sides,
        its pick and its relation, in order (not its text: an edited verdict leaves every
        list as it was), the technique fields of standings.structure_of, the labels and the
        theme's words. Equal digests, equal standings."""
        if self._standings is None:
            d = self.d
            pairs = "\n".join(
                [f"{c.first}\0{c.second}\0{c.pick}\0{c.relation}" for c in d.catalog.comparisons]
            )
            structure = repr(
                [
                    (t.slug, t.name, t.kind, t.category, t.category_slug, t.popularity)
                    for t in d.catalog.techniques.values()
                ]
            )
            self._standings = fingerprint(pairs, structure, repr(d.config.labels), repr(d.words))
        return self._standings

    def lists_made(self) -> Mapping[str, bytes]:
        """The digests of technique lists made so far (`listed`)."""
        return self._lists

    def groups_made(self) -> Mapping[str, bytes]:
        """The digests of comparison groups made so far (`group`)."""
        return self._groups

    def carry(self, lists: Mapping[str, bytes], groups: Mapping[str, bytes]) -> None:
        """Take the digests of the lists of comparisons (`listed`, `group`) from a build
        whose standings were the same (incremental.lastbuild): the standings alone make them."""
        self._lists.update(lists)
        self._groups.update(groups)

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

    def addresses(self, chunk: Sequence[Plan]) -> bytes:
        """A sitemap's pages and their last changes (feeds.sitemap_entries), a run of a part
        at a time: a run of a `Made` part lists the same while the standings and the dates
        do, so serve keeps its digest (`by_dates`) and makes none of its plans again."""
        return fingerprint(*(self._listed(*piece) for piece in pieces_of(chunk)))

    def _listed(self, part: Sequence[Plan], start: int, stop: int) -> bytes:
        key = f"sitemap\0{part.kind}\0{start}\0{stop}" if isinstance(part, Made) else ""
        found = self.by_dates.get(key) if key else None
        if found is None:
            entries = dated_paths(part, start, stop)
            found = digest("\0".join(f"{p}\0{self._day(when)}" for p, when in entries))
            if key:
                self.by_dates[key] = found
        return found

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
            card = self.d.cards[slug]
            known = self.kept_cards.get(slug)
            found = known[1] if known and known[0] is card else digest(repr(card))
            self._cards[slug] = found
            if self.kept is not None:  # remembering, as serve does
                self.kept_cards[slug] = (card, found)
        return found

    def technique(self, slug: str) -> bytes:
        """A technique's file; serve keeps it while the loader hands back the same object."""
        found = self._techniques.get(slug)
        if found is None:
            technique = self.d.catalog.techniques[slug]
            known = self.kept_techniques.get(slug)
            found = known[1] if known and known[0] is technique else digest(repr(technique))
            self._techniques[slug] = found
            if self.kept is not None:
                self.kept_techniques[slug] = (technique, found)
        return found

    def facts(self, slug: str) -> bytes:
        found = self._facts.get(slug)
        if found is None:
            technique, declared = self.d.catalog.techniques[slug], self.d.facts.declarations
            known = self.kept_facts.get(slug)
            if known and known[0] is technique and known[1] is declared:
                found = known[2]
            else:
                found = digest(self.d.facts.signature(slug))
            self._facts[slug] = found
            if self.kept is not None:
                self.kept_facts[slug] = (technique, declared, found)
        return found

    def listed(self, slug: str) -> bytes:
        """A technique's list of comparisons, as its pages and its opponents' pages show it."""
        found = self._lists.get(slug)
        if found is None:
            found = self._lists[slug] = digest(matchups_text(self.d.matchups(slug)))
        return found

    def own(self, c: Comparison) -> bytes:
        """A comparison's file alone: the last build's digest of the same file when kept."""
        own = self.earlier.get(c)
        if own is None:
            own = digest(repr(c))
        if self.kept is not None:
            self.kept[c] = own
        return own

    def comparison(self, c: Comparison) -> bytes:
        """A comparison's file, with who won."""
        found = self._comparisons.get(c)
        if found is None:
            outcome = self.d.outcomes[c]
            found = fingerprint(self.own(c), outcome.pick, outcome.other, outcome.decided_by)
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

    def ranked(self, slug: str) -> bytes:
        """The rankings a technique is in, whole (its page lists them): the standings alone
        make them. Each ranking's repr is made once, not once per member."""
        found = self._ranks.get(slug)
        if found is None:
            texts = self._ranking_texts
            for ranking in (ranked := self.rankings_of()[slug]):
                if id(ranking) not in texts:
                    texts[id(ranking)] = digest(repr(ranking))
            found = self._ranks[slug] = fingerprint(texts[id(r)] for r in ranked)
        return found

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
