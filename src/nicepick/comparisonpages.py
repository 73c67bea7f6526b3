"""The page of each comparison, and the redirects that keep moved addresses working."""

from __future__ import annotations

from datetime import date
from typing import Any

from nicepick import cardplans, pages, urls
from nicepick.compose import Composer
from nicepick.derived import Derived
from nicepick.models import Comparison
from nicepick.pages import Crumb, Plan
from nicepick.planlist import Made
from nicepick.views import MoreSide, comparison_view


def comparison_pages(d: Derived) -> list[Made]:
    """A page per comparison, then a redirect from the reverse order of each: made when they
    are rendered (planlist.py). Each plan names its comparison; one shared function builds
    any of their contexts (a closure per page cost 200 bytes, 40 MB at 100,000 pairs, in the
    parent and again in every worker that touched it)."""
    composer = Composer(
        d.md, d.config.popularity, d.config.facts, d.config.language, d.config.labels
    )

    groups = d.groups_by_slug
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
            meta,
            comparison=view,
            more=more,
            facts=d.facts.table(outcome.pick, outcome.other, marks=not outcome.together),
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
        head = everything[: pages.MORE_PER_SIDE + 1]
        # This page is one of the technique's comparisons: the others are one fewer.
        total = len(everything) - 1
        if any(m.path == path for m in head):
            return MoreSide(d.cards[slug], [m for m in head if m.path != path], total)
        side = common.get(slug)
        if side is None:
            side = common[slug] = MoreSide(
                d.cards[slug], list(head[: pages.MORE_PER_SIDE]), total, common=True
            )
        return side

    paths, dated, redirect = d.paths, d.dates.comparisons, Redirects(d)

    def changed(comparison: Comparison) -> date:
        return dated[comparison].changed

    def page(comparison: Comparison) -> Plan:
        return Plan(
            paths[comparison],
            comparison.source,
            "comparison",
            "comparison.html",
            build,
            subject=comparison,
            lastmod=changed(comparison),
        )

    def reverse(comparison: Comparison) -> str:
        return urls.comparison(comparison.second, comparison.first)

    def moved(comparison: Comparison) -> Plan:
        return redirect.plan(reverse(comparison), paths[comparison], comparison.source)

    comparisons, folder = d.catalog.comparisons, urls.COMPARISONS
    return [
        Made(
            comparisons,
            page,
            paths.__getitem__,
            True,
            "comparison.html",
            "comparison",
            changed,
            folder,
        ),
        Made(comparisons, moved, reverse, False, "redirect.html", "redirect", folder=folder),
    ]


class Redirects:
    """Plans for addresses that moved: the reverse order of a pair, a technique's alias."""

    def __init__(self, d: Derived) -> None:
        self.d = d

    def build(self, target: str) -> dict[str, Any]:
        moved = self.d.words.this_page_has_moved
        meta = self.d.meta(target, "redirect", moved, moved)
        return self.d.context(meta, target=target)

    def plan(self, path: str, target: str, source: str) -> Plan:
        return Plan(
            path,
            source,
            "redirect",
            "redirect.html",
            self.build,
            subject=target,
            in_sitemap=False,
        )
