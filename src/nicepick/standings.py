"""Who won what: each comparison's outcome, every technique's record, the rankings, and the
lists of comparisons that pages share (a technique's matchups, the groups by category).

They are made from the comparisons and a few fields of each technique (`structure_of`), never
from a technique's text, so a save that edits a summary or a pro leaves them standing: serve
keeps them between rebuilds while `structure_of` is unchanged (incremental/session.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace

from nicepick import urls
from nicepick.models import Catalog, Comparison
from nicepick.pages import ACROSS, ComparisonGroup
from nicepick.ranking import Ranking, Record, category_label, rankings, records
from nicepick.verdict import Outcome, decide
from nicepick.views import Matchup, matchups, title_of


def structure_of(
    catalog: Catalog, labels: Mapping[str, str], words: SimpleNamespace
) -> tuple[object, ...]:
    """What standings are made from: the comparisons themselves (compared by identity), every
    technique field they read, and the labels and theme words in titles and group names."""
    return (
        catalog.comparisons,
        tuple(
            (t.slug, t.name, t.kind, t.category, t.category_slug, t.popularity)
            for t in catalog.techniques.values()
        ),
        repr(labels),
        repr(words),
    )


@dataclass(eq=False)
class Standings:
    """Outcomes, records, rankings, each comparison's address and title, and the lists of
    comparisons pages share. Made by `standings_of`; nothing changes them afterwards, and
    they equal only themselves: what serve keeps while they stand is keyed by them."""

    outcomes: dict[Comparison, Outcome]
    records: dict[str, Record]
    rankings: list[Ranking]
    paths: dict[Comparison, str]
    titles: dict[Comparison, str]
    by_path: dict[str, Comparison]
    groups: list[ComparisonGroup]
    group_of: dict[Comparison, str]  # the slug of the group each comparison is listed in
    catalog: Catalog
    technique_paths: dict[str, str]
    _matchups: dict[str, tuple[Matchup, ...]] = field(default_factory=dict)

    def matchups(self, slug: str) -> tuple[Matchup, ...]:
        """A technique's comparisons, made when first asked for. A one-edit build asks for
        those of the few pages it renders: making all 200,000 items up front was 0.5–1 s of
        it at 100,000 comparisons. Serve keeps them as long as the standings."""
        found = self._matchups.get(slug)
        if found is None:
            found = self._matchups[slug] = matchups(
                self.records[slug], self.catalog, self.paths, self.titles, self.technique_paths
            )
        return found


def standings_of(catalog: Catalog, labels: Mapping[str, str], words: SimpleNamespace) -> Standings:
    techniques = catalog.techniques
    outcomes = {c: decide(c, techniques) for c in catalog.comparisons}
    recorded = records(catalog, outcomes)
    # One address and one title string per comparison, shared by every page and list.
    paths = {c: urls.comparison(c.first, c.second) for c in catalog.comparisons}
    titles = {c: title_of(c, outcomes[c], catalog, words) for c in catalog.comparisons}
    technique_paths = {slug: urls.technique(slug) for slug in techniques}
    group_of: dict[Comparison, str] = {}
    grouped: dict[str, list[Matchup]] = {}
    names: dict[str, str] = {}
    for comparison in catalog.comparisons:
        outcome = outcomes[comparison]
        first, second = techniques[comparison.first], techniques[comparison.second]
        key = first.category_slug if first.category_slug == second.category_slug else ""
        if key and key not in names:  # a label once per category, not once per pair
            names[key] = category_label(first, labels)
        group_of[comparison] = key or ACROSS
        pick = techniques[outcome.pick]
        grouped.setdefault(key, []).append(
            Matchup(
                title=titles[comparison],
                path=paths[comparison],
                opponent=pick.name,
                opponent_path=technique_paths[pick.slug],
                won=not outcome.together,
                together=outcome.together,
            )
        )
    groups = [  # by category, mixed pairs last
        ComparisonGroup(
            key or ACROSS,
            names.get(key, words.across_categories),
            urls.category(key or ACROSS),
            sorted(items, key=lambda m: (m.title.casefold(), m.path)),
        )
        for key, items in sorted(grouped.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]
    return Standings(
        outcomes,
        recorded,
        rankings(catalog, recorded, labels),
        paths,
        titles,
        {path: c for c, path in paths.items()},
        groups,
        group_of,
        catalog,
        technique_paths,
    )
