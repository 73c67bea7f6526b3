"""What templates see: small read-only views of techniques and comparisons, built once each.

Markdown is rendered here (once per technique, not once per page that shows it); links are
site-relative paths that templates pass through the `url` filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from nicepick import prose, urls
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import Catalog, Comparison, Technique
from nicepick.ranking import Record, category_label
from nicepick.verdict import Composer, Outcome, decided_by_text, same_kind


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    path: str


@dataclass(frozen=True, slots=True)
class Card:
    """One technique as shown on comparison, ranking and tag pages."""

    slug: str
    name: str
    path: str
    kind: str
    category: str
    tagline: str
    summary: Markup
    summary_text: str
    pros: tuple[Markup, ...]
    cons: tuple[Markup, ...]
    related: tuple[Link, ...]
    popularity: str  # formatted, empty when unknown


@dataclass(slots=True)
class Matchup:
    """A comparison seen from one technique: who it faced and whether it was the pick.

    Read-only by convention, not frozen: there are three per comparison, and a frozen
    __init__ costs a setattr call per field."""

    title: str
    path: str
    opponent: str
    opponent_path: str
    won: bool


@dataclass(slots=True)
class MoreSide:
    """One side's "more comparisons" on a comparison page: the head of its list.

    An object, not a dict: Jinja looks a name up as an attribute first, and on a dict that
    lookup fails by raising, which cost 2 us per use, six uses per page."""

    card: Card
    matchups: list[Matchup]
    total: int  # every other comparison of this technique, shown or not
    # The same side on every page of this technique but the few its list starts with, and
    # one object for all of them: its HTML is rendered once per build (`more_html`).
    common: bool = False


@dataclass(slots=True)
class ComparisonView:  # read-only by convention; one is made per comparison page
    title: str
    path: str
    editorial: bool
    updated: date | None
    intro: Markup
    pick: Card
    other: Card
    decided_by: str
    same_kind: bool
    verdict: Markup
    bottom_line: Markup
    body: Markup
    description: str


def card(technique: Technique, catalog: Catalog, md: MarkdownRenderer) -> Card:
    related = []
    for tag in technique.related:
        target = catalog.aliases.get(tag.slug, tag.slug)
        if target in catalog.techniques:
            if target != technique.slug:
                related.append(Link(catalog.techniques[target].name, urls.technique(target)))
        else:
            related.append(Link(tag.label, urls.tag(tag.slug)))
    summary = md.inline(technique.summary)
    return Card(
        slug=technique.slug,
        name=technique.name,
        path=urls.technique(technique.slug),
        kind=technique.kind,
        category=category_label(technique) if technique.category else "",
        tagline=technique.tagline,
        summary=summary,
        summary_text=plain_text(summary),
        pros=tuple(md.inline(p) for p in technique.pros),
        cons=tuple(md.inline(c) for c in technique.cons),
        related=tuple(related),
        popularity=prose.format_number(technique.popularity)
        if technique.popularity is not None else "",
    )


def title_of(comparison: Comparison, outcome: Outcome, catalog: Catalog) -> str:
    """"<pick> vs <other>": the winner is named first, as a reader scanning a list expects."""
    return f"{catalog.techniques[outcome.pick].name} vs {catalog.techniques[outcome.other].name}"


def matchups(record: Record, catalog: Catalog, paths: Mapping[Comparison, str],
             titles: Mapping[Comparison, str],
             technique_paths: Mapping[str, str]) -> tuple[Matchup, ...]:
    """A technique's comparisons. Addresses and titles come ready-made, one string per
    comparison shared by every list that shows it: at 100,000 pairs, copies cost 30 MB."""
    found = []
    for result in record.results:
        opponent = catalog.techniques[result.opponent]
        found.append(Matchup(
            title=titles[result.comparison],
            path=paths[result.comparison],
            opponent=opponent.name,
            opponent_path=technique_paths[opponent.slug],
            won=result.won,
        ))
    return tuple(sorted(found, key=lambda m: (m.opponent.casefold(), m.path)))


def comparison_view(comparison: Comparison, outcome: Outcome, cards: dict[str, Card],
                    catalog: Catalog, md: MarkdownRenderer, composer: Composer) -> ComparisonView:
    pick = catalog.techniques[outcome.pick]
    other = catalog.techniques[outcome.other]
    intro = md.block(comparison.intro) if comparison.intro else composer.intro(pick, other)
    verdict = md.block(comparison.verdict) if comparison.verdict else \
        composer.verdict(comparison, pick, other)
    bottom = md.block(comparison.bottom_line) if comparison.bottom_line else \
        composer.bottom_line(comparison, outcome, pick, other)
    title = f"{pick.name} vs {other.name}"
    description = (f"{title}: what each is for, pros and cons, and our pick. The Nice Pick is "
                   f"{pick.name}. " + decided_by_text(outcome, pick, other))
    return ComparisonView(
        title=title,
        path=urls.comparison(comparison.first, comparison.second),
        editorial=bool(comparison.verdict),
        updated=comparison.updated,
        intro=intro,
        pick=cards[pick.slug],
        other=cards[other.slug],
        decided_by=decided_by_text(outcome, pick, other),
        same_kind=same_kind(pick, other),
        verdict=verdict,
        bottom_line=bottom,
        body=md.body(comparison.body) if comparison.body else Markup(""),
        description=description,
    )
