"""What a page is before it renders: a `Plan` (a template and a way to build its context, or
raw bytes), the metadata of its <head>, and the limits that decide how lists are cut into
pages. Planners (`comparisonpages`, `techniquepages`, `listpages`, `feeds`, `finder`,
`cardplans`) make plans; `siteplan` gathers them; `render` turns them into bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from nicepick.manifest import Body
from nicepick.ranking import Record
from nicepick.views import Card, Matchup

ACROSS = "across-categories"  # the group of pairs whose sides are in different categories
HOME_CARDS = 6  # comparisons in each of the home page's lists (newest, most important)
CATEGORY_PAGE_SIZE = 500
SITEMAP_LIMIT = 50_000
FEED_ENTRIES = 50
MORE_PER_SIDE = 10


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
    kind share one function, instead of each carrying a closure. `kind` names the kind of
    file ("comparison", "sitemap", "comparison-card"…): what the page shows follows from its
    kind and subject, which is all an incremental build needs to tell whether it changed.
    """

    path: str
    source: str  # what the page is built from, named in error messages
    kind: str
    template: str = ""
    context: Callable[[Any], dict[str, Any]] | None = None
    content: Callable[[Any], Body] | None = None
    subject: Any = None
    in_sitemap: bool = True
    lastmod: date | None = None


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
