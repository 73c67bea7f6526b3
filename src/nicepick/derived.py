"""Facts computed once per build and shared by every page: outcomes, records, rankings, cards,
and the small records (page metadata, plans) that pages are described with."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from nicepick import prose, urls
from nicepick.config import SiteConfig
from nicepick.dates import ContentDates
from nicepick.facttable import FactSheet
from nicepick.labels import tag_labels
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog, Comparison
from nicepick.ranking import Ranking, Record, category_label, rankings, records
from nicepick.verdict import Outcome, decide
from nicepick.views import Card, Matchup, card, matchups, title_of

ACROSS = "across-categories"  # the group of pairs whose sides are in different categories
HOME_CARDS = 6  # comparisons in each of the home page's lists (newest, most important)
CATEGORY_PAGE_SIZE = 500
SITEMAP_LIMIT = 50_000
FEED_ENTRIES = 50
MORE_PER_SIDE = 10


@dataclass(frozen=True, slots=True)
class SiteView:
    """The site-wide values every template sees as `site`."""

    title: str
    description: str
    base_url: str
    language: str
    contact_email: str
    extra: Any
    popularity_means: str = ""  # what popularity numbers measure, from nicepick.yaml
    popularity_max: str = ""  # the top of the scale, formatted; empty when open


@dataclass(frozen=True, slots=True)
class Crumb:
    label: str
    path: str


@dataclass(slots=True)
class PageMeta:
    """What the page's <head> needs: titles, description, canonical URL, structured data.
    (Read-only by convention; one per page, and a frozen __init__ costs more.)"""

    path: str
    kind: str
    title: str
    heading: str
    description: str
    canonical: str
    json_ld: dict[str, Any] | None = None
    og_type: str = "website"
    image: str = ""  # the share card's absolute URL
    image_alt: str = ""
    breadcrumbs: tuple[Crumb, ...] = ()  # from the home page down, the page itself left out
    breadcrumbs_ld: dict[str, Any] | None = None  # the same as a schema.org BreadcrumbList
    noindex: bool = False  # thin pages: kept out of search results and the sitemap


@dataclass(slots=True, eq=False)
class Plan:
    """One file to produce: a template and a way to build its context, or raw bytes.

    Not frozen, though nothing changes a plan: a frozen __init__ sets each field through
    object.__setattr__ (3.2 us against 0.8 us here), and a large site has 200,000 plans.

    `context` and `content` are called with `subject`, what the page is about: pages of one
    kind share one function, instead of each carrying a closure.
    """

    path: str
    source: str  # what the page is built from, named in error messages
    template: str = ""
    context: Callable[[Any], dict[str, Any]] | None = None
    content: Callable[[Any], bytes] | None = None
    subject: Any = None
    in_sitemap: bool = True
    lastmod: date | None = None
    # Changes whenever anything the page shows may have changed. Pages made by the hundred
    # thousand give a function of `subject` instead, so the digests are computed by the
    # worker that renders the page, in parallel, rather than by the parent while both
    # cores wait.
    fingerprint: bytes | Callable[[Any], bytes] = b""

    def identity(self) -> bytes:
        """The page's fingerprint."""
        if isinstance(self.fingerprint, bytes):
            return self.fingerprint
        return self.fingerprint(self.subject)


@dataclass(frozen=True, slots=True)
class RankedEntry:
    """One line of a ranking page."""

    rank: int
    card: Card
    record: Record
    matchups: tuple[Matchup, ...]


@dataclass(frozen=True, slots=True)
class PairItem:
    """A comparison in a list of cards: the home page, a category's pages."""

    title: str
    path: str
    pick: str  # the pick's name (for complements: the one to adopt first)
    together: bool
    date: date


@dataclass(frozen=True, slots=True)
class ComparisonGroup:
    """The comparisons of one category (or across categories), for the home and category pages."""

    slug: str
    label: str
    path: str
    comparisons: list[Matchup]


