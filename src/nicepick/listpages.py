"""Pages that list comparisons or techniques: the home page, the rankings and their index,
each category's comparisons (500 to a page) and the 404 page."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from nicepick import pages, urls
from nicepick.comparisonpages import Redirects
from nicepick.derived import Derived
from nicepick.matrix import who_beats_whom
from nicepick.models import Comparison
from nicepick.pages import (
    ACROSS,
    ComparisonGroup,
    Crumb,
    PairItem,
    Plan,
    RankedEntry,
)
from nicepick.ranking import Ranking, rank_key
from nicepick.techniquepages import ranked_what, ranking_title
from nicepick.views import Link


def pair_item(d: Derived, comparison: Comparison) -> PairItem:
    outcome = d.outcomes[comparison]
    return PairItem(
        d.titles[comparison],
        d.paths[comparison],
        d.catalog.techniques[outcome.pick].name,
        outcome.together,
        d.changed(comparison),
    )


def latest(d: Derived) -> list[PairItem]:
    """The newest comparisons, newest first; a day's ties by title."""
    newest = heapq.nsmallest(
        pages.HOME_CARDS,
        d.changed_lately(pages.HOME_CARDS),
        key=lambda c: (-d.changed(c).toordinal(), d.titles[c].casefold(), d.paths[c]),
    )
    return [pair_item(d, c) for c in newest]


def most_important(d: Derived, shown: list[PairItem]) -> list[PairItem]:
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
        pages.HOME_CARDS,
        (c for c in _popular_pairs(d, skipped, pages.HOME_CARDS) if d.paths[c] not in skipped),
        key=weight,
    )
    return [pair_item(d, c) for c in chosen]


def _popular_pairs(d: Derived, skipped: set[str], count: int) -> Sequence[Comparison]:
    """Every comparison whose less popular side is as popular as that of the `count`-th most
    popular pair not `skipped`, or more: the pairs `most_important` chooses are among them.
    Found from the most popular techniques down, so a site of 100,000 pairs looks at a few
    dozen, where weighing each pair took 0.7 s. Every comparison, when popularity does not
    decide that early: too few pairs of known popularity above -1, where a pair with an
    unknown side stands."""
    known = [(t.popularity, slug) for slug, t in d.catalog.techniques.items()]
    if any(p is not None and not math.isfinite(p) for p, _ in known):
        return d.catalog.comparisons  # NaN orders nowhere: weigh them all
    ordered = sorted(((p, slug) for p, slug in known if p is not None), reverse=True)
    seen: set[str] = set()
    found: dict[Comparison, None] = {}  # in the order found, each once
    chosen = 0
    for popularity, group in itertools.groupby(ordered, key=lambda known: known[0]):
        if popularity <= -1.0:
            break
        slugs = [slug for _, slug in group]
        seen.update(slugs)
        # The pairs within what is seen that are new here: their less popular side is one
        # of this group, and every pair not yet found is less popular still.
        for slug in slugs:
            for result in d.records[slug].results:
                if result.opponent in seen and result.comparison not in found:
                    found[result.comparison] = None
                    chosen += d.paths[result.comparison] not in skipped
        if chosen >= count:
            return list(found)
    return d.catalog.comparisons


def home_cards(d: Derived) -> tuple[list[PairItem], list[PairItem]]:
    """The home page's newest and most important comparisons. Its digest and its page both
    show them: made once."""
    cards = d.once.get("home")
    if cards is None:
        newest = latest(d)
        cards = d.once["home"] = (newest, most_important(d, newest))
    return cards


def home_page(d: Derived) -> Plan:
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
        newest, top = home_cards(d)
        return d.context(
            meta,
            groups=d.comparison_groups(),
            latest=newest,
            top=top,
            techniques=techniques,
            comparison_count=len(d.catalog.comparisons),
            ranking_count=len(d.rankings),
        )

    return Plan(urls.HOME, "the home page", "home", "index.html", build, lastmod=d.newest)


def _leads(d: Derived, ranking: Ranking) -> bool:
    """Whether the first of a ranking is ahead of the second by wins, losses or popularity:
    two techniques only ever used together, with no popularity, are first and second by
    their names, and naming one "our top pick" would be a pick decided by the alphabet."""
    first, second = (d.catalog.techniques[slug] for slug in ranking.entries[:2])
    return (
        rank_key(first, d.records[first.slug])[:3] != rank_key(second, d.records[second.slug])[:3]
    )


