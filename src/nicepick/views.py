"""What templates see: small read-only views of techniques and comparisons, built once each.

Markdown is rendered here (once per technique, not once per page that shows it); links are
site-relative paths that templates pass through the `url` filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from markupsafe import Markup

from nicepick import prose, urls
from nicepick.compose import Composer
from nicepick.dates import FileDates
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import Catalog, Comparison, Technique
from nicepick.nameforms import name_in_sentence
from nicepick.nameforms import plural as plural_name
from nicepick.ranking import Record
from nicepick.verdict import EDITOR, Outcome


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
    aliases: tuple[str, ...] = ()  # as written: composed text keeps their words' case


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
    together: bool = False  # complements: neither won nor lost


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
    updated: date  # the editor's `updated`, else when its file last changed
    published: date
    intro: Markup
    pick: Card  # for complements: the one to adopt first (or listed first)
    other: Card
    together: bool  # complements: used together, nobody wins
    ordered: bool  # complements whose editor said which to adopt first
    reason: Markup
    verdict: Markup
    headline: str  # "PostgreSQL wins", "Start with Docker, then add Kubernetes"
    bottom_line: Markup
    body: Markup
    description: str


def related_links(
    technique: Technique, catalog: Catalog, tag_labels: Mapping[str, str]
) -> tuple[Link, ...]:
    """A technique's related tags as its card links them: to a technique's page where the
    tag names one, else to the tag's page. `tag_labels`: every tag's label by slug."""
    related = []
    for tag in technique.related:
        target = catalog.aliases.get(tag.slug, tag.slug)
        if target in catalog.techniques:
            if target != technique.slug:
                related.append(Link(catalog.techniques[target].name, urls.technique(target)))
        else:
            related.append(Link(tag_labels.get(tag.slug, tag.label), urls.tag(tag.slug)))
    return tuple(related)


def card(
    technique: Technique, md: MarkdownRenderer, related: tuple[Link, ...], category: str
) -> Card:
    """`related`: related_links; `category`: the category's label."""
    summary = md.inline(technique.summary)
    return Card(
        slug=technique.slug,
        name=technique.name,
        path=urls.technique(technique.slug),
        kind=technique.kind,
        category=category,
        tagline=technique.tagline,
        summary=summary,
        summary_text=plain_text(summary),
        pros=tuple(md.inline(p) for p in technique.pros),
        cons=tuple(md.inline(c) for c in technique.cons),
        related=related,
        popularity=prose.format_number(technique.popularity)
        if technique.popularity is not None
        else "",
        aliases=technique.alias_names,
    )


def title_of(
    comparison: Comparison, outcome: Outcome, catalog: Catalog, words: SimpleNamespace
) -> str:
    """ "<pick> vs <other>": the winner is named first, as a reader scanning a list expects.
    Complements are not rivals: "<first> and <second>", the one to adopt first first."""
    shape: str = words.title_together if outcome.together else words.title_versus
    return shape.format(
        first=catalog.techniques[outcome.pick].name, second=catalog.techniques[outcome.other].name
    )


def headline_of(
    outcome: Outcome, pick: Technique, words: SimpleNamespace, language: str | None = None
) -> str:
    """The winner line: "PostgreSQL wins", "Passkeys win", "Start with Docker", "Used
    together", in the theme's words. With the page's `language`, the one to start with is
    named as a sentence in it has it ("Start with a GPS watch"); without, as written (the
    share card, which serve keeps while the standings stand, whatever a summary says)."""
    if not outcome.together:
        shape = words.win if plural_name(pick.name) else words.wins
        return str(shape.format(name=pick.name))
    if outcome.decided_by == EDITOR:
        name = pick.name if language is None else name_in_sentence(pick, language)
        return str(words.start_with.format(name=name))
    return str(words.used_together_headline)


def matchups(
    record: Record,
    catalog: Catalog,
    paths: Mapping[Comparison, str],
    titles: Mapping[Comparison, str],
    technique_paths: Mapping[str, str],
) -> tuple[Matchup, ...]:
    """A technique's comparisons. Addresses and titles come ready-made, one string per
    comparison shared by every list that shows it: at 100,000 pairs, copies cost 30 MB."""
    found = []
    for result in record.results:
        opponent = catalog.techniques[result.opponent]
        found.append(
            Matchup(
                title=titles[result.comparison],
                path=paths[result.comparison],
                opponent=opponent.name,
                opponent_path=technique_paths[opponent.slug],
                won=result.won,
                together=result.together,
            )
        )
    return tuple(sorted(found, key=lambda m: (m.opponent.casefold(), m.path)))


def comparison_view(
    comparison: Comparison,
    outcome: Outcome,
    cards: dict[str, Card],
    catalog: Catalog,
    md: MarkdownRenderer,
    composer: Composer,
    title: str,
    words: SimpleNamespace,
    dated: FileDates,
) -> ComparisonView:
    pick = catalog.techniques[outcome.pick]
    other = catalog.techniques[outcome.other]
    composed = composer.compose(comparison, outcome, pick, other)
    return ComparisonView(
        title=title,
        path=urls.comparison(comparison.first, comparison.second),
        editorial=bool(comparison.verdict),
        updated=dated.changed,
        published=dated.published,
        intro=md.block(comparison.intro) if comparison.intro else composed.intro,
        pick=cards[pick.slug],
        other=cards[other.slug],
        together=outcome.together,
        ordered=outcome.decided_by == EDITOR,
        reason=composed.reason,
        verdict=md.block(comparison.verdict) if comparison.verdict else composed.verdict,
        headline=headline_of(outcome, pick, words, composer.language),
        bottom_line=md.block(comparison.bottom_line)
        if comparison.bottom_line
        else composed.bottom_line,
        body=md.body(comparison.body) if comparison.body else Markup(""),
        description=composed.description,
    )