@dataclass
class Derived:
    """Facts computed once from the catalog and shared by every page."""

    catalog: Catalog
    config: SiteConfig
    md: MarkdownRenderer
    words: SimpleNamespace
    dates: ContentDates
    # serve's previous build, whose facts are reused where they still hold; let go after
    # construction, so builds do not chain.
    earlier: Derived | None = None
    keep_digests: bool = False  # keep comparisons' digests for the next build (serve)
    outcomes: dict[Comparison, Outcome] = field(init=False)
    records: dict[str, Record] = field(init=False)
    rankings: list[Ranking] = field(init=False)
    cards: dict[str, Card] = field(init=False)
    tag_labels: dict[str, str] = field(init=False)
    facts: FactSheet = field(init=False)
    site: SiteView = field(init=False)
    technique_paths: dict[str, str] = field(init=False)
    # When each technique's page last changed: its file, or the newest of its comparisons.
    technique_dates: dict[str, date] = field(init=False)
    newest: date = field(init=False)  # the newest date of all: pages that list everything
    paths: dict[Comparison, str] = field(init=False)
    titles: dict[Comparison, str] = field(init=False)
    by_path: dict[str, Comparison] = field(init=False)
    _groups: list[ComparisonGroup] = field(init=False)
    base: bytes = field(init=False)
    _matchups: dict[str, tuple[Matchup, ...]] = field(init=False, default_factory=dict)
    _hashes: dict[tuple[str, str], bytes] = field(init=False, default_factory=dict)
    _group_digests: dict[str, bytes] = field(init=False, default_factory=dict)
    structure: tuple[object, ...] = field(init=False)
    # Digests of comparisons by the comparison, for serve's next build: its loader hands
    # back the same object while a file is unchanged, and a repr per comparison was a
    # tenth of a rebuild at 10,000.
    earlier_digests: Mapping[Comparison, bytes] = field(init=False, default_factory=dict)
    kept_digests: dict[Comparison, bytes] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        techniques = dict(self.catalog.techniques)
        earlier, self.earlier = self.earlier, None
        # The theme's words are in titles and group labels: a translation edited in serve
        # must reach them.
        self.structure = (structure_of(self.catalog), repr(self.config.labels), repr(self.words))
        if earlier is not None:
            self.earlier_digests = earlier.kept_digests or {}
        if self.keep_digests:
            self.kept_digests = {}
        if earlier is not None and earlier.structure == self.structure:
            # The same comparisons (as objects) and technique fields: every fact below is
            # the same, and so are the lists' and comparisons' digests. On a save that
            # edits a technique's text, this is most of planning a large site.
            self.outcomes, self.records = earlier.outcomes, earlier.records
            self.rankings, self.paths = earlier.rankings, earlier.paths
            self.titles, self.by_path = earlier.titles, earlier.by_path
            self._matchups, self._group_digests = earlier._matchups, earlier._group_digests
            if hasattr(earlier, "_groups"):
                self._groups = earlier._groups
            self._hashes = {
                key: value
                for key, value in earlier._hashes.items()
                if key[0] in ("list", "comparison")
            }
        else:
            self.outcomes = {c: decide(c, techniques) for c in self.catalog.comparisons}
            self.records = records(self.catalog, self.outcomes)
            self.rankings = rankings(self.catalog, self.records, self.config.labels)
            # One address and one title string per comparison, shared by every page and list.
            self.paths = {c: urls.comparison(c.first, c.second) for c in self.catalog.comparisons}
            self.titles = {
                c: title_of(c, self.outcomes[c], self.catalog, self.words)
                for c in self.catalog.comparisons
            }
            self.by_path = {path: c for c, path in self.paths.items()}
        self.tag_labels = tag_labels(
            ((tag.slug, tag.label) for t in techniques.values() for tag in t.related),
            self.config.labels,
        )
        self.cards = {
            slug: card(
                t,
                self.catalog,
                self.md,
                self.tag_labels,
                category_label(t, self.config.labels) if t.category else "",
            )
            for slug, t in techniques.items()
        }
        self.technique_paths = {slug: c.path for slug, c in self.cards.items()}
        cfg = self.config
        self.facts = FactSheet(
            self.catalog.techniques, cfg.facts, cfg.language, cfg.ranking_fact, self.md, self.words
        )
        self.base = digest(
            repr(
                (
                    cfg.title,
                    cfg.description,
                    cfg.base_url,
                    cfg.language,
                    cfg.contact_email,
                    cfg.extra,
                    cfg.unsafe_html,
                    cfg.live_reload,
                    cfg.dynamic_pairs,
                    cfg.labels,
                    cfg.popularity,
                    cfg.share_cards,
                )
            )
        )
        scale = cfg.popularity
        self.site = SiteView(
            cfg.title,
            cfg.description,
            cfg.base_url,
            cfg.language,
            cfg.contact_email,
            cfg.extra,
            _unbroken_ranges(scale.means),
            prose.format_number(scale.max) if scale.max else "",
        )
        self.technique_dates = {
            slug: dated.changed for slug, dated in self.dates.techniques.items()
        }
        for comparison, dated in self.dates.comparisons.items():
            for side in (comparison.first, comparison.second):  # type: ignore[attr-defined]
                if dated.changed > self.technique_dates[side]:
                    self.technique_dates[side] = dated.changed
        self.newest = max(self.technique_dates.values(), default=date(1970, 1, 1))

    def changed(self, comparison: Comparison) -> date:
        return self.dates.comparisons[comparison].changed

    def published(self, comparison: Comparison) -> date:
        return self.dates.comparisons[comparison].published

    def hash(self, kind: str, key: str) -> bytes:
        """A digest of one input a page may show: 'card', 'technique', 'facts' (a technique's,
        with their declarations), 'list' or 'comparison'.

        Pages combine these into fingerprints, so an incremental build renders only pages
        whose inputs changed. Each digest is computed once per build.
        """
        cached = self._hashes.get((kind, key))
        if cached is None:
            if kind == "card":
                value: object = self.cards[key]
            elif kind == "technique":
                value = self.catalog.techniques[key]
            elif kind == "facts":
                value = self.facts.signature(key)
            elif kind == "list":
                value = matchups_text(self.matchups(key))
            else:  # a comparison by its path, with who won
                comparison = self.by_path[key]
                outcome = self.outcomes[comparison]
                own = self.earlier_digests.get(comparison)
                if own is None:
                    own = digest(repr(comparison))
                if self.kept_digests is not None:
                    self.kept_digests[comparison] = own
                self._hashes[(kind, key)] = cached = fingerprint(
                    own, outcome.pick, outcome.other, outcome.decided_by
                )
                return cached
            cached = digest(repr(value))
            self._hashes[(kind, key)] = cached
        return cached

    def fingerprint(self, *parts: bytes | str | Iterable[bytes]) -> bytes:
        return fingerprint(self.base, *parts)

    def _once(self, key: str, compute: Callable[[], bytes]) -> bytes:
        if (key, "") not in self._hashes:
            self._hashes[(key, "")] = compute()
        return self._hashes[(key, "")]

    def all_cards(self) -> bytes:
        """Every technique's card: what lists of techniques may show."""
        return self._once(
            "cards",
            lambda: fingerprint(self.hash("card", slug) for slug in self.catalog.techniques),
        )

    def group_digest(self, group: ComparisonGroup) -> bytes:
        """A group's digest, once per group while the site's structure stands."""
        if group.slug not in self._group_digests:
            self._group_digests[group.slug] = group_digest(group)
        return self._group_digests[group.slug]

    def listing(self) -> bytes:
        """Every comparison as lists show it (title, pick, address) and every card: the home
        page's inputs. Unlike the whole catalog, this stays put when a comparison's verdict
        is edited, so a save in serve does not render the home page again."""
        return self._once(
            "listing",
            lambda: fingerprint(
                (self.group_digest(g) for g in self.comparison_groups()),
                self.all_cards(),
                str(len(self.rankings)),
            ),
        )

    def all_comparisons(self) -> bytes:
        """Every comparison with its outcome: the comparisons export."""
        return self._once(
            "comparisons",
            lambda: fingerprint(self.hash("comparison", path) for path in self.by_path),
        )

    def all_dates(self) -> bytes:
        """Every comparison's dates: they come from files' history, not from the catalog."""
        return self._once(
            "dates",
            lambda: digest(repr([self.dates.comparisons[c] for c in self.catalog.comparisons])),
        )

    def all_techniques(self) -> bytes:
        """Every technique with its wins and losses: the techniques export."""
        return self._once(
            "techniques",
            lambda: fingerprint(
                (self.hash("technique", slug) for slug in self.catalog.techniques),
                repr([(slug, r.wins, r.losses, r.pairings) for slug, r in self.records.items()]),
            ),
        )

    def group_key(self, comparison: Comparison) -> str:
        """The slug of the group a comparison is listed in: the category both sides share."""
        first = self.catalog.techniques[comparison.first]
        second = self.catalog.techniques[comparison.second]
        return (
            first.category_slug
            if first.category_slug == second.category_slug and first.category_slug
            else ACROSS
        )

    def comparison_groups(self) -> list[ComparisonGroup]:
        """Comparisons by the category both sides share; mixed pairs last. Computed once."""
        if not hasattr(self, "_groups"):
            groups: dict[str, list[Matchup]] = {}
            labels: dict[str, str] = {}
            for comparison in self.catalog.comparisons:
                outcome = self.outcomes[comparison]
                first = self.catalog.techniques[comparison.first]
                second = self.catalog.techniques[comparison.second]
                key = first.category_slug if first.category_slug == second.category_slug else ""
                if key:
                    labels.setdefault(key, category_label(first, self.config.labels))
                pick = self.catalog.techniques[outcome.pick]
                groups.setdefault(key, []).append(
                    Matchup(
                        title=self.titles[comparison],
                        path=self.paths[comparison],
                        opponent=pick.name,
                        opponent_path=self.technique_paths[pick.slug],
                        won=not outcome.together,
                        together=outcome.together,
                    )
                )
            self._groups = [
                ComparisonGroup(
                    key or ACROSS,
                    labels.get(key, self.words.across_categories),
                    urls.category(key or ACROSS),
                    sorted(items, key=lambda m: (m.title.casefold(), m.path)),
                )
                for key, items in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
            ]
        return self._groups

    def matchups(self, slug: str) -> tuple[Matchup, ...]:
        """A technique's comparisons, built once: every page of its opponents lists them too."""
        if slug not in self._matchups:
            self._matchups[slug] = matchups(
                self.records[slug], self.catalog, self.paths, self.titles, self.technique_paths
            )
        return self._matchups[slug]

    def meta(
        self,
        path: str,
        kind: str,
        heading: str,
        description: str,
        json_ld: dict[str, Any] | None = None,
        title: str = "",
        og_type: str = "website",
        crumbs: tuple[Crumb, ...] = (),
        image: str = "",
        image_alt: str = "",
        noindex: bool = False,
    ) -> PageMeta:
        """`crumbs`: the pages above this one, home first; `image`: the path of the page's
        share card (the site's card when empty)."""
        full_title = title or f"{heading} | {self.config.title}"
        base_url = self.config.base_url
        canonical = urls.absolute(base_url, path)
        if json_ld is not None:
            json_ld = {
                "@context": "https://schema.org",
                **json_ld,
                "url": canonical,
                "inLanguage": self.config.language,
            }
        trail = None
        if crumbs:  # a second JSON-LD object, so the page's own stays as it was
            trail = {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": n,
                        "name": crumb.label,
                        "item": urls.absolute(base_url, crumb.path),
                    }
                    for n, crumb in enumerate((*crumbs, Crumb(heading, path)), 1)
                ],
            }
        return PageMeta(
            path,
            kind,
            full_title,
            heading,
            _clip(description),
            canonical,
            json_ld,
            og_type,
            urls.absolute(base_url, image or urls.SITE_CARD) if self.config.share_cards else "",
            image_alt or self.config.title,
            crumbs,
            trail,
            noindex,
        )

    def home_crumb(self) -> Crumb:
        return Crumb(self.words.home, urls.HOME)

    def context(self, meta: PageMeta, **values: Any) -> dict[str, Any]:
        return {"site": self.site, "page": meta, **values}

    def thing(self, slug: str) -> dict[str, Any]:
        technique = self.catalog.techniques[slug]
        return {
            "@type": "Thing",
            "name": technique.name,
            "url": urls.absolute(self.config.base_url, urls.technique(slug)),
            "description": self.cards[slug].summary_text,
            **self.facts.schema_org(slug),
        }


