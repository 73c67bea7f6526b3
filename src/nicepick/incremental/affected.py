"""Which comparisons a save in serve can have changed the pages of, found from the inputs.

Nearly all of a large site's pages are made one per comparison: its page, the redirect from
the reverse order, its share card (300,000 at 100,000 comparisons). Digesting every one of
them on every save was two thirds of a save's time, although an edit to one technique reaches
only that technique's hundred or so comparisons. While the standings and the settings are
what the last build had, the pages of a comparison can differ only if what its page shows
(shows.SHOWS["comparison"]: its own file, its dates, a `side` of each technique)
differs; the redirect and the card show the standings alone (STANDINGS_ONLY). So the others
are left out of the build altogether, their files and records kept as they are.
"""

from __future__ import annotations

from nicepick.incremental.fingerprints import Fingerprints
from nicepick.models import Comparison

# The kinds of page made one per comparison (planlist.Made parts), from what `affected` reads.
PER_COMPARISON = frozenset({"comparison", "redirect", "comparison-card"})


def affected(now: Fingerprints, then: Fingerprints) -> set[Comparison] | None:
    """The comparisons whose pages may differ from those `then`'s build made; None when any
    may (other standings or other settings).

    With the same standings object, the comparisons are the same objects with the same
    outcomes, addresses and lists; what is left to differ is a technique's `side` (its card,
    its facts) and a comparison's dates, which come from the files' history."""
    d = now.d
    if then.d.standings is not d.standings or then.base != now.base:
        return None
    found: set[Comparison] = set()
    for slug in d.catalog.techniques:
        if now.side(slug) != then.side(slug):
            found.update(d.by_path[matchup.path] for matchup in d.matchups(slug))
    dated, before = d.dates.comparisons, then.d.dates.comparisons
    if dated != before:
        found.update(c for c in d.catalog.comparisons if before.get(c) != dated[c])
    return found
