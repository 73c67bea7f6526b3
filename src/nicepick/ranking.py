"""Head-to-head records and the rankings built from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from nicepick import prose, urls
from nicepick.labels import as_written
from nicepick.models import Catalog, Comparison, Technique
from nicepick.slugs import slugify
from nicepick.verdict import Outcome


@dataclass(slots=True)
class Result:
    """One comparison seen from one side (read-only by convention: two per comparison, and
    a frozen __init__ costs a setattr call per field)."""

    comparison: Comparison
    opponent: str
    won: bool
    together: bool = False  # complements: neither a win nor a loss


@dataclass(frozen=True, slots=True)
class Record:
    """A technique's results, and their counts, counted once: pages, exports and digests ask
    for them 10,000 times a build, and serve keeps the records while the standings stand."""

    results: tuple[Result, ...]
    wins: int = field(init=False)
    losses: int = field(init=False)
    pairings: int = field(init=False)  # with a technique it is used together with

    def __post_init__(self) -> None:
        won = sum(1 for r in self.results if r.won)
        together = sum(1 for r in self.results if r.together)
        object.__setattr__(self, "wins", won)
        object.__setattr__(self, "losses", len(self.results) - won - together)
        object.__setattr__(self, "pairings", together)


@dataclass(frozen=True, slots=True)
class Ranking:
    """The techniques of one category and kind, best first."""

    category_slug: str
    category_label: str
    kinds_label: str  # "libraries"
    path: str
    entries: tuple[str, ...]  # technique slugs, best first


def records(catalog: Catalog, outcomes: dict[Comparison, Outcome]) -> dict[str, Record]:
    """Every technique's results, opponents in URL order; techniques in no comparison get none."""
    results: dict[str, list[Result]] = defaultdict(list)
    for comparison in catalog.comparisons:
        outcome = outcomes[comparison]
        for side in (comparison.first, comparison.second):
            won = side == outcome.pick and not outcome.together
            results[side].append(Result(comparison, comparison.other(side), won, outcome.together))
    return {slug: Record(tuple(results.get(slug, ()))) for slug in catalog.techniques}


def category_label(technique: Technique, labels: Mapping[str, str]) -> str:
    """A heading for the category: as written, unless it was written as a slug."""
    return as_written(technique.category, technique.category_slug, labels)


def rank_key(technique: Technique, record: Record) -> tuple[int, int, float, str, str]:
    """Wins, then fewer losses, then popularity, then name: a total order, so ties sort the same
    way every build. Losses come before popularity because a 3–0 record ranked under a 3–2 one
    on popularity alone reads as a mistake."""
    popularity = technique.popularity if technique.popularity is not None else float("-inf")
    return (-record.wins, record.losses, -popularity, technique.name.casefold(), technique.slug)


def rankings(
    catalog: Catalog, record_of: dict[str, Record], labels: Mapping[str, str]
) -> list[Ranking]:
    """One ranking per category and kind with at least two techniques.

    A list of one ranks nothing.
    """
    groups: dict[tuple[str, str], list[Technique]] = defaultdict(list)
    for technique in catalog.techniques.values():
        if technique.category_slug:
            kinds_slug = slugify(prose.plural(technique.kind))
            groups[(technique.category_slug, kinds_slug)].append(technique)
    found: list[Ranking] = []
    for (category_slug, kinds_slug), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        members.sort(key=lambda t: rank_key(t, record_of[t.slug]))
        first = min(members, key=lambda t: t.slug)  # labels from a fixed member, not the leader
        found.append(
            Ranking(
                category_slug=category_slug,
                category_label=category_label(first, labels),
                kinds_label=prose.plural(first.kind),
                path=urls.ranking(category_slug, kinds_slug),
                entries=tuple(t.slug for t in members),
            )
        )
    return found
