"""Share cards as files of the site: one per comparison and per technique, one for the site.

A page's `og:image` is the card beside it (compare/a-vs-b/card.png); pages about no single
thing (home, rankings, categories, tags) share the site's card. A name the card font cannot
draw (a script DejaVu lacks) would come out as boxes, so such a page shows the site's card
instead: a card that says less, never one that says something wrong.

Cards are drawn by the process that renders them (sharecard.py); each draws a name once and
reuses it on every card of that technique. Pages are dealt to the processes in interleaved
chunks, so each would draw nearly every name itself: a build that draws every card draws the
names first, shared out among the processes (`draw_ahead`), and the renderers inherit them.
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
from nicepick.parallel import Parallel
from nicepick.planlist import Made
from nicepick.verdict import Outcome
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
    """What a pair's card shows. `undrawable` knows what it is for a pair not used together:
    both names, the word between them, and the pick's line."""
    outcome = d.outcomes[comparison]
    pick = d.catalog.techniques[outcome.pick]
    other = d.catalog.techniques[outcome.other]
    joiner = d.words.card_together if outcome.together else d.words.card_versus
    if outcome.together:
        headline = headline_of(outcome, pick, d.words)  # the name as written
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
    # A pick's card shows both names, the joiner and "Nice Pick: <the pick>" (comparison_texts):
    # where all of those can be drawn for each side, the pair's card can. Only the other
    # pairs have their texts made and looked at: a tuple of texts for each of 100,000 pairs
    # took 0.3 s of planning.
    words, techniques = d.words, d.catalog.techniques
    sure: set[str] = set()
    if can_draw(str(words.card_versus)):
        sure = {
            slug
            for slug, technique in techniques.items()
            if can_draw(technique.name) and can_draw(words.card_pick.format(name=technique.name))
        }
    found = [
        d.paths[c]
        for c in d.catalog.comparisons
        if not _surely_drawable(d.outcomes[c], sure)
        and not all(map(can_draw, comparison_texts(d, c)))
    ]
    found.extend(
        d.technique_paths[s] for s in techniques if not all(map(can_draw, technique_texts(d, s)))
    )
    return frozenset(found)


def _surely_drawable(outcome: Outcome, sure: set[str]) -> bool:
    return not outcome.together and outcome.pick in sure and outcome.other in sure


def draw_ahead(d: Derived, workers: Parallel) -> None:
    """Every band the site's cards show, drawn once, a share in each forked process, then
    kept in this process's card maker: at 10,000 comparisons each process drew about 2,000
    names and headlines at some 2 ms each, and every one of them was drawn in both."""
    from nicepick.sharecard import comparison_layout, draw_bands, site_layout, technique_layout

    maker = _maker(d)
    drawn, techniques = _drawn(d), _drawn_techniques(d)
    missing = maker.missing(
        itertools.chain(
            (comparison_layout(*comparison_texts(d, c)) for c in drawn),
            (technique_layout(*technique_texts(d, slug)) for slug in techniques),
            [site_layout(d.config.title, d.config.description)],
        )
    )
    if not workers.forks("bands", len(missing)):
        return  # drawn as the cards are rendered
    fonts = maker.fonts
    parts = workers.map(lambda part: (part, draw_bands(fonts, part)), missing)
    for specs, pieces in parts:
        maker.add(specs, pieces)


def _drawn(d: Derived) -> Sequence[Comparison]:
    """The comparisons whose cards can be drawn, found once per build (d.once)."""
    drawn: Sequence[Comparison] | None = d.once.get("drawn")
    if drawn is None:
        comparisons = d.catalog.comparisons
        drawable = [c for c in comparisons if image(d, d.paths[c])]
        # When every card is drawn, the catalog's own tuple: no second list of every pair.
        drawn = comparisons if len(drawable) == len(comparisons) else drawable
        d.once["drawn"] = drawn
    return drawn


def _drawn_techniques(d: Derived) -> list[str]:
    return [slug for slug in d.catalog.techniques if image(d, d.technique_paths[slug])]


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
    techniques = [
        _card(
            urls.card(d.technique_paths[slug]),
            d.catalog.techniques[slug].source,
            "technique-card",
            technique_card,
            slug,
        )
        for slug in _drawn_techniques(d)
    ]
    comparisons = Made(
        _drawn(d), card_of, card_path, False, kind="comparison-card", folder=urls.COMPARISONS
    )
    return [[site], comparisons, techniques]


def _card(path: str, source: str, kind: str, draw: Callable[[Any], bytes], subject: Any) -> Plan:
    return Plan(path, source, kind, content=draw, subject=subject, in_sitemap=False)