def ranking_pages(d: Derived) -> Iterator[Plan]:
    for ranking in d.rankings:

        def build(ranking: Ranking) -> dict[str, Any]:
            entries = []
            for position, slug in enumerate(ranking.entries, start=1):
                record = d.records[slug]
                entries.append(RankedEntry(position, d.cards[slug], record, d.matchups(slug)))
            leader = d.cards[ranking.entries[0]] if _leads(d, ranking) else None
            title = ranking_title(ranking, d.words, d.config.language)
            what = ranked_what(ranking, d.words, d.config.language)
            description = (
                d.words.ranking_description.format(n=len(entries), what=what, leader=leader.name)
                if leader is not None
                else d.words.ranking_description_no_leader.format(n=len(entries), what=what)
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
            "ranking",
            "ranking.html",
            build,
            subject=ranking,
            lastmod=lastmod,
        )
        if ranking.path == f"best/{ranking.category_slug}/":
            # Earlier versions published it at best/<category>/<kinds>/: links to there stay good.
            old = f"best/{ranking.category_slug}/{ranking.category_slug}/"
            yield Redirects(d).plan(old, ranking.path, "rankings")

    def build_index(_: None) -> dict[str, Any]:
        groups: dict[str, list[Link]] = defaultdict(list)
        for ranking in d.rankings:
            groups[ranking.category_label].append(
                Link(ranking_title(ranking, d.words, d.config.language), ranking.path)
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
        "rankings",
        "rankings.html",
        build_index,
        lastmod=d.newest,
    )


def category_pages(d: Derived) -> Iterator[Plan]:
    """Every comparison of a category, 500 to a page, so large sites stay browsable."""
    for group in d.comparison_groups():
        page_count = max(1, -(-len(group.comparisons) // pages.CATEGORY_PAGE_SIZE))
        for number in range(1, page_count + 1):
            path = urls.category(group.slug, number)

            def build(page: tuple[ComparisonGroup, int, int, str]) -> dict[str, Any]:
                group, number, page_count, path = page
                start = (number - 1) * pages.CATEGORY_PAGE_SIZE
                shown = group.comparisons[start : start + pages.CATEGORY_PAGE_SIZE]
                words, count = d.words, len(group.comparisons)
                heading = words.category_heading.form(count).format(n=count, label=group.label)
                description = (
                    words.category_description if group.slug != ACROSS else words.across_description
                ).format(
                    label=d.categories_in_sentence.get(group.slug, group.label),
                    site=d.config.title,
                )
                if page_count > 1:
                    page_of = words.page_of.format(number=number, pages=page_count)
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
                links = [
                    Link(str(n), urls.category(group.slug, n)) for n in range(1, page_count + 1)
                ]
                items = [pair_item(d, d.by_path[m.path]) for m in shown]
                return d.context(meta, group=group, comparisons=items, number=number, pages=links)

            lastmod = category_lastmods(d)[group.slug, number]
            yield Plan(
                path,
                f"the {group.label} category",
                "category",
                "category.html",
                build,
                subject=(group, number, page_count, path),
                lastmod=lastmod,
            )


def category_lastmods(d: Derived) -> dict[tuple[str, int], date]:
    """The last change of each category page (by group and page number): the newest of the
    comparisons it shows. Asked by planning and by the pages' digests, once per build."""
    found: dict[tuple[str, int], date] | None = d.once.get("lastmods")
    if found is None or "category days" not in d.once:
        found = d.once["lastmods"] = {}
        every: dict[tuple[str, int], str] = {}
        size = pages.CATEGORY_PAGE_SIZE
        for group in d.comparison_groups():
            for start in range(0, len(group.comparisons), size):
                shown = group.comparisons[start : start + size]
                days = [d.changed(d.by_path[m.path]) for m in shown]
                found[group.slug, start // size + 1] = max(days)
                every[group.slug, start // size + 1] = ",".join(map(date.isoformat, days))
        d.once["category days"] = every
    return found


def category_days(d: Derived) -> dict[tuple[str, int], str]:
    """The date each category page shows beside each of its comparisons, for its digest: a
    comparison dated back (an `updated:` earlier than its file's time) changes the page but
    not its newest date."""
    category_lastmods(d)
    days: dict[tuple[str, int], str] = d.once["category days"]
    return days


def not_found_page(d: Derived) -> Plan:
    def build(_: None) -> dict[str, Any]:
        meta = d.meta(urls.NOT_FOUND, "404", d.words.page_not_found, d.words.not_found_text)
        return d.context(meta)

    return Plan(
        urls.NOT_FOUND,
        "the 404 page",
        "404",
        "404.html",
        build,
        in_sitemap=False,
    )
