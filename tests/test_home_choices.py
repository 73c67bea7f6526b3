"""The home page's two lists and the feed choose among every comparison, but look closely
at only a few (listpages._popular_pairs, Derived.changed_lately): what they choose must be
what weighing every comparison chooses, whatever the popularity numbers and dates."""

from __future__ import annotations

import heapq
import itertools
from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from nicepick import feeds, listpages, pages
from nicepick.derived import Derived
from nicepick.models import Catalog, Comparison, Technique
from nicepick.ranking import records
from nicepick.verdict import decide

POPULARITY = st.sampled_from([None, -3.0, -1.0, -0.5, 0.0, 1.5, 2.0, 2.0, 10.0, 1e9])


@st.composite
def sites(draw: st.DrawFn) -> SimpleNamespace:
    count = draw(st.integers(2, 9))
    slugs = [f"t{n}" for n in range(count)]
    techniques = {
        slug: Technique(slug, slug.upper(), "s", popularity=draw(POPULARITY)) for slug in slugs
    }
    pairs = draw(
        st.lists(st.sampled_from(list(itertools.combinations(slugs, 2))), min_size=1, unique=True)
    )
    # Picked by hand: equal or unknown popularity decides nothing.
    comparisons = tuple(
        Comparison(a, b, pick=draw(st.sampled_from([a, b]))) for a, b in sorted(pairs)
    )
    catalog = Catalog(techniques, comparisons, {})
    start = date(2026, 1, 1)
    days = {c: start + timedelta(days=draw(st.integers(0, 3))) for c in comparisons}
    published = {c: start - timedelta(days=draw(st.integers(0, 2))) for c in comparisons}
    outcomes = {c: decide(c, techniques) for c in comparisons}
    site = SimpleNamespace(
        catalog=catalog,
        records=records(catalog, outcomes),
        outcomes=outcomes,
        paths={c: f"compare/{c.first}-vs-{c.second}/" for c in comparisons},
        titles={c: f"{c.first.upper()} vs {c.second.upper()}" for c in comparisons},
        dates=SimpleNamespace(
            comparisons={
                c: SimpleNamespace(changed=days[c], published=published[c]) for c in comparisons
            }
        ),
    )
    site.changed = lambda c: days[c]
    site.published = lambda c: published[c]
    site.changed_lately = lambda count: Derived.changed_lately(site, count)  # type: ignore[arg-type]
    return site


def _every_pair_weighed(d: SimpleNamespace, skipped: set[str]) -> list[Comparison]:
    """The choice as made before: a weight for every comparison."""
    techniques = d.catalog.techniques

    def weight(c: Comparison) -> tuple[float, int, str, str]:
        a, b = techniques[c.first], techniques[c.second]
        known = [t.popularity for t in (a, b) if t.popularity is not None]
        popularity = min(known) if len(known) == 2 else -1.0
        compared = len(d.records[a.slug].results) + len(d.records[b.slug].results)
        return (-popularity, -compared, d.titles[c].casefold(), d.paths[c])

    candidates = [c for c in d.catalog.comparisons if d.paths[c] not in skipped]
    return heapq.nsmallest(pages.HOME_CARDS, candidates, key=weight)


@settings(max_examples=300, deadline=None)
@given(sites(), st.data())
def test_the_most_important_pairs_are_those_weighing_every_pair_finds(
    d: SimpleNamespace, data: st.DataObject
) -> None:
    paths = sorted(d.paths.values())
    skipped = set(data.draw(st.lists(st.sampled_from(paths), unique=True, max_size=4)))
    shown = [SimpleNamespace(path=path) for path in skipped]
    chosen = listpages.most_important(d, shown)  # type: ignore[arg-type]
    assert [item.path for item in chosen] == [d.paths[c] for c in _every_pair_weighed(d, skipped)]


@settings(max_examples=200, deadline=None)
@given(sites())
def test_the_newest_pairs_and_feed_entries_are_those_of_every_pair(d: SimpleNamespace) -> None:
    every = d.catalog.comparisons
    newest = heapq.nsmallest(
        pages.HOME_CARDS,
        every,
        key=lambda c: (-d.changed(c).toordinal(), d.titles[c].casefold(), d.paths[c]),
    )
    assert [i.path for i in listpages.latest(d)] == [d.paths[c] for c in newest]  # type: ignore[arg-type]
    entries = heapq.nsmallest(
        pages.FEED_ENTRIES,
        every,
        key=lambda c: (-d.changed(c).toordinal(), -d.published(c).toordinal(), c.first, c.second),
    )
    d.words = SimpleNamespace(feed_pick="{name}", feed_together="t", feed_start_with="{name}")
    found = feeds._newest_entries(d)  # type: ignore[arg-type]
    assert [e["path"] for e in found] == [d.paths[c] for c in entries]
