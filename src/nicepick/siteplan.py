"""Every file a site will have, planned before anything renders.

Contexts are built lazily, page by page, so a large site never holds every page's data at once;
the list of paths is complete up front so collisions are found before the first write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from nicepick import cardplans, feeds, finder
from nicepick.comparisonpages import comparison_pages
from nicepick.config import SiteConfig
from nicepick.dates import ContentDates
from nicepick.derived import Derived
from nicepick.errors import Problem, Problems
from nicepick.listpages import category_pages, home_page, not_found_page, ranking_pages
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog
from nicepick.pages import Plan
from nicepick.planlist import PlanList
from nicepick.reuse import Reuse, kept
from nicepick.standings import Standings, standings_of, structure_of
from nicepick.techniquepages import tag_pages, technique_pages


@dataclass(frozen=True)
class SitePlan:
    """The site's pages, and the facts they were planned from."""

    derived: Derived
    plans: PlanList


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
    cards = reuse.recall("cards") if reuse is not None else None
    d = Derived(catalog, config, md, theme_words, dates, standing, cards or {})
    if reuse is not None:
        reuse.remember("cards", d.cards_made)
        _carry_over(reuse, d)
    parts: list[Sequence[Plan]] = [[home_page(d)]]
    parts += comparison_pages(d)
    parts.append(list(technique_pages(d)))
    parts.append(list(ranking_pages(d)))
    parts.append(list(tag_pages(d)))
    parts.append(list(category_pages(d)))
    parts.append([not_found_page(d)])
    parts.append(list(feeds.exports(d, kept(reuse, "export lines", lambda: config.base_url, dict))))
    parts.append(list(finder.plans(d)))
    parts += cardplans.plans(d)
    parts.append(list(feeds.feed_and_sitemaps(d, PlanList(parts))))
    pages = PlanList(parts)
    # The pages made per comparison have the same paths while the standings and the settings
    # are the same: serve keeps their hashes (0.12 s of a save at 100,000 comparisons).
    made = kept(reuse, "made paths", lambda: (standing, config), lambda: hashes(pages, True))
    problems.extend(collisions(pages, made))
    return SitePlan(d, pages)


def hashes(plans: PlanList, made: bool | None = None) -> set[int] | None:
    """The hashes of the plans' paths (PlanList.paths); None when two are the same."""
    seen: set[int] = set()
    for path in plans.paths(made):
        before = len(seen)
        seen.add(hash(path))
        if len(seen) == before:
            return None
    return seen


def _apart(paths: Iterable[str], made: set[int]) -> bool:
    """Whether no two of the paths, and none of them and those of `made`, share a hash."""
    seen: set[int] = set()
    for path in paths:
        code = hash(path)
        if code in made or code in seen:
            return False
        seen.add(code)
    return True


def collisions(plans: PlanList, made: set[int] | None = None) -> list[Problem]:
    """Pages that share a path: a problem for each pair of sources, said once.

    A set of the paths' hashes finds that there are none, which is nearly always, without
    holding every path (900,000 at 300,000 comparisons) and its plan; only when two hashes
    match are the paths held, to name what collides. `made`: the hashes of the paths of the
    `Made` parts, known already (None: they repeat one, or are not known)."""
    if made is None:
        made = hashes(plans, True)
    if made is not None and _apart(plans.paths(made=False), made):
        return []
    del made
    found: list[Problem] = []
    owners: dict[str, str] = {}
    told: set[tuple[str, str]] = set()  # a page and its card collide together: say it once
    for plan in plans:
        earlier = owners.get(plan.path)
        if earlier is None:
            owners[plan.path] = plan.source
        elif (plan.source, earlier) not in told:
            told.add((plan.source, earlier))
            what = "redirect" if plan.kind == "redirect" else "page"  # a pair's reverse order
            found.append(
                Problem(
                    plan.source,
                    0,
                    0,
                    f"its {what} /{plan.path} is also produced by {earlier}",
                    "rename a slug so the two URLs differ",
                )
            )
    return found


# What Derived.once holds that comes from the standings alone, and from them and the dates.
_FROM_STANDINGS = ("undrawable", "drawn")
_FROM_STANDINGS_AND_DATES = ("home", "feed", "lastmods", "category days")


def _carry_over(reuse: Reuse, d: Derived) -> None:
    """What serve's last build chose once for all pages (Derived.once), kept while what it
    was chosen from is the same: which cards can be drawn and are (from the standings
    alone); the home page's comparisons, the feed's and each category page's last change
    (the standings and every comparison's dates). A pass over every comparison each, 0.6 s
    of a save at 100,000. serve fills `once` as it renders, in this process; `build`
    remembers nothing."""
    earlier = reuse.recall("once")
    if earlier is not None and earlier[0] is d.standings:
        dated = earlier[1] == d.dates.comparisons
        for key in (*_FROM_STANDINGS, *(_FROM_STANDINGS_AND_DATES if dated else ())):
            if key in earlier[2]:
                d.once[key] = earlier[2][key]
    reuse.remember("once", (d.standings, d.dates.comparisons, d.once))
