"""Which HTML pages a site has: each planned as (path, template, context) before anything renders.

Contexts are built lazily, page by page, so a large site never holds every page's data at once;
the list of paths is complete up front so collisions are found before the first write.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from nicepick import cardplans, feeds, finder, urls
from nicepick.compose import Composer
from nicepick.config import SiteConfig
from nicepick.dates import ContentDates
from nicepick.derived import (
    ACROSS,
    CATEGORY_PAGE_SIZE,
    HOME_CARDS,
    MORE_PER_SIDE,
    ComparisonGroup,
    Crumb,
    Derived,
    PairItem,
    Plan,
    RankedEntry,
)
from nicepick.errors import Problems
from nicepick.markup import MarkdownRenderer
from nicepick.matrix import who_beats_whom
from nicepick.models import Catalog, Comparison
from nicepick.ranking import Ranking
from nicepick.views import Link, MoreSide, comparison_view


def _comparison_pages(d: Derived) -> Iterator[Plan]:
    """A page per comparison and a redirect from the reverse order. Each plan names its
    comparison; one shared function builds any of their contexts (a closure per page cost
    200 bytes, 40 MB at 100,000 pairs, in the parent and again in every worker that
    touched it)."""
    composer = Composer(
        d.md, d.config.popularity, d.config.facts, d.config.language, d.config.labels
    )

    groups = {group.slug: group for group in d.comparison_groups()}
    site = {
        "@type": "Organization",
        "name": d.config.title,
        "url": urls.absolute(d.config.base_url, urls.HOME),
    }

    def build(comparison: Comparison) -> dict[str, Any]:
        path = d.paths[comparison]
        outcome = d.outcomes[comparison]
        dated = d.dates.comparisons[comparison]
        view = comparison_view(
            comparison,
            outcome,
            d.cards,
            d.catalog,
            d.md,
            composer,
            d.titles[comparison],
            d.words,
            dated,
        )
        more = [more_side(slug, path) for slug in (outcome.pick, outcome.other)]
        json_ld: dict[str, Any] = {
            "@type": "Article",
            "headline": view.title,
            "description": view.description,
            "about": [d.thing(outcome.pick), d.thing(outcome.other)],
            "datePublished": dated.published.isoformat(),
            "dateModified": dated.changed.isoformat(),
            "author": site,
            "publisher": site,
        }
        group = groups[d.group_key(comparison)]
        meta = d.meta(
            path,
            "comparison",
            view.title,
            view.description,
            json_ld,
            og_type="article",
            crumbs=(d.home_crumb(), Crumb(group.label, group.path)),
            image=cardplans.image(d, path),
            image_alt=f"{view.title}: {view.headline}",
        )
        return d.context(
            meta, comparison=view, more=more, facts=d.facts.table(outcome.pick, outcome.other)
        )

    common: dict[str, MoreSide] = {}

    def more_side(slug: str, path: str) -> MoreSide:
        """The technique's other comparisons, as the page at `path` lists them.

        Only the head of the list is looked at: scanning every comparison of a technique,
        on each of its pages, was quadratic (and, in forked workers, copied every list
        item's memory page on touching it). A page outside the head shows the head itself,
        so all those pages share one side, built once.
        """
        everything = d.matchups(slug)
        head = everything[: MORE_PER_SIDE + 1]
        # This page is one of the technique's comparisons: the others are one fewer.
        total = len(everything) - 1
        if any(m.path == path for m in head):
            return MoreSide(d.cards[slug], [m for m in head if m.path != path], total)
        side = common.get(slug)
        if side is None:
            side = common[slug] = MoreSide(
                d.cards[slug], list(head[:MORE_PER_SIDE]), total, common=True
            )
        return side

    def identity(comparison: Comparison) -> bytes:
        outcome = d.outcomes[comparison]
        return d.fingerprint(
            "comparison",
            repr(d.dates.comparisons[comparison]),
            cardplans.image(d, d.paths[comparison]),
            d.hash("comparison", d.paths[comparison]),
            d.hash("card", outcome.pick),
            d.hash("card", outcome.other),
            d.hash("list", outcome.pick),
            d.hash("list", outcome.other),
            d.hash("facts", outcome.pick),
            d.hash("facts", outcome.other),
        )

    redirect = _Redirects(d)
    for comparison in d.catalog.comparisons:
        path = d.paths[comparison]
        yield Plan(
            path,
            comparison.source,
            "comparison.html",
            build,
            subject=comparison,
            lastmod=d.dates.comparisons[comparison].changed,
            fingerprint=identity,
        )
        reverse = urls.comparison(comparison.second, comparison.first)
        yield redirect.plan(reverse, path, comparison.source)


class _Redirects:
    """Plans for addresses that moved: the reverse order of a pair, a technique's alias."""

    def __init__(self, d: Derived) -> None:
        self.d = d

    def build(self, target: str) -> dict[str, Any]:
        moved = self.d.words.this_page_has_moved
        meta = self.d.meta(target, "redirect", moved, moved)
        return self.d.context(meta, target=target)

    def identity(self, target: str) -> bytes:
        return self.d.fingerprint("redirect", target)

    def plan(self, path: str, target: str, source: str) -> Plan:
        return Plan(
            path,
            source,
            "redirect.html",
            self.build,
            subject=target,
            in_sitemap=False,
            fingerprint=self.identity,
        )


def _technique_pages(d: Derived) -> Iterator[Plan]:
    rankings_of: dict[str, list[Ranking]] = defaultdict(list)
    for ranking in d.rankings:
        for slug in ranking.entries:
            rankings_of[slug].append(ranking)
    groups = {group.slug: group for group in d.comparison_groups()}

    def crumbs(slug: str) -> tuple[Crumb, ...]:
        """Home, then the technique's category where the site lists that category's pairs."""
        group = groups.get(d.catalog.techniques[slug].category_slug)
        return (d.home_crumb(),) + ((Crumb(group.label, group.path),) if group else ())

    def build(slug: str) -> dict[str, Any]:
        technique = d.catalog.techniques[slug]
        record = d.records[slug]
        view = d.cards[slug]
        description = f"{technique.name}: {view.summary_text}"
        json_ld = {
            "@type": "WebPage",
            "name": technique.name,
            "description": description,
            "about": d.thing(slug),
            "dateModified": d.technique_dates[slug].isoformat(),
        }
        line = f"{view.kind} · {view.category}" if view.category else view.kind
        meta = d.meta(
            view.path,
            "technique",
            technique.name,
            description,
            json_ld,
            crumbs=crumbs(slug),
            image=cardplans.image(d, view.path),
            image_alt=f"{technique.name}: {line}",
        )
        return d.context(
            meta,
            technique=view,
            record=record,
            matchups=d.matchups(slug),
            links=[Link(label, url) for label, url in technique.links],
            body=d.md.body(technique.body) if technique.body else "",
            rankings=[Link(_ranking_title(r, d.words), r.path) for r in rankings_of[slug]],
            aliases=technique.alias_names,
            facts=d.facts.table(slug),
        )

    def identity(slug: str) -> bytes:
        return d.fingerprint(
            "technique",
            d.hash("technique", slug),
            d.hash("card", slug),
            d.hash("list", slug),
            repr(rankings_of[slug]),
            d.hash("facts", slug),
            repr(crumbs(slug)),
            str(d.technique_dates[slug]),
            cardplans.image(d, d.technique_paths[slug]),
        )

    redirect = _Redirects(d)
    for slug, technique in d.catalog.techniques.items():
        path = d.technique_paths[slug]
        yield Plan(
            path,
            technique.source,
            "technique.html",
            build,
            subject=slug,
            lastmod=d.technique_dates[slug],
            fingerprint=identity,
        )
        for alias in technique.aliases:
            yield redirect.plan(urls.technique(alias), path, technique.source)


def _ranked(ranking: Ranking, words: SimpleNamespace) -> str:
    """ "libraries for Testing"; "databases", not "databases for Databases"."""
    kinds, category = ranking.kinds_label, ranking.category_label
    if category.casefold() == kinds.casefold():
        return kinds
    if category.casefold().split()[-1:] == kinds.casefold().split()[-1:]:
        return category  # "Web frameworks", not "frameworks for Web frameworks"
    return str(words.ranked_what.format(kinds=kinds, category=category))


def _ranking_title(ranking: Ranking, words: SimpleNamespace) -> str:
    return str(words.ranking_title.format(what=_ranked(ranking, words)))


def _ranking_pages(d: Derived) -> Iterator[Plan]:
    for ranking in d.rankings:

        def build(ranking: Ranking) -> dict[str, Any]:
            entries = []
            for position, slug in enumerate(ranking.entries, start=1):
                record = d.records[slug]
                entries.append(RankedEntry(position, d.cards[slug], record, d.matchups(slug)))
            leader = d.cards[ranking.entries[0]]
            title = _ranking_title(ranking, d.words)
            description = d.words.ranking_description.format(
                n=len(entries), what=_ranked(ranking, d.words), leader=leader.name
            )
            json_ld = {
                "@type": "ItemList",
                "name": title,
                "description": description,
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": e.rank,
                        "name": e.card.name,
                        "url": urls.absolute(d.config.base_url, e.card.path),
                    }
                    for e in entries
                ],
            }
            meta = d.meta(
                ranking.path,
                "ranking",
                title,
                description,
                json_ld,
                crumbs=(d.home_crumb(), Crumb(d.words.nav_rankings, urls.RANKINGS)),
            )
            names = {slug: d.catalog.techniques[slug].name for slug in ranking.entries}
            matrix = who_beats_whom(ranking.entries, names, d.records, d.paths)
            return d.context(
                meta,
                ranking=ranking,
                entries=entries,
                leader=leader,
                fact_column=d.facts.column(ranking.entries),
                matrix=matrix,
            )

        members = ranking.entries
        lastmod = max(d.technique_dates[s] for s in members)
        yield Plan(
            ranking.path,
            "rankings",
            "ranking.html",
            build,
            subject=ranking,
            lastmod=lastmod,
            fingerprint=d.fingerprint(
                "ranking",
                repr(ranking),
                (d.hash("card", s) for s in members),
                (d.hash("list", s) for s in members),
                d.facts.column_signature(members),
            ),
        )
        if ranking.path == f"best/{ranking.category_slug}/":
            # Earlier versions published it at best/<category>/<kinds>/: links to there stay good.
            old = f"best/{ranking.category_slug}/{ranking.category_slug}/"
            yield _Redirects(d).plan(old, ranking.path, "rankings")

    def build_index(_: None) -> dict[str, Any]:
        groups: dict[str, list[Link]] = defaultdict(list)
        for ranking in d.rankings:
            groups[ranking.category_label].append(
                Link(_ranking_title(ranking, d.words), ranking.path)
            )
        heading = d.words.nav_rankings
        description = d.words.rankings_description.form(len(d.rankings)).format(n=len(d.rankings))
        meta = d.meta(
            urls.RANKINGS,
            "rankings",
            heading,
            description,
            {"@type": "CollectionPage", "name": heading, "description": description},
            crumbs=(d.home_crumb(),),
        )
        return d.context(meta, groups=sorted(groups.items()))

    yield Plan(
        urls.RANKINGS,
        "rankings",
        "rankings.html",
        build_index,
        lastmod=d.newest,
        fingerprint=d.fingerprint("rankings", repr(d.rankings)),
    )


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
            members = [
                d.cards[s]
                for s in sorted(
                    tagged[tag_slug], key=lambda s: d.catalog.techniques[s].name.casefold()
                )
            ]
            label = labels[tag_slug]
            names = ", ".join(c.name for c in members[:8]) + ("…" if len(members) > 8 else "")
            description = d.words.tag_description.form(len(members)).format(
                n=len(members), label=label, names=names
            )
            heading = d.words.tag_heading.format(label=label)
            meta = d.meta(
                path,
                "tag",
                heading,
                description,
                {"@type": "CollectionPage", "name": heading, "description": description},
                crumbs=(d.home_crumb(),),
                noindex=len(members) < 2,
            )
            return d.context(meta, tag=Link(label, path), techniques=members)

        members = tagged[tag_slug]
        # A tag of one technique is a page with one link on it: reachable, but not offered
        # to search engines, which would rightly call it thin.
        yield Plan(
            path,
            f"related tag '{written[tag_slug]}'",
            "tag.html",
            build,
            subject=tag_slug,
            in_sitemap=len(members) >= 2,
            lastmod=max(d.technique_dates[s] for s in members),
            fingerprint=d.fingerprint(
                "tag", labels[tag_slug], (d.hash("card", s) for s in members)
            ),
        )


