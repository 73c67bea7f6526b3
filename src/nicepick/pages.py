"""Which HTML pages a site has: each planned as (path, template, context) before anything renders.

Contexts are built lazily, page by page, so a large site never holds every page's data at once;
the list of paths is complete up front so collisions are found before the first write.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from nicepick import feeds, prose, urls
from nicepick.config import SiteConfig
from nicepick.derived import (
    ACROSS,
    CATEGORY_PAGE_SIZE,
    HOME_PER_GROUP,
    MORE_PER_SIDE,
    ComparisonGroup,
    Derived,
    Plan,
    RankedEntry,
)
from nicepick.errors import Problems
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog, Comparison
from nicepick.ranking import Ranking
from nicepick.compose import Composer
from nicepick.views import Link, MoreSide, comparison_view


def _comparison_pages(d: Derived) -> Iterator[Plan]:
    """A page per comparison and a redirect from the reverse order. Each plan names its
    comparison; one shared function builds any of their contexts (a closure per page cost
    200 bytes, 40 MB at 100,000 pairs, in the parent and again in every worker that
    touched it)."""
    composer = Composer(d.md, d.config.popularity, d.config.facts, d.config.language,
                        d.config.labels)

    def build(comparison: Comparison) -> dict[str, Any]:
        path = d.paths[comparison]
        outcome = d.outcomes[comparison]
        view = comparison_view(comparison, outcome, d.cards, d.catalog, d.md, composer,
                               d.titles[comparison])
        more = [more_side(slug, path) for slug in (outcome.pick, outcome.other)]
        json_ld: dict[str, Any] = {
            "@type": "Article", "headline": view.title, "description": view.description,
            "about": [d.thing(outcome.pick), d.thing(outcome.other)],
            "publisher": {"@type": "Organization", "name": d.config.title},
        }
        if comparison.updated:
            json_ld["dateModified"] = comparison.updated.isoformat()
        meta = d.meta(path, "comparison", view.title, view.description, json_ld,
                      og_type="article")
        return d.context(meta, comparison=view, more=more,
                         facts=d.facts.table(outcome.pick, outcome.other))

    common: dict[str, MoreSide] = {}

    def more_side(slug: str, path: str) -> MoreSide:
        """The technique's other comparisons, as the page at `path` lists them.

        Only the head of the list is looked at: scanning every comparison of a technique,
        on each of its pages, was quadratic (and, in forked workers, copied every list
        item's memory page on touching it). A page outside the head shows the head itself,
        so all those pages share one side, built once.
        """
        everything = d.matchups(slug)
        head = everything[:MORE_PER_SIDE + 1]
        # This page is one of the technique's comparisons: the others are one fewer.
        total = len(everything) - 1
        if any(m.path == path for m in head):
            return MoreSide(d.cards[slug], [m for m in head if m.path != path], total)
        side = common.get(slug)
        if side is None:
            side = common[slug] = MoreSide(d.cards[slug], list(head[:MORE_PER_SIDE]), total,
                                           common=True)
        return side

    def identity(comparison: Comparison) -> bytes:
        outcome = d.outcomes[comparison]
        return d.fingerprint(
            "comparison", d.hash("comparison", d.paths[comparison]),
            d.hash("card", outcome.pick), d.hash("card", outcome.other),
            d.hash("list", outcome.pick), d.hash("list", outcome.other),
            d.hash("facts", outcome.pick), d.hash("facts", outcome.other))

    redirect = _Redirects(d)
    for comparison in d.catalog.comparisons:
        path = d.paths[comparison]
        yield Plan(path, comparison.source, "comparison.html", build, subject=comparison,
                   lastmod=comparison.updated, fingerprint=identity)
        reverse = urls.comparison(comparison.second, comparison.first)
        yield redirect.plan(reverse, path, comparison.source)


class _Redirects:
    """Plans for addresses that moved: the reverse order of a pair, a technique's alias."""

    def __init__(self, d: Derived) -> None:
        self.d = d

    def build(self, target: str) -> dict[str, Any]:
        meta = self.d.meta(target, "redirect", "Moved", "This page has moved.")
        return self.d.context(meta, target=target)

    def identity(self, target: str) -> bytes:
        return self.d.fingerprint("redirect", target)

    def plan(self, path: str, target: str, source: str) -> Plan:
        return Plan(path, source, "redirect.html", self.build, subject=target,
                    in_sitemap=False, fingerprint=self.identity)


def _technique_pages(d: Derived) -> Iterator[Plan]:
    rankings_of: dict[str, list[Ranking]] = defaultdict(list)
    for ranking in d.rankings:
        for slug in ranking.entries:
            rankings_of[slug].append(ranking)
    def build(slug: str) -> dict[str, Any]:
        technique = d.catalog.techniques[slug]
        record = d.records[slug]
        view = d.cards[slug]
        description = f"{technique.name}: {view.summary_text}"
        json_ld = {"@type": "WebPage", "name": technique.name, "description": description,
                   "about": d.thing(slug)}
        meta = d.meta(view.path, "technique", technique.name, description, json_ld)
        return d.context(
            meta, technique=view, record=record,
            matchups=d.matchups(slug),
            links=[Link(label, url) for label, url in technique.links],
            body=d.md.body(technique.body) if technique.body else "",
            rankings=[Link(_ranking_title(r), r.path) for r in rankings_of[slug]],
            aliases=technique.alias_names, facts=d.facts.table(slug),
        )

    def identity(slug: str) -> bytes:
        return d.fingerprint("technique", d.hash("technique", slug), d.hash("card", slug),
                             d.hash("list", slug), repr(rankings_of[slug]), d.hash("facts", slug))

    redirect = _Redirects(d)
    for slug, technique in d.catalog.techniques.items():
        path = d.technique_paths[slug]
        yield Plan(path, technique.source, "technique.html", build, subject=slug,
                   fingerprint=identity)
        for alias in technique.aliases:
            yield redirect.plan(urls.technique(alias), path, technique.source)


def _ranked(ranking: Ranking) -> str:
    """"libraries for Testing"; "databases", not "databases for Databases"."""
    kinds, category = ranking.kinds_label, ranking.category_label
    if category.casefold() == kinds.casefold():
        return kinds
    if category.casefold().split()[-1:] == kinds.casefold().split()[-1:]:
        return category  # "Web frameworks", not "frameworks for Web frameworks"
    return f"{kinds} for {category}"


def _ranking_title(ranking: Ranking) -> str:
    return f"Best {_ranked(ranking)}"


def _ranking_pages(d: Derived) -> Iterator[Plan]:
    for ranking in d.rankings:
        def build(ranking: Ranking) -> dict[str, Any]:
            entries = []
            for position, slug in enumerate(ranking.entries, start=1):
                record = d.records[slug]
                entries.append(RankedEntry(position, d.cards[slug], record, d.matchups(slug)))
            leader = d.cards[ranking.entries[0]]
            title = _ranking_title(ranking)
            description = (f"{len(entries)} {_ranked(ranking)} ranked by head-to-head wins, "
                           f"fewer losses, then popularity. Top pick: {leader.name}.")
            json_ld = {"@type": "ItemList", "name": title, "description": description,
                       "itemListElement": [
                           {"@type": "ListItem", "position": e.rank, "name": e.card.name,
                            "url": urls.absolute(d.config.base_url, e.card.path)}
                           for e in entries]}
            meta = d.meta(ranking.path, "ranking", title, description, json_ld)
            return d.context(meta, ranking=ranking, entries=entries, leader=leader,
                             fact_column=d.facts.column(ranking.entries))

        members = ranking.entries
        yield Plan(ranking.path, "rankings", "ranking.html", build, subject=ranking,
                   fingerprint=d.fingerprint(
            "ranking", repr(ranking), (d.hash("card", s) for s in members),
            (d.hash("list", s) for s in members), d.facts.column_signature(members)))

    def build_index(_: None) -> dict[str, Any]:
        groups: dict[str, list[Link]] = defaultdict(list)
        for ranking in d.rankings:
            groups[ranking.category_label].append(Link(_ranking_title(ranking), ranking.path))
        description = f"{len(d.rankings)} rankings of techniques by category and kind."
        meta = d.meta(urls.RANKINGS, "rankings", "Rankings", description,
                      {"@type": "CollectionPage", "name": "Rankings", "description": description})
        return d.context(meta, groups=sorted(groups.items()))

    yield Plan(urls.RANKINGS, "rankings", "rankings.html", build_index,
               fingerprint=d.fingerprint("rankings", repr(d.rankings)))


def _tag_pages(d: Derived) -> Iterator[Plan]:
    tagged: dict[str, list[str]] = defaultdict(list)
    labels = d.tag_labels
    written: dict[str, str] = {}
    for slug, technique in d.catalog.techniques.items():
        for tag in technique.related:
            if tag.slug in d.catalog.techniques or tag.slug in d.catalog.aliases:
                continue
            tagged[tag.slug].append(slug)
            written.setdefault(tag.slug, tag.label)  # messages name it as the editor wrote it
    for tag_slug in sorted(tagged):
        path = urls.tag(tag_slug)

        def build(tag_slug: str) -> dict[str, Any]:
            path = urls.tag(tag_slug)
            members = [d.cards[s] for s in sorted(
                tagged[tag_slug], key=lambda s: d.catalog.techniques[s].name.casefold())]
            label = labels[tag_slug]
            description = (f"{prose.count(len(members), 'technique')} related to {label}: "
                           + ", ".join(c.name for c in members[:8])
                           + ("…" if len(members) > 8 else "."))
            meta = d.meta(path, "tag", f"Related to {label}", description,
                          {"@type": "CollectionPage", "name": f"Related to {label}",
                           "description": description})
            return d.context(meta, tag=Link(label, path), techniques=members)

        yield Plan(path, f"related tag '{written[tag_slug]}'", "tag.html", build, subject=tag_slug,
                   fingerprint=d.fingerprint("tag", labels[tag_slug],
                                             (d.hash("card", s) for s in tagged[tag_slug])))


def _home_page(d: Derived) -> Plan:
    def build(_: None) -> dict[str, Any]:
        techniques = sorted(d.cards.values(), key=lambda c: c.name.casefold())
        meta = d.meta(urls.HOME, "home", d.config.title, d.config.description,
                      {"@type": "WebSite", "name": d.config.title,
                       "description": d.config.description},
                      title=d.config.title)
        return d.context(meta, groups=d.comparison_groups(), per_group=HOME_PER_GROUP,
                         techniques=techniques, comparison_count=len(d.catalog.comparisons),
                         ranking_count=len(d.rankings))

    return Plan(urls.HOME, "the home page", "index.html", build,
                fingerprint=lambda _: d.fingerprint("home", d.listing()))


def _category_pages(d: Derived) -> Iterator[Plan]:
    """Every comparison of a category, 500 to a page, so large sites stay browsable."""
    for group in d.comparison_groups():
        pages = max(1, -(-len(group.comparisons) // CATEGORY_PAGE_SIZE))
        listed = d.group_digest(group)  # only this group's pages change with its pairs
        for number in range(1, pages + 1):
            path = urls.category(group.slug, number)

            def build(page: tuple[ComparisonGroup, int, int, str]) -> dict[str, Any]:
                group, number, pages, path = page
                start = (number - 1) * CATEGORY_PAGE_SIZE
                shown = group.comparisons[start:start + CATEGORY_PAGE_SIZE]
                heading = f"{group.label}: {prose.count(len(group.comparisons), 'comparison')}"
                if pages > 1:
                    heading += f", page {number} of {pages}"
                description = (f"Every comparison in {group.label} on {d.config.title}, "
                               "with its Nice Pick." if group.slug != ACROSS else
                               f"Comparisons across categories on {d.config.title}.")
                if pages > 1:
                    description += f" Page {number} of {pages}."
                meta = d.meta(path, "category", heading, description,
                              {"@type": "CollectionPage", "name": heading,
                               "description": description})
                links = [Link(str(n), urls.category(group.slug, n)) for n in range(1, pages + 1)]
                return d.context(meta, group=group, comparisons=shown, number=number,
                                 pages=links)

            yield Plan(path, f"the {group.label} category", "category.html", build,
                       subject=(group, number, pages, path),
                       fingerprint=d.fingerprint("category", listed, str(number)))


def _not_found_page(d: Derived) -> Plan:
    def build(_: None) -> dict[str, Any]:
        meta = d.meta(urls.NOT_FOUND, "404", "Page not found",
                      "There is no page at this address.")
        return d.context(meta)

    return Plan(urls.NOT_FOUND, "the 404 page", "404.html", build, in_sitemap=False,
                fingerprint=d.fingerprint("404"))


@dataclass
class KeptFacts:
    """What serve keeps of one build's derived facts, for the next to reuse what holds."""

    derived: Derived | None = None


def plan_site(catalog: Catalog, config: SiteConfig, md: MarkdownRenderer, problems: Problems,
              kept: KeptFacts | None = None) -> list[Plan]:
    """Every file the site will have, in a fixed order; colliding paths become problems."""
    d = Derived(catalog, config, md, earlier=kept.derived if kept else None,
                keep_digests=kept is not None)
    if kept is not None:
        kept.derived = d
    for slug in catalog.techniques:
        # Made here, before workers fork, so they share one copy instead of making two.
        d.matchups(slug)
    pages: list[Plan] = [_home_page(d)]
    pages += _comparison_pages(d)
    pages += _technique_pages(d)
    pages += _ranking_pages(d)
    pages += _tag_pages(d)
    pages += _category_pages(d)
    pages.append(_not_found_page(d))
    pages += feeds.exports(d)
    pages += feeds.feed_and_sitemaps(d, pages)
    owners: dict[str, Plan] = {}
    for plan in pages:
        earlier = owners.get(plan.path)
        if earlier is not None:
            problems.add(plan.source, 0, f"its page /{plan.path} is also produced by "
                         f"{earlier.source}", "rename a slug so the two URLs differ")
        else:
            owners[plan.path] = plan
    return pages