def _unbroken_ranges(text: str) -> str:
    """ "0–100" kept on one line: browsers may break after a dash, leaving "0–" behind."""
    return re.sub(r"(\d)([–-])(\d)", "\\1\u2060\\2\u2060\\3", text)


def _clip(text: str, limit: int = 200) -> str:
    """Meta descriptions are cut by search engines anyway; cut at a word, visibly."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def structure_of(catalog: Catalog) -> tuple[object, ...]:
    """What outcomes, records, rankings, addresses, titles and lists of comparisons are made
    from: the comparisons themselves (compared by identity) and every technique field those
    read. A technique's text (summary, pros, cons, links, body) is not in it."""
    return (
        catalog.comparisons,
        tuple(
            (t.slug, t.name, t.kind, t.category, t.category_slug, t.popularity)
            for t in catalog.techniques.values()
        ),
    )


def matchups_text(matchups: Iterable[Matchup]) -> str:
    """Everything a list of matchups shows, for digesting: a dataclass repr per item was
    the largest part of planning at 100,000 comparisons. YAML text has no NUL to blur it."""
    return "\n".join(
        f"{m.title}\0{m.path}\0{m.opponent}\0{m.opponent_path}\0{m.won:d}{m.together:d}"
        for m in matchups
    )


def group_digest(group: ComparisonGroup) -> bytes:
    return fingerprint(group.slug, group.label, group.path, matchups_text(group.comparisons))


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def fingerprint(*parts: bytes | str | Iterable[bytes]) -> bytes:
    """One digest over several: the identity of everything a page is made from."""
    h = hashlib.blake2b(digest_size=12)
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        elif isinstance(part, str):
            h.update(part.encode("utf-8", "surrogatepass"))
        else:
            for item in part:
                h.update(item)
        h.update(b"\x00")
    return h.digest()