def _pair(d: Derived, comparison: Comparison) -> PairItem:
    outcome = d.outcomes[comparison]
    return PairItem(
        d.titles[comparison],
        d.paths[comparison],
        d.catalog.techniques[outcome.pick].name,
        outcome.together,
        d.changed(comparison),
    )


def _latest(d: Derived) -> list[PairItem]:
    """The newest comparisons, newest first; a day's ties by title."""
    newest = heapq.nsmallest(
        HOME_CARDS,
        d.catalog.comparisons,
        key=lambda c: (-d.changed(c).toordinal(), d.titles[c].casefold(), d.paths[c]),
    )
    return [_pair(d, c) for c in newest]


def _most_important(d: Derived, shown: list[PairItem]) -> list[PairItem]:
    """Pairs of the most popular techniques (by the less popular of the two), then of the
    most compared ones; none already among the newest."""
    techniques, records = d.catalog.techniques, d.records
    skipped = {item.path for item in shown}

    def weight(c: Comparison) -> tuple[float, int, str, str]:
        a, b = techniques[c.first], techniques[c.second]
        known = [t.popularity for t in (a, b) if t.popularity is not None]
        popularity = min(known) if len(known) == 2 else -1.0
        compared = len(records[a.slug].results) + len(records[b.slug].results)
        return (-popularity, -compared, d.titles[c].casefold(), d.paths[c])

    chosen = heapq.nsmallest(
        HOME_CARDS, (c for c in d.catalog.comparisons if d.paths[c] not in skipped), key=weight
    )
    return [_pair(d, c) for c in chosen]


