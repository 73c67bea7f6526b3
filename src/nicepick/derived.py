"""Facts computed once per build and shared by every page: the standings (who won what), each
technique's card, facts and dates, the site's own values, and how a page's <head> is made."""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping
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
from nicepick.models import Catalog, Comparison, Technique
from nicepick.pages import ComparisonGroup, Crumb, PageMeta
from nicepick.ranking import Ranking, Record, category_label
from nicepick.standings import Standings
from nicepick.verdict import Outcome
from nicepick.views import Card, Link, Matchup, card, related_links


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
class MadeCard:
    """A technique's card, with what it was made from besides the renderer."""

    technique: Technique
    md: MarkdownRenderer
    related: tuple[Link, ...]
    category: str
    card: Card


def _cards(
    techniques: Mapping[str, Technique],
    catalog: Catalog,
    md: MarkdownRenderer,
    tag_labels: Mapping[str, str],
    config: SiteConfig,
    before: Mapping[str, MadeCard],
) -> dict[str, MadeCard]:
    """Every technique's card; one made by the last build from the very same technique (serve
    hands back the object of a file it did not see saved) and the same links, label and
    renderer is that build's card. Rendering 2,000 cards' Markdown again, and digesting
    them, was a sixth of a save at 100,000 comparisons."""
    made = {}
    for slug, t in techniques.items():
        related = related_links(t, catalog, tag_labels)
        category = category_label(t, config.labels) if t.category else ""
        known = before.get(slug)
        if (
            known is None
            or known.technique is not t
            or known.md is not md
            or known.related != related
            or known.category != category
        ):
            known = MadeCard(t, md, related, category, card(t, md, related, category))
        made[slug] = known
    return made


@dataclass
class Derived:
    """Facts computed once from the catalog and shared by every page."""

    catalog: Catalog
    config: SiteConfig
    md: MarkdownRenderer
    words: SimpleNamespace
    dates: ContentDates
    standings: Standings
    outcomes: dict[Comparison, Outcome] = field(init=False)
    records: dict[str, Record] = field(init=False)
    rankings: list[Ranking] = field(init=False)
    paths: dict[Comparison, str] = field(init=False)
    titles: dict[Comparison, str] = field(init=False)
    by_path: dict[str, Comparison] = field(init=False)
    cards: dict[str, Card] = field(init=False)
    tag_labels: dict[str, str] = field(init=False)
    # Labels inside a sentence (labels.in_sentence): tags' and categories', by slug.
    tag_labels_in_sentence: dict[str, str] = field(init=False)
    categories_in_sentence: dict[str, str] = field(init=False)
    facts: FactSheet = field(init=False)
    site: SiteView = field(init=False)
    technique_paths: dict[str, str] = field(init=False)
    # When each technique's page last changed: its file, or the newest of its comparisons.
    technique_dates: dict[str, date] = field(init=False)
    newest: date = field(init=False)  # the newest date of all: pages that list everything
    groups_by_slug: dict[str, ComparisonGroup] = field(init=False)
    # What a page and its digest both ask for, made once per build (listpages.home_cards).
    once: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The last build's cards (serve's), each kept while made from the same inputs.
    cards_before: Mapping[str, MadeCard] = field(default_factory=dict, repr=False, compare=False)
    cards_made: dict[str, MadeCard] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        techniques = dict(self.catalog.techniques)
        standing = self.standings
        self.outcomes, self.records = standing.outcomes, standing.records
        self.rankings, self.paths = standing.rankings, standing.paths
        self.titles, self.by_path = standing.titles, standing.by_path
        self.groups_by_slug = {group.slug: group for group in standing.groups}
        named = self.config.labels
        self.tag_labels, self.tag_labels_in_sentence = tag_labels(
            ((tag.slug, tag.label) for t in techniques.values() for tag in t.related), named
        )
        # A category written in words by any of its techniques is a name as written.
        categories, self.categories_in_sentence = tag_labels(
            ((t.category_slug, t.category) for t in techniques.values() if t.category_slug), named
        )
        if self.config.language.split("-")[0] == "de":  # German writes its nouns in capitals
            self.tag_labels_in_sentence, self.categories_in_sentence = self.tag_labels, categories
        self.cards_made = made = _cards(
            techniques, self.catalog, self.md, self.tag_labels, self.config, self.cards_before
        )
        self.cards = {slug: known.card for slug, known in made.items()}
        self.technique_paths = {slug: c.path for slug, c in self.cards.items()}
        cfg = self.config
        self.facts = FactSheet(
            self.catalog.techniques, cfg.facts, cfg.language, cfg.ranking_fact, self.md, self.words
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
        newest = self.dates.newest
        self.technique_dates = {
            slug: max(dated.changed, newest.get(slug, dated.changed))
            for slug, dated in self.dates.techniques.items()
        }
        self.newest = max(self.technique_dates.values(), default=date(1970, 1, 1))

    def changed(self, comparison: Comparison) -> date:
        return self.dates.comparisons[comparison].changed

    def changed_lately(self, count: int) -> list[Comparison]:
        """The comparisons whose change dates are among the `count` newest, ties with the last
        included, in catalog order: the `count` newest by any order that puts newer changes
        first are among them. A key tuple for every comparison cost the home page and the
        feed 0.3 s at 100,000; a date for each is cheap."""
        comparisons, dated = self.catalog.comparisons, self.dates.comparisons
        if len(comparisons) <= count:
            return list(comparisons)
        days = [dated[c].changed for c in comparisons]
        cut = heapq.nlargest(count, days)[-1]
        return [c for c, day in zip(comparisons, days, strict=True) if day >= cut]

    def published(self, comparison: Comparison) -> date:
        return self.dates.comparisons[comparison].published

    def group_key(self, comparison: Comparison) -> str:
        """The slug of the group a comparison is listed in: the category both sides share."""
        return self.standings.group_of[comparison]

    def comparison_groups(self) -> list[ComparisonGroup]:
        """Comparisons by the category both sides share; mixed pairs last."""
        return self.standings.groups

    def matchups(self, slug: str) -> tuple[Matchup, ...]:
        """A technique's comparisons."""
        return self.standings.matchups(slug)

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
