"""Every file a site will have, planned before anything renders.

Contexts are built lazily, page by page, so a large site never holds every page's data at once;
the list of paths is complete up front so collisions are found before the first write.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from nicepick import cardplans, feeds, finder
from nicepick.comparisonpages import comparison_pages
from nicepick.config import SiteConfig
from nicepick.dates import ContentDates
from nicepick.derived import Derived
from nicepick.errors import Problems
from nicepick.listpages import category_pages, home_page, not_found_page, ranking_pages
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog
from nicepick.pages import Plan
from nicepick.reuse import Reuse, kept
from nicepick.standings import Standings, standings_of, structure_of
from nicepick.techniquepages import tag_pages, technique_pages


@dataclass(frozen=True)
class SitePlan:
    """The site's pages, and the facts they were planned from."""

    derived: Derived
    plans: list[Plan]


def plan_site(
    catalog: Catalog,
    config: SiteConfig,
    md: MarkdownRenderer,
    problems: Problems,
    theme_words: SimpleNamespace,
    dates: ContentDates,
    reuse: Reuse | None = None,
) -> SitePlan:
    """Every file the site will have, in a fixed order; colliding paths become problems."""

    def standings() -> Standings:
        return standings_of(catalog, config.labels, theme_words)

    standing = kept(
        reuse, "standings", lambda: structure_of(catalog, config.labels, theme_words), standings
    )
    d = Derived(catalog, config, md, theme_words, dates, standing)
    if reuse is not None:
        _carry_over(reuse, d)
    pages: list[Plan] = [home_page(d)]
    pages += comparison_pages(d)
    pages += technique_pages(d)
    pages += ranking_pages(d)
    pages += tag_pages(d)
    pages += category_pages(d)
    pages.append(not_found_page(d))
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
    return SitePlan(d, pages)


def _carry_over(reuse: Reuse, d: Derived) -> None:
    """What serve's last build chose once for all pages (Derived.once), kept while what it
    was chosen from is the same: which cards can be drawn (from the standings alone) and
    the home page's comparisons (the standings and every comparison's dates). A pass over
    every comparison each, 0.45 s of a save at 100,000. serve fills `once` as it renders,
    in this process; `build` remembers nothing."""
    earlier = reuse.recall("once")
    if earlier is not None and earlier[0] is d.standings:
        if "undrawable" in earlier[2]:
            d.once["undrawable"] = earlier[2]["undrawable"]
        if "home" in earlier[2] and earlier[1] == d.dates.comparisons:
            d.once["home"] = earlier[2]["home"]
    reuse.remember("once", (d.standings, d.dates.comparisons, d.once))