def _home_page(d: Derived) -> Plan:
    def build(_: None) -> dict[str, Any]:
        techniques = sorted(d.cards.values(), key=lambda c: c.name.casefold())
        meta = d.meta(
            urls.HOME,
            "home",
            d.config.title,
            d.config.description,
            {"@type": "WebSite", "name": d.config.title, "description": d.config.description},
            title=d.config.title,
        )
        latest = _latest(d)
        return d.context(
            meta,
            groups=d.comparison_groups(),
            latest=latest,
            top=_most_important(d, latest),
            techniques=techniques,
            comparison_count=len(d.catalog.comparisons),
            ranking_count=len(d.rankings),
        )

    def identity(_: None) -> bytes:
        latest = _latest(d)
        return d.fingerprint("home", d.listing(), repr(latest), repr(_most_important(d, latest)))

    return Plan(
        urls.HOME, "the home page", "index.html", build, lastmod=d.newest, fingerprint=identity
    )


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
                shown = group.comparisons[start : start + CATEGORY_PAGE_SIZE]
                words, count = d.words, len(group.comparisons)
                heading = words.category_heading.form(count).format(n=count, label=group.label)
                description = (
                    words.category_description if group.slug != ACROSS else words.across_description
                ).format(label=group.label, site=d.config.title)
                if pages > 1:
                    page_of = words.page_of.format(number=number, pages=pages)
                    heading = f"{heading} ({page_of})"
                    description = f"{description} ({page_of})"
                meta = d.meta(
                    path,
                    "category",
                    heading,
                    description,
                    {"@type": "CollectionPage", "name": heading, "description": description},
                    crumbs=(d.home_crumb(),),
                )
                links = [Link(str(n), urls.category(group.slug, n)) for n in range(1, pages + 1)]
                items = [_pair(d, d.by_path[m.path]) for m in shown]
                return d.context(meta, group=group, comparisons=items, number=number, pages=links)

            start = (number - 1) * CATEGORY_PAGE_SIZE
            lastmod = max(
                d.changed(d.by_path[m.path])
                for m in group.comparisons[start : start + CATEGORY_PAGE_SIZE]
            )
            yield Plan(
                path,
                f"the {group.label} category",
                "category.html",
                build,
                subject=(group, number, pages, path),
                lastmod=lastmod,
                fingerprint=d.fingerprint("category", listed, str(number), str(lastmod)),
            )


