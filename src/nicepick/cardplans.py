"""Share cards as files of the site: one per comparison and per technique, one for the site.

A page's `og:image` is the card beside it (compare/a-vs-b/card.png); pages about no single
thing (home, rankings, categories, tags) share the site's card. A name the card font cannot
draw (a script DejaVu lacks) would come out as boxes, so such a page shows the site's card
instead: a card that says less, never one that says something wrong.

Cards are drawn by the process that renders them (sharecard.py); each draws a name once and
reuses it on every card of that technique.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from nicepick import urls
from nicepick.derived import Derived
from nicepick.models import Comparison
from nicepick.pages import Plan
from nicepick.planlist import Made
from nicepick.views import headline_of

if TYPE_CHECKING:
    from nicepick.sharecard import CardMaker, Fonts

_FONTS: Fonts | None = None
_MAKER: tuple[tuple[str, str], CardMaker] | None = None


def _fonts() -> Fonts:
    global _FONTS
    if _FONTS is None:
        from nicepick.sharecard import Fonts

        _FONTS = Fonts()
    return _FONTS


def _maker(d: Derived) -> CardMaker:
    """This process's card maker for the site; its bands live as long as the process."""
    global _MAKER
    parts = urlsplit(d.config.base_url)
    key = (d.config.title, (parts.netloc + parts.path).rstrip("/"))
    if _MAKER is None or _MAKER[0] != key:
        from nicepick.sharecard import CardMaker

        _MAKER = (key, CardMaker(key[0], key[1], _fonts()))
    return _MAKER[1]


def comparison_texts(d: Derived, comparison: Comparison) -> tuple[str, str, str, str]:
    outcome = d.outcomes[comparison]
    pick = d.catalog.techniques[outcome.pick]
    other = d.catalog.techniques[outcome.other]
    joiner = d.words.card_together if outcome.together else d.words.card_versus
    if outcome.together:
        headline = headline_of(outcome, pick, d.words)
    else:
        headline = d.words.card_pick.format(name=pick.name)
    return pick.name, other.name, str(joiner), headline


def technique_texts(d: Derived, slug: str) -> tuple[str, str]:
    card = d.cards[slug]
    return card.name, f"{card.kind} · {card.category}" if card.category else card.kind


def image(d: Derived, page_path: str) -> str:
    """The share card a page names in its `og:image`: its own, or the site's ("")."""
    if not d.config.share_cards or page_path in _undrawable(d):
        return ""
    if page_path not in d.by_path:
        slug = page_path.removeprefix("tools/").removesuffix("/")
        if slug not in d.cards or d.cards[slug].path != page_path:
            return ""
    return urls.card(page_path)


def _undrawable(d: Derived) -> frozenset[str]:
    found = d.once.get("undrawable")
    if found is None:
        found = d.once["undrawable"] = undrawable(d)
    return found


def undrawable(d: Derived) -> frozenset[str]:
    """The pages whose card the font cannot draw, found in one pass per build: planning,
    each page and its digest all ask, 300,000 times at 100,000 comparisons. What it reads
    is the standings' (names, kinds, categories, outcomes, the theme's words)."""
    can_draw = _fonts().can_draw
    texts = itertools.chain(
        ((d.paths[c], comparison_texts(d, c)) for c in d.catalog.comparisons),
        ((d.technique_paths[s], technique_texts(d, s)) for s in d.catalog.techniques),
    )
    return frozenset(path for path, shown in texts if not all(map(can_draw, shown)))


def plans(d: Derived) -> list[Sequence[Plan]]:
    """The site's card, a card per comparison (made when rendered: planlist.py) and one per
    technique, each where its texts can be drawn."""
    if not d.config.share_cards:
        return []

    def site_card(_: None) -> bytes:
        return _maker(d).site(d.config.title, d.config.description)

    def comparison_card(comparison: Comparison) -> bytes:
        return _maker(d).comparison(*comparison_texts(d, comparison))

    def technique_card(slug: str) -> bytes:
        return _maker(d).technique(*technique_texts(d, slug))

    def card_path(comparison: Comparison) -> str:
        return urls.card(d.paths[comparison])

    def card_of(comparison: Comparison) -> Plan:
        path = card_path(comparison)
        return _card(path, comparison.source, "comparison-card", comparison_card, comparison)

    site = _card(urls.SITE_CARD, "the site's share card", "site-card", site_card, None)
    drawn: Sequence[Comparison] | None = d.once.get("drawn")
    if drawn is None:
        comparisons = d.catalog.comparisons
        drawable = [c for c in comparisons if image(d, d.paths[c])]
        # When every card is drawn, the catalog's own tuple: no second list of every pair.
        drawn = comparisons if len(drawable) == len(comparisons) else drawable
        d.once["drawn"] = drawn
    techniques = [
        _card(urls.card(path), technique.source, "technique-card", technique_card, slug)
        for slug, technique in d.catalog.techniques.items()
        if image(d, path := d.technique_paths[slug])
    ]
    return [[site], Made(drawn, card_of, card_path, False, kind="comparison-card"), techniques]


def _card(path: str, source: str, kind: str, draw: Callable[[Any], bytes], subject: Any) -> Plan:
    return Plan(path, source, kind, content=draw, subject=subject, in_sitemap=False)