def _not_found_page(d: Derived) -> Plan:
    def build(_: None) -> dict[str, Any]:
        meta = d.meta(urls.NOT_FOUND, "404", d.words.page_not_found, d.words.not_found_text)
        return d.context(meta)

    return Plan(
        urls.NOT_FOUND,
        "the 404 page",
        "404.html",
        build,
        in_sitemap=False,
        fingerprint=d.fingerprint("404"),
    )


@dataclass
class KeptFacts:
    """What serve keeps of one build's derived facts, for the next to reuse what holds."""

    derived: Derived | None = None


def plan_site(
    catalog: Catalog,
    config: SiteConfig,
    md: MarkdownRenderer,
    problems: Problems,
    theme_words: SimpleNamespace,
    dates: ContentDates,
    kept: KeptFacts | None = None,
) -> list[Plan]:
    """Every file the site will have, in a fixed order; colliding paths become problems."""
    d = Derived(
        catalog,
        config,
        md,
        theme_words,
        dates,
        earlier=kept.derived if kept else None,
        keep_digests=kept is not None,
    )
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
    pages += finder.plans(d)
    pages += cardplans.plans(d)
    pages += feeds.feed_and_sitemaps(d, pages)
    owners: dict[str, Plan] = {}
    told: set[tuple[str, str]] = set()  # a page and its card collide together: say it once
    for plan in pages:
        earlier = owners.get(plan.path)
        if earlier is None:
            owners[plan.path] = plan
        elif (plan.source, earlier.source) not in told:
            told.add((plan.source, earlier.source))
            problems.add(
                plan.source,
                0,
                f"its page /{plan.path} is also produced by {earlier.source}",
                "rename a slug so the two URLs differ",
            )
    return pages
